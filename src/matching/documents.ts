import { openingText, remediationText } from '../knowledge/display';
import type { Entry } from '../knowledge/schema';

/** The searchable text of an entry, by field. */
export interface SearchDoc {
  id: string;
  title: string;
  names: string;
  keywords: string;
  cause: string;
  body: string;
}

/** Field weights: a word in the title says more about the entry than one in a step. */
export const FIELD_BOOST = { title: 2, names: 1, keywords: 4, cause: 1, body: 0.7 } as const;

const MAX_BODY = 4000;

/** Turns an entry into its search document. Error strings are split into words too. */
export function searchDocOf(e: Entry): SearchDoc {
  const names = e.codes
    .flatMap((c) => [c.errorString, ...c.aliases, c.marsId])
    .filter((x): x is string => !!x && !/^-?\d+$/.test(x));
  const nameWords = names.map((n) => n.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2'));
  const body = [...remediationText(e), e.escalation.text ?? ''].join('\n').slice(0, MAX_BODY);
  return {
    id: e.id,
    title: e.title,
    names: [...names, ...nameWords].join(' '),
    keywords: [
      ...e.keywords,
      e.product === 'mars-agent' ? 'MARS agent Azure Backup' : 'Azure File Sync',
    ].join(' '),
    cause: openingText(e),
    body,
  };
}
