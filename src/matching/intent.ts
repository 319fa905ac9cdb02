import type { EntryKind } from '../knowledge/schema';

/** What a question asks for: how to do something, or what a state or error means. */
export type Intent = 'how' | 'meaning';

const HOW =
  /(?:^|[.?!:,]\s*)(?:how (?:do|can|should|would|to|did)\b|how to\b|where (?:do|can|should) (?:i|we)\b|is there a way\b|what(?:'s| is| are) the (?:best |right |safe |correct |proper )?(?:way|procedure|process|steps)\b|steps to\b)/i;
const MEANING =
  /\b(?:what (?:does|do) .{1,60} mean|is (?:this|that|it) (?:normal|expected|bad|a problem|safe to ignore)|should i (?:worry|care)|can i ignore|safe to ignore|do i need to (?:do|fix) anything)\b/i;

/** The intent a question states in so many words, if any. */
export function intentOf(text: string): Intent | null {
  const head = text.slice(0, 400);
  if (HOW.test(head)) return 'how';
  if (MEANING.test(head)) return 'meaning';
  return null;
}

/** The kinds of entry that answer each intent. */
export const ANSWERED_BY: Record<Intent, ReadonlySet<EntryKind>> = {
  how: new Set(['procedure', 'question', 'overview']),
  meaning: new Set(['session-error', 'per-item-error', 'health-status', 'mars-error']),
};
