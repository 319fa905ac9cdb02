import type { TextView } from './answer-view';

/** What people can send, as the welcome and off-topic cards show it (trusted text, no user input). */
export const EXAMPLES: readonly string[] = [
  'An error code: “sync fails with 0x80c8305f”',
  'A pasted event: a whole 9102 or 9302 from Event Viewer, or FileSyncErrorsReport.ps1 output',
  'A question: “endpoint stuck on No Activity but the server shows Online?”',
  'A MARS agent error: “MARS registration fails with ID 34513”',
];

/** The first `n` examples as TextBlock rows. */
export function exampleRows(n: number = EXAMPLES.length): TextView[] {
  return EXAMPLES.slice(0, n).map((text) => ({ text: `• ${text}` }));
}
