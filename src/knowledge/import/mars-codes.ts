/**
 * MARS error ids as the article writes them: `(ID: 34513)`, `Error 34506`, `[0x1FC07]`.
 * Returned as written (hex keeps its `0x`, uppercased digits), without duplicates.
 */
export function marsCodesIn(text: string): string[] {
  const out: string[] = [];
  const add = (v: string) => {
    if (!out.includes(v)) out.push(v);
  };
  for (const m of text.matchAll(/\(ID:?\s*(\d{3,6})\)/gi)) add(m[1]);
  for (const m of text.matchAll(/\bError (\d{4,6})\b/g)) add(m[1]);
  for (const m of text.matchAll(/\[0x([0-9A-Fa-f]{4,6})\]/g)) add('0x' + m[1].toUpperCase());
  return out;
}
