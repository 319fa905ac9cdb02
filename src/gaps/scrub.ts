/**
 * Removes personal and customer data from a question before it is kept: names of people, e-mail
 * addresses and UPNs, account names, server, share and other resource names, paths, URLs, host
 * names, IP addresses, GUIDs and resource ids. Error codes (hex, decimal, error names, MARS ids),
 * event ids and the words of the question are kept, since they are what a maintainer needs.
 *
 * Each removed value becomes a bracketed placeholder (`[server]`, `[path]` …), so the question
 * still reads as a sentence. The rules err on the side of removing: a lost host-like word costs
 * a maintainer a little context, a kept customer name costs trust.
 */
import { escapeRegExp } from '../matching/text';
import { NOT_A_NAME, RULES } from './scrub-rules';

/** Longest text scrubbed and kept: the head of a long paste, where people write their question. */
export const MAX_SCRUBBED_CHARS = 1000;

/** Placeholders the scrubber writes; the phrasing export turns them back into plain words. */
export const PLACEHOLDER =
  /\[(server|share|path|email|user|person|ip|guid|host|url|name|resource-id|account|sid|id)\]/g;

/** Options: names known to belong to people in this conversation (the sender's display name). */
export interface ScrubOptions {
  names?: (string | undefined | null)[];
}

/** The text with personal and customer data replaced by placeholders; at most MAX_SCRUBBED_CHARS. */
export function scrub(text: string, options: ScrubOptions = {}): string {
  let out = text.length > MAX_SCRUBBED_CHARS * 4 ? text.slice(0, MAX_SCRUBBED_CHARS * 4) : text;
  // The sender's own name (each part), wherever it appears: a signature, "ask Ada".
  const parts = (options.names ?? [])
    .flatMap((n) => (n ?? '').split(/[\s,()]+/))
    .map((p) => p.trim())
    .filter((p) => p.length >= 2 && p.length <= 64 && !NOT_A_NAME.has(p.toLowerCase()));
  for (const p of new Set(parts))
    out = out.replace(new RegExp(`(?<![\\w])${escapeRegExp(p)}(?![\\w])`, 'gi'), '[person]');
  for (const [pattern, replacement] of RULES)
    out = out.replace(pattern, replacement as (...m: string[]) => string);
  out = out.replace(/(\[person\])(?:\s+\[person\])+/g, '$1');
  return out.length > MAX_SCRUBBED_CHARS ? out.slice(0, MAX_SCRUBBED_CHARS) : out;
}
