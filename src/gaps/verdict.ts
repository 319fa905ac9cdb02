import type { Answer } from '../matching/ask';
import type { Verdict } from './record';

/**
 * What the person was shown: the matcher's own `verdict` when it gives one, else derived from
 * `confident` and the reason (a confident answer is `answer`; an unconfident one with
 * candidates is `did-you-mean`).
 */
export function verdictOf(answer: Answer): Verdict {
  const given = (answer.result as { verdict?: unknown }).verdict;
  if (
    given === 'answer' ||
    given === 'did-you-mean' ||
    given === 'unknown-code' ||
    given === 'off-topic' ||
    given === 'empty'
  )
    return given;
  if (answer.result.confident) return 'answer';
  if (answer.reason === 'empty' || answer.reason === 'off-topic') return answer.reason;
  if (answer.reason === 'unknown-code') return 'unknown-code';
  return 'did-you-mean';
}
