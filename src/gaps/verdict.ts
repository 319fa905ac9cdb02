import type { Answer } from '../matching/ask';
import type { Verdict } from './record';

/** What the person was shown: the matcher's own verdict. */
export function verdictOf(answer: Answer): Verdict {
  return answer.result.verdict;
}
