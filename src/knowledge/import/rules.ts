import type { EntryKind, Escalation, Product, RemediationFlag } from '../schema';

/** A remediation flag inferred from the article's remediation words, with the rule that decided. */
export interface InferredFlag {
  flag: RemediationFlag;
  rule: string;
}

/**
 * The articles state "Remediation required" for session errors only. For every other code the
 * flag is inferred from the remediation text by these rules, in order.
 */
export function inferRemediation(text: string, product: Product): InferredFlag {
  const t = text.trim().toLowerCase();
  if (product === 'mars-agent') return { flag: 'Yes', rule: 'mars-recommended-actions' };
  if (!t || t === 'n/a' || t === 'none') return { flag: 'No', rule: 'not-applicable' };
  const noAction = /^(no action (is )?required|transient error)/.test(t);
  const conditionalAction =
    /\bif (the|this) (error|file)[^.]*\b(reported when downloading|is tiered)\b/.test(t);
  if (noAction && /\bif\b[^.]*\b(download|rename)/.test(t))
    return { flag: 'Maybe', rule: 'conditional-action' };
  if (noAction) return { flag: 'No', rule: 'no-action-required' };
  if (conditionalAction || /^if\b/.test(t)) {
    return /^if (the|this) error persists/.test(t)
      ? { flag: 'Maybe', rule: 'escalate-if-persists' }
      : { flag: 'Maybe', rule: 'conditional-action' };
  }
  // "To resolve this issue, reduce the number of conflict files. The file will sync once…": the
  // sync that follows is the result of the action, not a promise that it resolves itself.
  if (/^to resolve this issue\b/.test(t)) return { flag: 'Yes', rule: 'action-described' };
  if (/should automatically resolve|will be retried|will sync (after|once)/.test(t)) {
    return { flag: 'No', rule: 'self-resolving' };
  }
  return { flag: 'Yes', rule: 'action-described' };
}

const WAITS: [RegExp, number][] = [
  [/\b(a )?couple (of )?hours\b/, 2],
  [/\btwo hours\b/, 2],
  [/\bseveral hours\b/, 6],
  [/\b24 hours\b/, 24],
  [/\b(more than )?a day\b/, 24],
  [/\bseveral days\b/, 72],
];

const SUPPORT =
  /\b(support request|support case|support ticket|contact (microsoft )?support|help \+ support)\b/i;
const NETWORK_ADMIN = /\bnetwork administrator\b/i;
const PERSISTS = /\b(persists?|doesn't change|does not change|unless)\b/i;

/** Sentences of a text, split conservatively (code and paths keep their dots). */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function defaultCollect(product: Product, kind: EntryKind): string[] {
  if (product === 'mars-agent') {
    return [
      'The exact error message and its ID',
      'MARS agent version (MARS console, Actions pane, About Microsoft Azure Recovery Services Agent)',
      'The Recovery Services vault and the protected server names',
    ];
  }
  if (kind === 'per-item-error') {
    return [
      'FileSyncErrorsReport.ps1 output (agent installation folder) listing the items that fail',
      'The Microsoft-FileSync-Agent/ItemResults event log entries for the items',
      'Azure File Sync agent version',
    ];
  }
  return [
    'The latest 9102 events for upload and download (Applications and Services Logs\\Microsoft\\FileSync\\Agent\\Telemetry)',
    'AFSDiag output (Debug-Afs in the agent installation folder)',
    'Azure File Sync agent version, and the Storage Sync Service, sync group and server endpoint names',
  ];
}

const MENTIONED: [RegExp, string][] = [
  [
    /Test-StorageSyncNetworkConnectivity/i,
    'Test-StorageSyncNetworkConnectivity output from the server',
  ],
  [
    /Get-StorageSyncProxyConfiguration/i,
    'Get-StorageSyncProxyConfiguration output (proxy settings)',
  ],
  [/Test-NetConnection/i, 'Test-NetConnection result for the sync service endpoint on port 443'],
  [/FileSyncErrorsReport/i, 'FileSyncErrorsReport.ps1 output listing the items that fail'],
  [/\b9302\b/, 'The 9302 progress events since the last 9102 event'],
];

/**
 * Turns the article's escalation prose ("if this error persists for several hours, create a
 * support request") into a structure that cards and notifications share.
 */
export function extractEscalation(
  text: string,
  product: Product,
  kind: EntryKind,
  flag: RemediationFlag | null,
): Escalation {
  // "If the status doesn't change for several hours, see <section>" sends the reader to more
  // reading, not to support: a wait counts only where no other section is named.
  const said = sentences(text).filter(
    (s) =>
      SUPPORT.test(s) ||
      NETWORK_ADMIN.test(s) ||
      (PERSISTS.test(s) && !/\bsee\b/i.test(s) && WAITS.some(([re]) => re.test(s.toLowerCase()))),
  );
  const words = said.join(' ');
  let waitHours: number | null = null;
  for (const [re, hours] of WAITS) {
    if (re.test(words.toLowerCase())) {
      waitHours = hours;
      break;
    }
  }
  const collect = defaultCollect(product, kind);
  for (const [re, item] of MENTIONED) {
    if (re.test(text) && !collect.includes(item)) collect.push(item);
  }
  if (said.length === 0) {
    // Questions and overviews explain; only errors and procedures can leave someone stuck.
    const explains = kind === 'question' || kind === 'overview' || flag === 'No';
    const action = explains ? 'none' : 'support-if-unresolved';
    return { action, waitHours: null, collect, text: null, source: 'default' };
  }
  let action: Escalation['action'];
  if (NETWORK_ADMIN.test(words) && !SUPPORT.test(words)) action = 'contact-network-admin';
  else if (waitHours !== null) action = 'wait-then-support';
  else action = 'support-if-unresolved';
  return { action, waitHours, collect, text: said.join(' '), source: 'stated' };
}

/** Kind of a section that holds no code table, from its title. */
export function kindFromTitle(title: string): EntryKind {
  const t = title.trim();
  if (/\?$/.test(t) || /^(how|what|why|should|is|are|can|do|does|when|where|if)\b/i.test(t))
    return 'question';
  return 'procedure';
}
