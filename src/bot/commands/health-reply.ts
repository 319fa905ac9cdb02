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
 * Null for errors that are not health failures (they go to the central handler). Written for the
 * person in Teams: settings and restarts are for the admin, in `HEALTH_NOT_LINKED_LOG`.
 */
export function healthFailureText(err: unknown, shownTarget: string): string | null {
  if (!(err instanceof AppError)) return null;
  switch (err.code) {
    case 'health_not_linked':
      // NOTE: the person asking is rarely the one who deploys the bot: the setting goes to the log.
      return (
        `I cannot read ${shownTarget} live: this bot has not been linked to Azure File Sync health yet. ` +
        'Ask the admin who runs the bot to link it (the bot has logged what to set). Until then I can still explain any error code or event you paste.'
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

/** What the admin reads in the log when someone asks for live health that is not linked. */
export const HEALTH_NOT_LINKED_LOG =
  'live health asked for, but no health API is linked: set HEALTH_PROVIDER=azure (with AZURE_SUBSCRIPTION_ID and an identity that has Reader on the Storage Sync Services) or HEALTH_PROVIDER=http (with HEALTH_API_URL), then restart; see docs/deploy.md';
