import type { Entry } from '../knowledge/schema';
import type { Answer } from './answer';
import { placementOf } from './domain';
import type { TextHit, TextSearch } from './search';
import type { DecisionWeights } from './weights';

/** Two entries of one topic: they share an anchor of the articles. */
export const sameTopic = (a: Entry, b: Entry) => a.anchors.some((x) => b.anchors.includes(x));

/** What the decision on free text reads. */
export interface FreeTextCase {
  /** The ranked candidates, best first, after the audience gate and what must lead. */
  hits: TextHit[];
  search: TextSearch;
  text: string;
  /** Entries whose message the text quotes word for word. */
  quoted: Entry[];
  /** The text asks whether to delete or recreate something to fix it. */
  safe: boolean;
  weights: DecisionWeights;
  /** True for the articles' answers and warnings on destructive fixes (`safety.ts`). */
  isSafety: (e: Entry) => boolean;
  /** True when the entry stays first with any one content word left out (`stability.ts`). */
  steady: (e: Entry) => boolean;
}

/** Answer, chooser or off-topic for free text (no codes), from the calibrated thresholds. */
export function decideFreeText(c: FreeTextCase): Answer['reason'] {
  const { hits, search, text, quoted, safe, weights: w } = c;
  const [a] = hits;
  if (!a) return 'off-topic';
  // Quoted word for word: the message's own entry, unless two topics share the message.
  if (quoted.length) return quoted.every((e) => sameTopic(e, quoted[0])) ? 'text' : 'ambiguous';
  // Another product named, and nothing of the field: whatever words it shares, it is not ours.
  const placement = placementOf(text);
  if (placement === 'elsewhere') return 'off-topic';
  const placed = placement === 'field';
  // Words the knowledge happens to share ("register a domain name") are not enough on their own.
  const speaks = placed || search.topExactCoverage >= w.unplacedCoverage;
  // The articles' answer to "should I delete it?" answers a question of the field only: "my
  // iPhone is stuck, should I reset it?" is not asking about a server endpoint.
  if (safe && speaks && c.isSafety(a.entry)) return 'text';
  // Nothing relates: no word of the field, and the best entry speaks of little of the message.
  if (!placed && search.topExactCoverage < w.relateCoverage) return 'off-topic';
  if (!speaks || search.topCoverage < w.minCoverage) return 'ambiguous';
  // An answer every word of the question supports may pass looser thresholds (stability.ts).
  let stable: boolean | undefined;
  const steady = () => (stable ??= c.steady(a.entry));
  if (
    search.information < w.minInformation &&
    (search.information < w.stableInformation || !steady())
  )
    return 'vague';
  if (w.requireAgreement && !search.agreed && a === search.hits[0]) return 'ambiguous';
  const b = hits.slice(1).find((h) => !sameTopic(a.entry, h.entry));
  if (
    b &&
    b.score >= w.ambiguityRatio * a.score &&
    (b.score >= w.stableRatio * a.score || !steady())
  )
    return 'ambiguous';
  return 'text';
}
