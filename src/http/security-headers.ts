import type restify from 'restify';

/**
 * The hosts Microsoft documents as the frame ancestors a Teams tab must allow (Teams, Outlook
 * and the Microsoft 365 app, and *.cloud.microsoft where they all move): "Prerequisites" in
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements
 */
export const TAB_FRAME_ANCESTORS = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

/**
 * The page loads only its own scripts, styles and API (and teams-js its host list); the Adaptive Cards renderer sets styles
 * through the DOM (allowed) and shows images from anywhere over https (cards may carry them).
 * Only the tab's own origin and the documented Microsoft 365 hosts may frame it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  // teams-js refreshes its list of valid host origins from Microsoft's CDN.
  "connect-src 'self' https://res.cdn.office.net",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors 'self' ${TAB_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** Sets the page and script headers: CSP, no MIME sniffing, no referrer beyond the origin. */
export function setSecurityHeaders(res: restify.Response): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
}
