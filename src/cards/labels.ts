import type {
  Code,
  Entry,
  EntryKind,
  Escalation,
  Product,
  RemediationFlag,
} from '../knowledge/schema';

/** Product names as people say them. */
export const PRODUCT_NAME: Record<Product, string> = {
  'azure-file-sync': 'Azure File Sync',
  'mars-agent': 'MARS agent',
};

/** What kind of answer an entry is, in words. */
export const KIND_NAME: Record<EntryKind, string> = {
  'session-error': 'sync session error',
  'per-item-error': 'per-item (file or folder) error',
  'health-status': 'server endpoint health status',
  question: 'question',
  procedure: 'procedure',
  'mars-error': 'MARS agent error',
  overview: 'overview',
};

/**
 * How an entry's error is named where titles alone may not tell entries apart (the articles give
 * "An internal error occurred." to five codes): its first HRESULT, else its MARS error ID, else
 * its error name; null for an entry of no code.
 */
export function codeName(e: Entry): string | null {
  const c = e.codes[0];
  if (!c) return null;
  if (c.hresult) return c.hresult;
  if (c.marsId) return `error ID ${c.marsId}`;
  return c.errorString;
}

/** The badge of a remediation flag: Yes needs attention, No is good, Maybe is a warning. */
export interface FlagBadge {
  text: string;
  /** Container/Column style (background). */
  style: 'attention' | 'good' | 'warning';
  /** TextBlock colour. */
  color: 'attention' | 'good' | 'warning';
}

const FLAG_STYLE: Record<RemediationFlag, FlagBadge['style']> = {
  Yes: 'attention',
  No: 'good',
  Maybe: 'warning',
};

/** The remediation flag as a badge. */
export function flagBadge(flag: RemediationFlag): FlagBadge {
  const style = FLAG_STYLE[flag];
  return { text: `Remediation required: ${flag}`, style, color: style };
}

/** What each inference rule read in the article, in the reader's words. */
const INFERRED_FROM: Record<string, string> = {
  'not-applicable': 'the article gives no remediation',
  'no-action-required': 'the article says no action is required',
  'conditional-action': 'the article asks for action only in some cases',
  'escalate-if-persists': 'the article asks for action only if the error persists',
  'self-resolving': 'the article says it resolves itself',
  'action-described': 'the article describes what to do',
  'mars-recommended-actions': 'the article recommends actions',
};

/**
 * Where a flag comes from: "stated in the article", or the bot's general advice with what it
 * read in the article (never the name of the rule).
 */
export function flagSource(code: Code): string {
  if (code.remediationSource === 'stated') return 'stated in the article';
  const read = code.remediationRule ? INFERRED_FROM[code.remediationRule] : undefined;
  return `general advice: ${read ?? 'the article does not state it'}`;
}

function hours(h: number): string {
  const unit = h === 1 ? 'hour' : 'hours';
  return h >= 48 && h % 24 === 0 ? `${h} ${unit} (${h / 24} days)` : `${h} ${unit}`;
}

/** What to do when the steps do not help, in one sentence. */
export function escalationSummary(x: Escalation): string {
  switch (x.action) {
    case 'none':
      return 'No escalation needed.';
    case 'contact-network-admin':
      return 'If the steps do not restore connectivity, contact your network administrator.';
    case 'wait-then-support':
      return x.waitHours === null
        ? 'If it persists, open a support request.'
        : `If it persists for ${hours(x.waitHours)}, open a support request.`;
    case 'support-if-unresolved':
      return 'If the steps do not resolve it, open a support request.';
  }
}

/** The link to an entry's section, or null when its article has no public URL. */
export function sourceUrl(e: Entry): string | null {
  if (!e.source.url) return null;
  return e.source.anchor ? `${e.source.url}#${encodeURIComponent(e.source.anchor)}` : e.source.url;
}

/** A readable title for an entry known only by id (`afs-troubleshoot-rbac` → "Troubleshoot rbac"). */
export function titleFromId(id: string): string {
  const words = id.replace(/^(afs|mars)-/, '').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
