import type { ExplainCode } from '../../cards';
import { userText } from '../../cards';
import { AppError } from '../../errors';
import type { Matcher } from '../../matching/ask';
import { explainHresult } from '../../matching/explain-hresult';

/** The health card's knowledge lookup: the entry for a code in its context, with its flag. */
export function explainWith(matcher: Matcher): ExplainCode {
  return (hresult, context) => {
    const entry = explainHresult(matcher.book, hresult, context);
    if (!entry) return undefined;
    const code = entry.codes.find((c) => c.hresult === hresult);
    return { id: entry.id, title: entry.title, remediation: code?.remediationRequired };
  };
}

/**
 * What to tell a person when reading health failed: what failed and what to do, in a sentence.
 * Null for errors that are not health failures (they go to the central handler).
 */
export function healthFailureText(err: unknown, shownTarget: string): string | null {
  if (!(err instanceof AppError)) return null;
  switch (err.code) {
    case 'health_not_linked':
      return (
        `No health API is linked, so I cannot read ${shownTarget} live. ` +
        'Set HEALTH_PROVIDER=azure (with a managed identity that has Reader on the Storage Sync Service) or HEALTH_PROVIDER=http, then restart the bot.'
      );
    case 'health_not_found':
      return `I could not find sync group ${shownTarget}: check the resource group, Storage Sync Service and sync group names (and that the bot's subscription is the right one).`;
    case 'health_api_timeout':
      return `The health API did not answer in time for ${shownTarget}. Try again in a minute.`;
    case 'health_circuit_open':
      return 'The health API has failed several times in a row, so I am giving it a short rest. Try again in a minute.';
    case 'health_api_invalid':
      return `The health API sent an answer for ${shownTarget} that I cannot read, so I show nothing rather than something wrong. The bot's log has the details.`;
    case 'health_api_unavailable':
      // The message names the status and the fix (e.g. the Reader role); it holds no secret.
      return `The health API is unavailable right now: ${userText(err.message, 300)}.`;
    default:
      return null;
  }
}
