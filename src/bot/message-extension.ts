import {
  CardFactory,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import type { Entry } from '../knowledge/schema';
import type { BotServices } from './services';

/** Results one search returns: Teams shows a short list. */
const MAX_RESULTS = 8;
const FLAG_WORDS = {
  Yes: 'remediation required',
  No: 'no action needed',
  Maybe: 'remediation may be required',
};

function preview(e: Entry) {
  const flag = e.codes[0]?.remediationRequired;
  const codes = e.codes
    .map((c) => c.hresult ?? c.errorString ?? c.marsId)
    .filter(Boolean)
    .slice(0, 3)
    .join(', ');
  const text = [codes, flag ? FLAG_WORDS[flag] : null].filter(Boolean).join(' · ');
  return CardFactory.thumbnailCard(e.title, text);
}

/**
 * The search message extension (`composeExtension/query`): each result previews an entry and
 * inserts its answer card when chosen. An empty query lists the entries asked most.
 */
export function searchExtension(
  query: MessagingExtensionQuery,
  services: Pick<BotServices, 'answers'>,
): MessagingExtensionResponse {
  // NOTE: the SDK passes `value` through unchecked: a non-array `parameters` reads as none.
  const params = Array.isArray(query?.parameters) ? query.parameters : [];
  const param = params.find((p) => p?.name === 'query') ?? params[0];
  const text = typeof param?.value === 'string' ? param.value.slice(0, 2000).trim() : '';
  // The initial run (the box just opened) lists what is asked most, whatever it carries.
  const initial = params.some((p) => p?.name === 'initialRun');
  const entries = services.answers.suggest(initial ? '' : text, MAX_RESULTS);
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: entries.map((e) => ({
        ...CardFactory.adaptiveCard(services.answers.entryCard(e)),
        preview: preview(e),
      })),
    },
  };
}
