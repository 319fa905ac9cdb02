import type { Cluster, Counted } from '../gaps/cluster';
import { articleText, escapeMarkdown, userText } from './escape';
import { fitCard } from './fit-card';
import { expandCard } from './template';
import { MAX_CARD_BYTES, type AdaptiveCard } from './types';

/** Clusters shown on the card, most frequent first (the terminal lists them all). */
export const MAX_CARD_CLUSTERS = 10;
const QUESTION_CHARS = 160;
const NAMED_ENTRIES = 3;

/** The view model of `cards/gaps.json`. */
export interface GapsView {
  summary: string;
  clusters: {
    id: string;
    lead: string;
    counts: string;
    others: string;
    hasOthers: boolean;
    facts: { title: string; value: string }[];
  }[];
  hasClusters: boolean;
  howToClose: string;
}

/** What the card needs besides the clusters. */
export interface GapsCardOptions {
  /** Distinct questions recorded. */
  questions: number;
  retentionDays: number;
  /** An entry's title by id (undefined for an entry no longer in the knowledge). */
  title(id: string): string | undefined;
}

const VERDICT_NAME: Record<string, string> = {
  'did-you-mean': 'did you mean',
  'unknown-code': 'unknown code',
  'off-topic': 'off topic',
  answer: 'answered',
  empty: 'empty',
};

function named(list: Counted[], title: GapsCardOptions['title']): string {
  const shown = list
    .slice(0, NAMED_ENTRIES)
    .map((c) => `${articleText(title(c.entryId) ?? c.entryId)} (${c.n})`);
  const more = list.length - NAMED_ENTRIES;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** The view model: each cluster's leading question, counts, other questions and what was shown and chosen. */
export function gapsView(clusters: Cluster[], options: GapsCardOptions): GapsView {
  const total = clusters.reduce((a, c) => a + c.count, 0);
  const top = clusters.slice(0, MAX_CARD_CLUSTERS);
  return {
    summary:
      `${total} times, ${options.questions} questions in ${clusters.length} clusters, kept ${options.retentionDays} days after last seen` +
      (clusters.length > top.length ? `; the ${top.length} most frequent are shown.` : '.'),
    clusters: top.map((c) => {
      const others = c.questions.slice(1, 3).map((q) => `“${userText(q.q, QUESTION_CHARS)}”`);
      const facts = [
        { title: 'Shown', value: c.shown.length ? named(c.shown, options.title) : 'nothing' },
        ...(c.chosen.length ? [{ title: 'Chosen', value: named(c.chosen, options.title) }] : []),
        ...(c.notHelpful.length
          ? [{ title: 'Not helpful', value: named(c.notHelpful, options.title) }]
          : []),
      ];
      const verdicts = Object.entries(c.verdicts)
        .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
        .map(([v, n]) => `${VERDICT_NAME[v] ?? v} ${n}`)
        .join(', ');
      return {
        id: escapeMarkdown(c.id),
        lead: `“${userText(c.questions[0]?.q ?? '', QUESTION_CHARS)}”`,
        counts: `${c.count}× · ${c.size} ${c.size === 1 ? 'question' : 'questions'} · ${verdicts} · last ${c.lastSeen.slice(0, 10)}`,
        others: others.join('  \n'),
        hasOthers: others.length > 0,
        facts,
      };
    }),
    hasClusters: top.length > 0,
    howToClose: articleText(
      'To close a gap, a maintainer runs: afsbot gaps phrasings --assign CLUSTER=ENTRY-ID. It prints the change to knowledge/phrasings.json for review; rebuild the index and run npm run eval before it lands.',
    ),
  };
}

/** The maintainers' view of the knowledge gaps. */
export function gapsCard(clusters: Cluster[], options: GapsCardOptions): AdaptiveCard {
  return fitCard(expandCard('gaps', gapsView(clusters, options)), MAX_CARD_BYTES);
}
