import type { Entry } from '../knowledge/schema';
import type { CodeBook } from './code-book';

/** Where a code was reported: a sync session's result, or a file that does not sync. */
export type CodeContext = 'session' | 'per-item';

/**
 * The entry that explains an HRESULT (`0x80c8305f`) reported in `context`. Some codes have a
 * session entry and a per-item row with different meanings: the one for the context comes
 * first, and current-agent guidance before older-agent guidance.
 */
export function explainHresult(
  book: CodeBook,
  hresult: string,
  context: CodeContext = 'session',
): Entry | undefined {
  const hits = book.byHex.get(hresult.toLowerCase()) ?? [];
  const rank = (entry: Entry, code: number) =>
    ((entry.kind === 'per-item-error') === (context === 'per-item') ? 0 : 1) +
    (entry.codes[code].olderAgentOnly ? 2 : 0);
  return [...hits].sort((a, b) => rank(a.entry, a.code) - rank(b.entry, b.code))[0]?.entry;
}
