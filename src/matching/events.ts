import { hexOf } from '../knowledge/hresult';
import { work } from './work';

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

/** Events read from one message: a paste of hundreds adds nothing past the first few. */
const MAX_EVENTS = 8;

/** Characters after a field's name its value is read from: a value never needs more. */
const VALUE_WINDOW = 256;

const TEXT_FIELDS = [
  'SyncDirection',
  'HResult',
  'ServerEndpointName',
  'SyncGroupName',
  'SyncScenario',
  'CorrelationId',
];

/** Every field name in one pattern: a chunk is scanned once, however long. */
const ANY_FIELD = new RegExp(
  `\\b(${[...NUMBER_FIELD_NAMES.map(([n]) => n), ...TEXT_FIELDS].join('|')})\\b`,
  'gi',
);

/** Mentions of one field name a value is looked for after (prose may name a field too). */
const MAX_MENTIONS = 4;

/**
 * What follows the first mentions of each field, at most VALUE_WINDOW characters. Values are
 * read from these windows only, so no pattern ever runs over the rest of a long paste (two
 * adjacent `\\s*` over a long run of spaces cost time quadratic in it).
 */
function fieldWindows(chunk: string): Map<string, string[]> {
  work.add(chunk.length);
  const out = new Map<string, string[]>();
  for (const m of chunk.matchAll(ANY_FIELD)) {
    const name = m[1].toLowerCase();
    const windows = out.get(name) ?? [];
    if (windows.length >= MAX_MENTIONS) continue;
    const from = m.index! + m[0].length;
    windows.push(chunk.slice(from, from + VALUE_WINDOW));
    out.set(name, windows);
  }
  return out;
}

/** `Name: value` or `Name value` (the agent writes `AppliedTombstoneCount 0` without a colon). */
const TEXT_VALUE = /^\s*(?::\s*)?(?:<CI>)?([^,<\s]+?)(?:<\/CI>)?[.,]?(?:\s|$)/i;
const NUMBER_VALUE = /^\s*(?::\s*)?(\d+)/;

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
  const fields = fieldWindows(chunk);
  const read = (name: string, re: RegExp) => {
    for (const window of fields.get(name.toLowerCase()) ?? []) {
      const value = re.exec(window)?.[1];
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const dir = read('SyncDirection', /^\s*(?::\s*)?(Upload|Download)/i);
  if (dir)
    s.direction = (dir[0].toUpperCase() + dir.slice(1).toLowerCase()) as 'Upload' | 'Download';
  const hr = hresultOf(read('HResult', /^\s*(?::\s*)?(-?\d+|0x[0-9a-f]+)/i));
  if (hr) s.hresult = hr;
  for (const [name, key] of NUMBER_FIELD_NAMES) {
    const v = read(name, NUMBER_VALUE);
    if (v !== undefined) (s as unknown as Record<string, unknown>)[key] = Number(v);
  }
  if (s.totalItemCount && s.appliedItemCount !== undefined) {
    s.progressPercent = Math.round((1000 * s.appliedItemCount) / s.totalItemCount) / 10;
  }
  const se = read('ServerEndpointName', TEXT_VALUE);
  if (se) s.serverEndpoint = se;
  const sg = read('SyncGroupName', TEXT_VALUE);
  if (sg) s.syncGroup = sg;
  const sc = read('SyncScenario', /^\s*(?::\s*)?(\w+)/);
  if (sc) s.scenario = sc;
  const cid = read('CorrelationId', /^\s*(?::\s*)?\{?([0-9a-f-]{36})\}?/i);
  if (cid) s.correlationId = cid.toUpperCase();
  if (event === 'errors-report') s.itemErrors = reportErrors(chunk);
  return s;
}

/** Per-item errors of a FileSyncErrorsReport.ps1 output: the distribution table, else the item rows. */
function reportErrors(chunk: string): { hresult: string; count: number; persistent?: boolean }[] {
  const counts = new Map<string, { hresult: string; count: number; persistent?: boolean }>();
  // NOTE: [ \t], not \s, before the first field: `^\s*` crosses lines, and a long run of
  // blank lines would be rescanned from each of them.
  work.add(2 * chunk.length);
  for (const m of chunk.matchAll(/^[ \t]*(\d+)[ \t]+(0x[0-9a-f]{1,8})\s/gim)) {
    const hresult = hexOf(parseInt(m[2], 16));
    if (hresult !== '0x00000000') counts.set(hresult, { hresult, count: Number(m[1]) });
  }
  if (counts.size > 0) return [...counts.values()];
  for (const m of chunk.matchAll(
    /^[ \t]*(?:Upload|Download)[ \t]+\w+[ \t]+(0x[0-9a-f]{1,8})[ \t]+(True|False)\b/gim,
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
  work.add(text.length);
  // Matches come in order of position: the first MAX_EVENTS are the ones read.
  for (const m of text.matchAll(ANY_MARKER)) {
    const i = m.slice(1).findIndex((g) => g !== undefined);
    hits.push({ at: m.index!, event: MARKERS[i][1] });
    if (hits.length >= MAX_EVENTS) break;
  }
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
