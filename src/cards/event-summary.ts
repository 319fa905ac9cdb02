import type { EventSummary } from '../matching/events';
import { expandElement } from './template';
import { breakAtUnderscores } from './breakable';
import { userText } from './escape';
import type { CardNode } from './types';

/** A title/value pair of a FactSet (both markdown: values from a paste are escaped). */
export interface Fact {
  title: string;
  value: string;
}

/** The view model of `cards/event-summary.json`. */
export interface EventView {
  heading: string;
  verdict: string;
  verdictColor: 'default' | 'good' | 'warning' | 'attention';
  /** The host's container style for the verdict: its text keeps the default colour. */
  verdictStyle: 'emphasis' | 'good' | 'warning' | 'attention';
  hasVerdict: boolean;
  facts: Fact[];
  hasFacts: boolean;
  itemErrors: Fact[];
  hasItemErrors: boolean;
}

/** Error names by HRESULT, for the codes an event mentions. */
export type NameOf = (hresult: string) => string | undefined;

const EVENT_NAME: Record<EventSummary['event'], string> = {
  '9102': 'event 9102, sync session completed',
  '9302': 'event 9302, sync progress',
  '9121': 'event 9121, per-item error summary',
  '9003': 'event 9003, tiering error distribution',
  '9006': 'event 9006, recall error distribution',
  'errors-report': 'FileSyncErrorsReport.ps1 output',
};

const SUCCESS = '0x00000000';
const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** Bytes as Windows shows them (1024-based, one decimal). */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? plural(n, 'byte') : `${v.toFixed(1)} ${units[i]}`;
}

const percent = (part: number, whole: number) => Math.round((1000 * part) / whole) / 10;

function result(hresult: string, nameOf: NameOf): string {
  if (hresult === SUCCESS) return `succeeded (${SUCCESS})`;
  const name = nameOf(hresult);
  return name ? `${hresult} ${name}` : hresult;
}

function direction(ev: EventSummary): string | null {
  if (ev.direction === 'Upload') return 'Upload (server to Azure file share)';
  if (ev.direction === 'Download') return 'Download (Azure file share to server)';
  return null;
}

function applied(ev: EventSummary): string | null {
  const parts: string[] = [];
  if (ev.appliedFileCount !== undefined) parts.push(plural(ev.appliedFileCount, 'file'));
  if (ev.appliedDirCount !== undefined) parts.push(plural(ev.appliedDirCount, 'folder'));
  if (ev.appliedTombstoneCount !== undefined)
    parts.push(plural(ev.appliedTombstoneCount, 'deletion'));
  if (parts.length === 0) return null;
  const size = ev.appliedSizeBytes !== undefined ? ` (${formatBytes(ev.appliedSizeBytes)})` : '';
  return parts.join(', ') + size;
}

function transferred(ev: EventSummary): string | null {
  if (ev.transferredFiles === undefined) return null;
  const size = ev.transferredBytes !== undefined ? ` (${formatBytes(ev.transferredBytes)})` : '';
  const failed = ev.failedToTransferFiles ? `, ${count(ev.failedToTransferFiles)} failed` : '';
  return `${plural(ev.transferredFiles, 'file')}${size}${failed}`;
}

function progressPct(ev: EventSummary): number {
  return ev.progressPercent ?? percent(ev.appliedItemCount ?? 0, ev.totalItemCount ?? 1);
}

function progress(ev: EventSummary): { items: string | null; bytes: string | null } {
  const items =
    ev.totalItemCount && ev.appliedItemCount !== undefined
      ? `${count(ev.appliedItemCount)} of ${count(ev.totalItemCount)} (${progressPct(ev)}%)`
      : null;
  const bytes =
    ev.totalBytes && ev.appliedBytes !== undefined
      ? `${formatBytes(ev.appliedBytes)} of ${formatBytes(ev.totalBytes)} (${percent(ev.appliedBytes, ev.totalBytes)}%)`
      : null;
  return { items, bytes };
}

function verdictOf(ev: EventSummary, nameOf: NameOf): Pick<EventView, 'verdict' | 'verdictColor'> {
  const perItem = ev.perItemErrorCount ?? 0;
  if (ev.event === '9302') {
    const shares = [
      ev.totalItemCount && ev.appliedItemCount !== undefined
        ? `${progressPct(ev)}% of the items`
        : null,
      ev.totalBytes && ev.appliedBytes !== undefined
        ? `${percent(ev.appliedBytes, ev.totalBytes)}% of the bytes`
        : null,
    ].filter((s): s is string => s !== null);
    return shares.length > 0
      ? { verdict: `Applied so far: ${shares.join(' and ')}.`, verdictColor: 'default' }
      : { verdict: '', verdictColor: 'default' };
  }
  if (ev.event === 'errors-report') {
    const errors = ev.itemErrors ?? [];
    const items = errors.reduce((n, e) => n + e.count, 0);
    return errors.length === 0
      ? { verdict: 'The report lists no per-item errors.', verdictColor: 'good' }
      : {
          verdict: `${plural(items, 'item')} failing to sync, with ${plural(errors.length, 'error code')}.`,
          verdictColor: 'warning',
        };
  }
  if (!ev.hresult) return { verdict: '', verdictColor: 'default' };
  if (ev.event !== '9102')
    return { verdict: `Items failed with ${result(ev.hresult, nameOf)}.`, verdictColor: 'warning' };
  if (ev.hresult !== SUCCESS)
    return {
      verdict: `The session failed with ${result(ev.hresult, nameOf)}.`,
      verdictColor: 'attention',
    };
  return perItem > 0
    ? {
        verdict: `The session succeeded, but ${plural(perItem, 'item')} did not sync (per-item errors).`,
        verdictColor: 'warning',
      }
    : { verdict: 'The session succeeded.', verdictColor: 'good' };
}

function factsOf(ev: EventSummary, nameOf: NameOf): Fact[] {
  const facts: [string, string | null | undefined][] = [['Direction', direction(ev)]];
  if (ev.event !== 'errors-report' && ev.hresult)
    facts.push(['Result', result(ev.hresult, nameOf)]);
  if (ev.event === '9302') {
    const p = progress(ev);
    facts.push(['Items applied', p.items], ['Bytes applied', p.bytes]);
  } else {
    facts.push(['Applied', applied(ev)], ['Transferred', transferred(ev)]);
  }
  if (ev.perItemErrorCount !== undefined)
    facts.push(['Per-item errors', plural(ev.perItemErrorCount, 'item')]);
  // Names from the paste are the user's text: escaped.
  facts.push(
    ['Sync group', ev.syncGroup && userText(ev.syncGroup)],
    ['Server endpoint', ev.serverEndpoint && userText(ev.serverEndpoint)],
    ['Scenario', ev.scenario && userText(ev.scenario)],
    ['Correlation ID', ev.correlationId && userText(ev.correlationId)],
  );
  return facts
    .filter((f): f is [string, string] => typeof f[1] === 'string' && f[1] !== '')
    .map(([title, value]) => ({ title, value }));
}

function itemErrorsOf(ev: EventSummary, nameOf: NameOf): Fact[] {
  return (ev.itemErrors ?? []).map((e) => {
    const name = nameOf(e.hresult);
    const parts = [plural(e.count, 'item'), name, e.persistent ? 'persistent' : undefined];
    return { title: e.hresult, value: parts.filter(Boolean).join(' · ') };
  });
}

/** The view model of a pasted event or report. */
export function eventView(ev: EventSummary, nameOf: NameOf = () => undefined): EventView {
  const facts = factsOf(ev, nameOf);
  const itemErrors = itemErrorsOf(ev, nameOf);
  const found = verdictOf(ev, nameOf);
  // NOTE: a paste the parser recognised but read no numbers from still says so, never a bare heading.
  const v: Pick<EventView, 'verdict' | 'verdictColor'> =
    found.verdict || facts.length || itemErrors.length
      ? found
      : { verdict: 'It holds no counts or result to summarise.', verdictColor: 'default' };
  return {
    heading: `What your paste says (${EVENT_NAME[ev.event]})`,
    ...v,
    verdictStyle: v.verdictColor === 'default' ? 'emphasis' : v.verdictColor,
    hasVerdict: v.verdict !== '',
    facts,
    hasFacts: facts.length > 0,
    itemErrors,
    hasItemErrors: itemErrors.length > 0,
  };
}

/**
 * A Container summarising a pasted event, for the top of a card. Each fact is its own wrapping
 * line (a FactSet's value column does not wrap long names and runs past a narrow card), and the
 * verdict sits in a container of the host's semantic style with default text, readable in every
 * theme.
 */
export function eventSummaryElement(ev: EventSummary, nameOf?: NameOf): CardNode {
  const view = eventView(ev, nameOf);
  const breakable = (facts: Fact[]) =>
    facts.map((f) => ({ title: f.title, value: breakAtUnderscores(f.value) }));
  return expandElement('event-summary', {
    ...view,
    verdict: breakAtUnderscores(view.verdict),
    facts: breakable(view.facts),
    itemErrors: breakable(view.itemErrors),
  });
}
