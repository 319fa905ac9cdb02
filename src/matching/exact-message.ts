import type { Entry } from '../knowledge/schema';
import { words } from './text';

/** Messages shorter than this many words are too common to mean one entry. */
const MIN_WORDS = 4;
/** Kinds whose title is the message the product shows. */
const MESSAGE_KINDS = new Set<Entry['kind']>(['session-error', 'per-item-error', 'mars-error']);

const normal = (text: string) => words(text).join(' ');

/**
 * Messages the articles quote, by entry: the title of an error entry, and any quoted text in a
 * title (`… displays the following message: "This server is already registered"`). A question
 * that holds one word for word is about that entry, whatever BM25 makes of the rest.
 */
export class ExactMessages {
  private readonly messages: { text: string; entry: Entry }[] = [];

  constructor(entries: Entry[]) {
    for (const e of entries) {
      const quoted = [...e.title.matchAll(/["“]([^"”]+)["”]/g)].map((m) => m[1]);
      // MARS sections quote the agent's message at the start of their text: "Error: Unable to find changes in a file."
      const shown = [...e.cause.matchAll(/Error:\s*•?\s*([^.\n•([]+)/g)].map((m) => m[1]);
      const texts = MESSAGE_KINDS.has(e.kind) ? [e.title, ...quoted, ...shown] : quoted;
      for (const t of texts) {
        const text = normal(t);
        if (text.split(' ').length >= MIN_WORDS) this.messages.push({ text, entry: e });
      }
    }
    // Longest first: the most specific message a question quotes wins.
    this.messages.sort((a, b) => b.text.length - a.text.length);
  }

  /** Entries whose message the text quotes word for word, the longest message first. */
  find(text: string): Entry[] {
    const q = ` ${normal(text)} `;
    const out: Entry[] = [];
    let longest = 0;
    for (const m of this.messages) {
      // Only the longest quoted message (and entries sharing it) count: a short message inside it is part of it.
      if (m.text.length < longest) break;
      if (q.includes(` ${m.text} `) && !out.includes(m.entry)) {
        out.push(m.entry);
        longest = m.text.length;
      }
    }
    return out;
  }
}
