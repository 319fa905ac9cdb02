import type { Entry } from '../knowledge/schema';
import { entrySteps, summaryText } from '../knowledge/display';
import { showAction, type ExecuteView, type OpenUrlView } from './actions';
import { articleText, factText, plainText, truncate, userText } from './escape';
import type { Fact } from './event-summary';
import { fitCard } from './fit-card';
import { expandCard } from './template';
import { MAX_CARD_BYTES, type AdaptiveCard } from './types';

/** The view model of `cards/notification.json`. */
export interface NotificationView {
  statusText: string;
  /**
   * The host's container style for the status line: its own colours for default, dark and high
   * contrast, with default text on top (tinted text fails contrast in some themes).
   */
  statusStyle: 'attention' | 'good' | 'warning';
  heading: string;
  facts: Fact[];
  hasExplanation: boolean;
  explanation: string;
  hasGuidance: boolean;
  guidance: string;
  openUrl: OpenUrlView[];
  execute: ExecuteView[];
}

/** A notification is first sent open; recovery replaces it in place with the resolved state. */
export type NotificationState =
  { open: true; since: string } | { open: false; since: string; resolvedAt: string; note?: string };

/** A sync failure the poller found on one server endpoint, in one direction. */
export interface SyncFailure {
  syncGroup: string;
  endpoint: string;
  server: string | null;
  direction: 'upload' | 'download';
  /** `0x…` HRESULT of the last sync result, or null when the API gave only the health. */
  hresult: string | null;
  errorName: string | null;
  /** The knowledge entry that explains the code, if any. */
  entry: Entry | undefined;
}

/** An Azure Monitor alert as a notification shows it. */
export interface AlertSummary {
  rule: string;
  severity: string;
  target: string;
  /** `metric name: value` for each condition. */
  conditions: string[];
  description: string | null;
}

/**
 * The entry's title and cause as one paragraph: one full stop between them, and no lead-in left
 * dangling ("…working through the following steps:") when the steps are not on this card; the
 * reader is sent to the answer for them instead.
 */
export function explanationOf(entry: Entry): string {
  const title = entry.title.trim();
  const sentences = summaryText(entry)
    .trim()
    .split(/(?<=[.!?:])\s+/);
  let leadIn = false;
  while (sentences.length && /:$/.test(sentences[sentences.length - 1])) {
    sentences.pop();
    leadIn = true;
  }
  const parts = [/[.!?:]$/.test(title) ? title : `${title}.`, ...sentences.filter(Boolean)];
  if (leadIn || entrySteps(entry).length > 0) parts.push('Show the answer for the steps to take.');
  return truncate(parts.join(' '), 1200);
}

const time = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');

function statusOf(
  state: NotificationState,
  failing: string,
): Pick<NotificationView, 'statusText' | 'statusStyle'> {
  return state.open
    ? { statusText: `${failing} since ${time(state.since)}`, statusStyle: 'attention' }
    : {
        statusText: `Resolved at ${time(state.resolvedAt)}${state.note ? ` (${plainText(state.note, 200)})` : ''}`,
        statusStyle: 'good',
      };
}

function card(view: NotificationView): AdaptiveCard {
  return fitCard(expandCard('notification', view), MAX_CARD_BYTES);
}

/** The card for a sync failure: what fails, the knowledge's explanation and what to do, a button to the answer. */
export function syncFailureCard(f: SyncFailure, state: NotificationState): AdaptiveCard {
  return card(syncFailureView(f, state));
}

/** The view model of a sync failure notification. */
export function syncFailureView(f: SyncFailure, state: NotificationState): NotificationView {
  const where = f.server ? `${f.server} (${f.endpoint})` : f.endpoint;
  const code = f.hresult ? `${f.hresult}${f.errorName ? ` ${f.errorName}` : ''}` : 'no result code';
  const facts: Fact[] = [
    { title: 'Sync group', value: factText(f.syncGroup, 300) },
    { title: 'Server endpoint', value: factText(where, 300) },
    {
      title: 'Direction',
      value: f.direction === 'upload' ? 'Upload (server to cloud)' : 'Download (cloud to server)',
    },
    { title: 'Last result', value: factText(code, 200) },
  ];
  const entry = f.entry;
  const codeInfo = entry?.codes.find((c) => c.hresult === f.hresult);
  if (codeInfo) facts.push({ title: 'Remediation required', value: codeInfo.remediationRequired });
  const explanation = entry ? articleText(explanationOf(entry)) : '';
  const guidance = entry?.escalation.text
    ? articleText(entry.escalation.text.slice(0, 600))
    : entry
      ? ''
      : 'The knowledge has no entry for this code: check the Telemetry event log (event 9102) on the server and collect AFSDiag output before opening a support request.';
  const url = entry?.source.url
    ? `${entry.source.url}${entry.source.anchor ? `#${entry.source.anchor}` : ''}`
    : null;
  return {
    ...statusOf(state, 'Sync failing'),
    heading: plainText(
      `${f.direction === 'upload' ? 'Upload' : 'Download'} failing on ${where}`,
      200,
    ),
    facts,
    hasExplanation: explanation !== '',
    explanation,
    hasGuidance: guidance !== '',
    guidance,
    openUrl: url ? [{ title: 'Open the article', url, mode: 'primary' }] : [],
    execute: entry ? [showAction(entry.id, 'Show the answer')] : [],
  };
}

/** The card for an Azure Monitor alert on a subscribed sync group. */
export function alertCard(a: AlertSummary, state: NotificationState): AdaptiveCard {
  return card(alertView(a, state));
}

/** The view model of an alert notification. */
export function alertView(a: AlertSummary, state: NotificationState): NotificationView {
  const facts: Fact[] = [
    { title: 'Alert rule', value: factText(a.rule, 300) },
    { title: 'Severity', value: factText(a.severity, 20) },
    { title: 'Resource', value: factText(a.target, 400) },
    ...a.conditions.slice(0, 8).map((c) => ({ title: 'Condition', value: factText(c, 300) })),
  ];
  const description = a.description ? userText(a.description, 1000) : '';
  return {
    ...statusOf(state, 'Alert fired'),
    heading: plainText(`Azure Monitor: ${a.rule}`, 200),
    facts,
    hasExplanation: description !== '',
    explanation: description,
    hasGuidance: state.open,
    guidance: state.open
      ? 'Ask me about the error code the server reports (event 9102 in the Telemetry log), or run status for this sync group.'
      : '',
    openUrl: [],
    execute: [],
  };
}
