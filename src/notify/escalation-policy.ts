import type { Entry } from '../knowledge/schema';

/**
 * Hours a failure with no action required must last before it is worth a message, when its
 * article names no wait: such codes usually clear at the next sync session (every few minutes
 * to an hour), so two hours without recovery means it is not clearing by itself.
 */
export const DEFAULT_TRANSIENT_WAIT_HOURS = 2;

/**
 * How long a failure must persist before subscribers are told, from the knowledge: codes whose
 * article says no remediation is required wait (the article's own "several hours" when it gives
 * one); codes that need action, may need it, or that the knowledge lacks are told at once.
 */
export function notifyAfterMs(entry: Entry | undefined, hresult: string | null): number {
  if (!entry || !hresult) return 0;
  const code = entry.codes.find((c) => c.hresult === hresult);
  if (code?.remediationRequired !== 'No') return 0;
  const hours = entry.escalation.waitHours ?? DEFAULT_TRANSIENT_WAIT_HOURS;
  return hours * 3_600_000;
}
