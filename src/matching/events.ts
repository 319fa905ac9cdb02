import { hexOf } from '../knowledge/hresult';

/** What a pasted Azure File Sync event or report says, in numbers. */
export interface EventSummary {
  event: '9102' | '9302' | '9121' | '9003' | '9006' | 'errors-report';
  direction?: 'Upload' | 'Download';
  /** Session result as an HRESULT (`0x00000000` for success). */
  hresult?: string;
  perItemErrorCount?: number;
  syncFileCount?: number;
  appliedFileCount?: number;
  appliedDirCount?: number;
  appliedTombstoneCount?: number;
  appliedSizeBytes?: number;
  transferredFiles?: number;
  transferredBytes?: number;
  failedToTransferFiles?: number;
  appliedItemCount?: number;
  totalItemCount?: number;
  appliedBytes?: number;
  totalBytes?: number;
  /** Items applied out of the total, 0-100, one decimal. */
  progressPercent?: number;
  serverEndpoint?: string;
  syncGroup?: string;
  scenario?: string;
  correlationId?: string;
  /** Per-item errors counted by code (FileSyncErrorsReport, 9121). */
  itemErrors?: { hresult: string; count: number; persistent?: boolean }[];
}

// NOTE: no capturing groups inside these: ANY_MARKER numbers its groups one per marker.
const MARKERS: [RegExp, EventSummary['event']][] = [
  [/Replica Sync session completed/i, '9102'],
  [/Replica Sync Progress/i, '9302'],
  [/per-?item error summary/i, '9121'],
  [/Ghosting per file error distribution/i, '9003'],
  [/Recall (?:per file )?error distribution/i, '9006'],
  [/List per item sync errors|Errors distribution:/i, 'errors-report'],
];

/** All markers in one pattern, so a long paste is scanned once. */
const ANY_MARKER = new RegExp(MARKERS.map(([re]) => `(${re.source})`).join('|'), 'gi');

const NUMBER_FIELD_NAMES: [string, keyof EventSummary][] = [
  ['PerItemErrorCount', 'perItemErrorCount'],
  ['SyncFileCount', 'syncFileCount'],
  ['AppliedFileCount', 'appliedFileCount'],
  ['AppliedDirCount', 'appliedDirCount'],
  ['AppliedTombstoneCount', 'appliedTombstoneCount'],
  ['AppliedSizeBytes', 'appliedSizeBytes'],
  ['TransferredFiles', 'transferredFiles'],
  ['TransferredBytes', 'transferredBytes'],
  ['FailedToTransferFiles', 'failedToTransferFiles'],
  ['AppliedItemCount', 'appliedItemCount'],
  ['TotalItemCount', 'totalItemCount'],
  ['AppliedBytes', 'appliedBytes'],
  ['TotalBytes', 'totalBytes'],
];

const NUMBER_FIELDS: [RegExp, keyof EventSummary][] = NUMBER_FIELD_NAMES.map(([name, key]) => [
  new RegExp(`\\b${name}\\b\\s*:?\\s*(\\d+)`, 'i'),
  key,
]);

/** Events read from one message: a paste of hundreds adds nothing past the first few. */
const MAX_EVENTS = 8;

/** `Name: value` or `Name value` (the agent writes `AppliedTombstoneCount 0` without a colon). */
function field(chunk: string, name: string): string | undefined {
  const m = new RegExp(
    `\\b${name}\\b\\s*:?\\s*(?:<CI>)?([^,<\\s]+?)(?:</CI>)?[.,]?(?:\\s|$)`,
    'i',
  ).exec(chunk);
  return m?.[1];
}

function hresultOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^0x[0-9a-f]{1,8}$/i.test(value)) return hexOf(parseInt(value, 16));
  if (/^-?\d+$/.test(value)) {
    const n = Number(value);
    if (n >= -0x8000_0000 && n <= 0xffff_ffff) return hexOf(n);
  }
  return undefined;
}

function summarize(chunk: string, event: EventSummary['event']): EventSummary {
  const s: EventSummary = { event };
  const dir = /\bSyncDirection\b\s*:?\s*(Upload|Download)/i.exec(chunk)?.[1];
  if (dir)
    s.direction = (dir[0].toUpperCase() + dir.slice(1).toLowerCase()) as 'Upload' | 'Download';
  const hr = hresultOf(/\bHResult\b\s*:?\s*(-?\d+|0x[0-9a-f]+)/i.exec(chunk)?.[1]);
  if (hr) s.hresult = hr;
  for (const [re, key] of NUMBER_FIELDS) {
    const m = re.exec(chunk);
    if (m) (s as unknown as Record<string, unknown>)[key] = Number(m[1]);
  }
  if (s.totalItemCount && s.appliedItemCount !== undefined) {
    s.progressPercent = Math.round((1000 * s.appliedItemCount) / s.totalItemCount) / 10;
  }
  const se = field(chunk, 'ServerEndpointName');
  if (se) s.serverEndpoint = se;
  const sg = field(chunk, 'SyncGroupName');
  if (sg) s.syncGroup = sg;
  const sc = /\bSyncScenario\b\s*:?\s*(\w+)/i.exec(chunk)?.[1];
  if (sc) s.scenario = sc;
  const cid = /\bCorrelationId\b\s*:?\s*\{?([0-9a-f-]{36})\}?/i.exec(chunk)?.[1];
  if (cid) s.correlationId = cid.toUpperCase();
  if (event === 'errors-report') s.itemErrors = reportErrors(chunk);
  return s;
}

/** Per-item errors of a FileSyncErrorsReport.ps1 output: the distribution table, else the item rows. */
function reportErrors(chunk: string): { hresult: string; count: number; persistent?: boolean }[] {
  const counts = new Map<string, { hresult: string; count: number; persistent?: boolean }>();
  for (const m of chunk.matchAll(/^\s*(\d+)\s+(0x[0-9a-f]{1,8})\s/gim)) {
    const hresult = hexOf(parseInt(m[2], 16));
    if (hresult !== '0x00000000') counts.set(hresult, { hresult, count: Number(m[1]) });
  }
  if (counts.size > 0) return [...counts.values()];
  for (const m of chunk.matchAll(
    /^\s*(?:Upload|Download)\s+\w+\s+(0x[0-9a-f]{1,8})\s+(True|False)\b/gim,
  )) {
    const hresult = hexOf(parseInt(m[1], 16));
    const prev = counts.get(hresult) ?? { hresult, count: 0, persistent: false };
    prev.count++;
    prev.persistent = prev.persistent || m[2].toLowerCase() === 'true';
    counts.set(hresult, prev);
  }
  return [...counts.values()];
}

/** Finds and reads pasted events. A 9102 without its title line is still read from its fields. */
export function readEvents(text: string): EventSummary[] {
  const hits: { at: number; event: EventSummary['event'] }[] = [];
  for (const m of text.matchAll(ANY_MARKER)) {
    const i = m.slice(1).findIndex((g) => g !== undefined);
    hits.push({ at: m.index!, event: MARKERS[i][1] });
  }
  hits.sort((a, b) => a.at - b.at);
  hits.splice(MAX_EVENTS);
  const out: EventSummary[] = [];
  hits.forEach((h, i) => {
    if (h.event === 'errors-report' && out.some((e) => e.event === 'errors-report')) return;
    const end = h.event === 'errors-report' ? text.length : (hits[i + 1]?.at ?? text.length);
    out.push(summarize(text.slice(h.at, end), h.event));
  });
  if (out.length === 0 && /\bSyncDirection\b/i.test(text) && /\bHResult\b/i.test(text)) {
    out.push(summarize(text, /AppliedItemCount|TotalItemCount/i.test(text) ? '9302' : '9102'));
  }
  return out;
}

/** True when the message speaks of individual files failing rather than whole sessions. */
export function perItemContext(text: string, events: EventSummary[]): boolean {
  if (events.some((e) => e.event === 'errors-report' || e.event === '9121')) return true;
  if (events.some((e) => e.event === '9102' && e.hresult && e.hresult !== '0x00000000'))
    return false;
  return /\b(per[- ]?item|itemresults|filesyncerrorsreport|itempath|files? not syncing|persistent (sync )?errors?|transient (sync )?errors?|(some|few|certain|specific) files?|this file|one file|the file)\b/i.test(
    text,
  );
}
