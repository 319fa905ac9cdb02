import type { EndpointHealth, DirectionHealth, SyncGroupHealth } from '../health/types';
import { hexOf } from '../knowledge/hresult';
import { assignModes, showAction, type ExecuteView } from './actions';
import { articleText, userText } from './escape';
import type { Fact } from './event-summary';
import { expandCard } from './template';
import { MAX_CARD_BYTES, jsonBytes, type AdaptiveCard } from './types';

/** What the knowledge says about one code. */
export interface CodeExplanation {
  /** Entry id (the `show` button opens it). */
  id: string;
  title: string;
  /** Whether the article says remediation is required. */
  remediation?: 'Yes' | 'No' | 'Maybe';
}

/** Looks a code (`0x…`) up in the knowledge; `context` says where the API reported it. */
export type ExplainCode = (
  hresult: string,
  context: 'session' | 'per-item',
) => CodeExplanation | undefined;

type Color = 'Good' | 'Attention' | 'Warning' | 'Default';

interface ProblemView {
  text: string;
  color: Color;
}

/** One server endpoint in `cards/health.json`. */
export interface EndpointView {
  title: string;
  subtitle: string;
  badgeText: string;
  badgeStyle: 'good' | 'attention' | 'warning';
  badgeColor: Color;
  facts: Fact[];
  hasProgress: boolean;
  progress: string;
  hasProblems: boolean;
  problems: ProblemView[];
  hasActions: boolean;
  actions: ExecuteView[];
}

/** The view model of `cards/health.json`. */
export interface HealthView {
  heading: string;
  subheading: string;
  summary: string;
  summaryColor: Color;
  /** The host's container style around the summary; its text keeps the default colour. */
  summaryStyle: 'default' | 'good' | 'attention';
  hasEndpoints: boolean;
  endpoints: EndpointView[];
  hasMore: boolean;
  more: string;
}

/** Endpoints shown at most; the rest are counted in one line (Teams' 40 KB limit). */
export const MAX_ENDPOINTS_SHOWN = 12;
/** Codes of files not syncing listed at most per direction. */
const MAX_ITEM_CODES = 4;

/** Text from the API: escaped (escapeMarkdown, through userText) and kept from auto-linking. */
const api = (text: string, max = 200) => userText(text, max);
/** `2026-03-02T09:43:51.0000000Z` → `2026-03-02 09:43 UTC`; other text as it came, escaped. */
const time = (iso: string | null) => {
  if (!iso) return 'never';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : api(iso, 40);
};
/** `NoActivity` → `No activity`. */
const words = (state: string) =>
  api(
    state.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`),
    60,
  );
const hex = (signed: number) => hexOf(signed >>> 0);
const n = (x: number) => x.toLocaleString('en-US');
const isFailing = (e: EndpointHealth) =>
  e.combinedHealth !== 'Healthy' ||
  [e.upload, e.download].some((d) => (d.lastSyncResult ?? 0) !== 0);

function badge(state: string): Pick<EndpointView, 'badgeText' | 'badgeStyle' | 'badgeColor'> {
  const text = words(state);
  if (state === 'Healthy') return { badgeText: text, badgeStyle: 'good', badgeColor: 'Good' };
  if (state === 'Error')
    return { badgeText: text, badgeStyle: 'attention', badgeColor: 'Attention' };
  return { badgeText: text, badgeStyle: 'warning', badgeColor: 'Warning' };
}

function directionFact(label: string, d: DirectionHealth): Fact {
  const r = d.lastSyncResult;
  const result = r === null ? 'no result yet' : r === 0 ? 'succeeded' : `failed with ${hex(r)}`;
  return {
    title: label,
    value: `${words(d.health)} · last sync ${result} at ${time(d.lastSyncTimestamp)}`,
  };
}

function progressText(e: EndpointHealth): string {
  const parts = (['upload', 'download'] as const).flatMap((dir) => {
    const p = e[dir].progress;
    if (!p || (p.totalItemCount === 0 && p.totalBytes === 0)) return [];
    const [done, total] =
      p.totalItemCount > 0
        ? [p.appliedItemCount, p.totalItemCount]
        : [p.appliedBytes, p.totalBytes];
    const pct = Math.min(100, Math.floor((100 * done) / total));
    const verb = dir === 'upload' ? 'Uploading' : 'Downloading';
    return [`${verb}: ${pct}% (${n(p.appliedItemCount)} of ${n(p.totalItemCount)} items)`];
  });
  return parts.join(' · ');
}

/** Problem lines and `show` buttons of one endpoint, session results first. */
function problemsOf(e: EndpointHealth, explain: ExplainCode) {
  const problems: ProblemView[] = [];
  const shown = new Map<string, ExecuteView>();
  const button = (code: string, x: CodeExplanation | undefined) => {
    if (x && !shown.has(x.id)) shown.set(x.id, showAction(x.id, `Explain ${code}`));
  };
  for (const [label, d] of [
    ['Upload', e.upload],
    ['Download', e.download],
  ] as const) {
    if (d.lastSyncResult === null || d.lastSyncResult === 0) continue;
    const code = hex(d.lastSyncResult);
    const x = explain(code, 'session');
    const what = x
      ? articleText(x.title)
      : 'not in the knowledge: ask me about the code for its decoding';
    const action = x?.remediation ? ` (remediation required: ${x.remediation})` : '';
    problems.push({
      text: `**${label} failed with ${code}** (${d.lastSyncResult}): ${what}${action} Last success: ${time(d.lastSyncSuccessTimestamp)}.`,
      color: 'Attention',
    });
    button(code, x);
  }
  for (const [label, d] of [
    ['upload', e.upload],
    ['download', e.download],
  ] as const) {
    const errors = [...d.filesNotSyncingErrors].sort(
      (a, b) => b.persistentCount + b.transientCount - (a.persistentCount + a.transientCount),
    );
    for (const err of errors.slice(0, MAX_ITEM_CODES)) {
      const code = hex(err.errorCode);
      const x = explain(code, 'per-item');
      const counts = [
        err.persistentCount ? `${n(err.persistentCount)} persistent` : '',
        err.transientCount ? `${n(err.transientCount)} transient` : '',
      ]
        .filter(Boolean)
        .join(', ');
      problems.push({
        text: `Files not syncing (${label}) with ${code}, ${counts || 'none now'}: ${x ? articleText(x.title) : 'not in the knowledge'}`,
        color: err.persistentCount > 0 ? 'Warning' : 'Default',
      });
      button(code, x);
    }
    if (errors.length > MAX_ITEM_CODES)
      problems.push({
        text: `… and ${errors.length - MAX_ITEM_CODES} more codes (${label}).`,
        color: 'Default',
      });
  }
  const actions = [...shown.values()];
  assignModes(actions);
  return { problems, actions };
}

/** One endpoint's view. */
export function endpointView(e: EndpointHealth, explain: ExplainCode): EndpointView {
  const facts: Fact[] = [directionFact('Upload', e.upload), directionFact('Download', e.download)];
  const persistent =
    e.upload.persistentFilesNotSyncingCount + e.download.persistentFilesNotSyncingCount;
  const transient =
    e.upload.transientFilesNotSyncingCount + e.download.transientFilesNotSyncingCount;
  if (persistent + transient > 0)
    facts.push({
      title: 'Files not syncing',
      value: `${n(persistent)} persistent, ${n(transient)} transient`,
    });
  facts.push({ title: 'Reported', value: time(e.lastUpdatedTimestamp) });
  const { problems, actions } = problemsOf(e, explain);
  const progress = progressText(e);
  return {
    title: api(e.serverName ?? e.name, 120),
    subtitle: api(
      [e.serverLocalPath, e.serverName ? e.name : null].filter(Boolean).join(' · ') || e.name,
      300,
    ),
    ...badge(e.combinedHealth),
    facts,
    hasProgress: progress !== '',
    progress,
    hasProblems: problems.length > 0,
    problems,
    hasActions: actions.length > 0,
    actions,
  };
}

/** The view model of a sync group's health, with at most `limit` endpoints (failing ones first). */
export function healthView(
  h: SyncGroupHealth,
  explain: ExplainCode,
  limit = MAX_ENDPOINTS_SHOWN,
): HealthView {
  const failing = h.endpoints.filter(isFailing);
  const ordered = [...failing, ...h.endpoints.filter((e) => !isFailing(e))];
  const shown = ordered.slice(0, limit);
  const hidden = ordered.length - shown.length;
  const hiddenFailing = Math.max(0, failing.length - shown.length);
  const total = h.endpoints.length;
  const t = h.target;
  return {
    heading: api(`Sync group ${t.group}`, 120),
    subheading: api(`${t.resourceGroup} / ${t.service} · read ${time(h.fetchedAt)}`, 300),
    summary:
      total === 0
        ? 'This sync group has no server endpoints.'
        : failing.length === 0
          ? `All ${n(total)} server ${total === 1 ? 'endpoint is' : 'endpoints are'} healthy.`
          : `${n(failing.length)} of ${n(total)} server ${total === 1 ? 'endpoint needs' : 'endpoints need'} attention.`,
    summaryColor: total === 0 ? 'Default' : failing.length === 0 ? 'Good' : 'Attention',
    summaryStyle: total === 0 ? 'default' : failing.length === 0 ? 'good' : 'attention',
    hasEndpoints: shown.length > 0,
    endpoints: shown.map((e) => endpointView(e, explain)),
    hasMore: hidden > 0,
    more:
      hidden > 0
        ? `… ${n(hidden)} more server endpoints not shown${hiddenFailing ? ` (${n(hiddenFailing)} of them need attention)` : ', all healthy'}.`
        : '',
  };
}

/**
 * A sync group's live health: each server endpoint's combined, upload and download health, the
 * last result of each direction explained by its knowledge entry (with a `show` button), files
 * not syncing by code, the last success and progress. Failing endpoints come first; the list is
 * shortened until the card fits Teams' limit, and says how many more there are.
 */
export function healthCard(h: SyncGroupHealth, explain: ExplainCode): AdaptiveCard {
  for (let limit = MAX_ENDPOINTS_SHOWN; ; limit = Math.floor(limit / 2)) {
    const card = expandCard('health', healthView(h, explain, limit));
    if (jsonBytes(card) <= MAX_CARD_BYTES || limit <= 1) return card;
  }
}
