import type { HresultDecoding } from '../knowledge/hresult';
import type { EventSummary } from '../matching/events';
import type { RunView, StepView } from './answer-view';
import { articleText, userText } from './escape';
import { eventSummaryElement, type Fact } from './event-summary';
import { fitCard } from './fit-card';
import { expandCard } from './template';
import { MAX_CARD_BYTES, type AdaptiveCard } from './types';

export interface DecodingView {
  runs: RunView[];
  facts: Fact[];
}

/** The view model of `cards/unknown-code.json`. */
export interface UnknownCodeView {
  heading: string;
  decodings: DecodingView[];
  hasDecodings: boolean;
  statement: string;
  steps: StepView[];
}

/** What else an unknown-code card may show. */
export interface UnknownCodeOptions {
  /** MARS error ids the knowledge lacks (they have no HRESULT to decode). */
  marsIds?: string[];
  /** A pasted event, summarised at the top. */
  event?: EventSummary;
}

const AFS_STEPS = [
  'In Event Viewer on the server, look under Applications and Services Logs\\Microsoft\\FileSync\\Agent (the Telemetry, Operational and Diagnostic logs) for events with this code; event 9102 gives the result of each sync session.',
  'Collect AFSDiag output (Debug-Afs in the agent installation folder) while the error occurs.',
  'Open a support request in the Azure portal with both, the agent version, and the Storage Sync Service, sync group and server endpoint names.',
];

const MARS_STEPS = [
  'Note the exact error message and its ID.',
  'Note the MARS agent version (MARS console, Actions pane, About Microsoft Azure Recovery Services Agent).',
  'Open a support request in the Azure portal with both, and the Recovery Services vault and protected server names.',
];

function decodingView(d: HresultDecoding): DecodingView {
  const facts: Fact[] = [
    { title: 'Severity', value: d.severity === 1 ? '1 (failure)' : '0 (success)' },
    {
      title: 'Facility',
      value: `${d.facility} (${d.facilityName ?? 'not a facility this bot knows'})`,
    },
    { title: 'Code', value: `${d.code} (0x${d.code.toString(16)})` },
  ];
  if (d.win32 !== null) facts.push({ title: 'Win32 error', value: String(d.win32) });
  if (d.ntStatus)
    facts.push({ title: 'NTSTATUS', value: 'yes: an NTSTATUS mapped into an HRESULT' });
  if (d.customer) facts.push({ title: 'Customer bit', value: 'set' });
  return {
    runs: [
      { text: d.hresult, fontType: 'Monospace', weight: 'Bolder' },
      { text: ' = ', fontType: 'Default', weight: 'Default' },
      { text: String(d.decimal), fontType: 'Monospace', weight: 'Default' },
    ],
    facts,
  };
}

function listOf(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? 'this code')
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** The view model of an unknown-code card. */
export function unknownCodeView(
  decodings: HresultDecoding[],
  marsIds: string[] = [],
): UnknownCodeView {
  const mars = marsIds.map((id) => `MARS error ID ${userText(id, 20)}`);
  const names = [...decodings.map((d) => d.hresult), ...mars];
  const steps = [
    ...(decodings.length > 0 || mars.length === 0 ? AFS_STEPS : []),
    ...(mars.length > 0 ? MARS_STEPS : []),
  ].map((s, i) => ({ label: `**${i + 1}.**`, text: articleText(s) }));
  return {
    heading: names.length > 1 ? 'Codes not in the knowledge' : 'Code not in the knowledge',
    decodings: decodings.map(decodingView),
    hasDecodings: decodings.length > 0,
    statement: `The troubleshooting articles this bot answers from do not list ${listOf(names)}, so it has no cause or fix to give.`,
    steps,
  };
}

/**
 * Codes the knowledge lacks: how each HRESULT decodes (severity, facility, code, Win32 error),
 * a plain statement that the articles do not list it, and general next steps.
 */
export function unknownCodeCard(
  decodings: HresultDecoding[],
  opts: UnknownCodeOptions = {},
): AdaptiveCard {
  const card = expandCard('unknown-code', unknownCodeView(decodings, opts.marsIds));
  if (opts.event) card.body.unshift(eventSummaryElement(opts.event));
  return fitCard(card, MAX_CARD_BYTES);
}
