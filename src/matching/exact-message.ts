import type { Entry } from '../knowledge/schema';
import { escapeRegExp, words } from './text';

/** Messages shorter than this many words are too common to mean one entry. */
const MIN_WORDS = 4;
/** Kinds whose title is the message the product shows. */
const MESSAGE_KINDS = new Set<Entry['kind']>(['session-error', 'per-item-error', 'mars-error']);

const normal = (text: string) => words(text).join(' ');

/**
 * Words a `$variable` in a thrown message may stand for: none (pasted without the name) up to a
 * long Azure name ("rg-afs-prod-weu-001" is five words).
 */
const MAX_VARIABLE_WORDS = 8;
/** A PowerShell variable in a message: `$syncGroup`, `${name}`, `$env:COMPUTERNAME`. */
const VARIABLE = /\$(?:\{[^}]*\}|[\w:]+)/g;
/** A message a script in the articles throws or writes: `throw [System.Exception]::new("…" + ` `"…")`. */
const THROWN =
  /\b(?:throw|Write-(?:Error|Warning))\b[^"\n]*((?:"[^"\n]*"(?:[ \t]*\+[ \t]*`?[ \t]*\r?\n?[ \t]*)?)+)/gi;

/** What an entry's scripts print when a check fails, their literal pieces joined. */
function thrownMessages(e: Entry): string[] {
  const out: string[] = [];
  for (const b of e.remediation.blocks)
    for (const c of b.commands ?? [])
      for (const m of c.code.matchAll(THROWN))
        out.push([...m[1].matchAll(/"([^"\n]*)"/g)].map((q) => q[1]).join(''));
  return out;
}

/**
 * A message to look for in normalized text: word for word, each variable in it matching none to
 * MAX_VARIABLE_WORDS words ("The provided sync group $syncGroup does not exist." is quoted with
 * the group's name in it).
 */
function messageOf(t: string): { text: string; pattern?: RegExp; words: number } {
  const parts = t.split(VARIABLE).map(normal);
  const text = parts.filter(Boolean).join(' ');
  const count = text ? text.split(' ').length : 0;
  if (parts.length === 1) return { text, words: count };
  const gap = `(?:[^ ]+ ){0,${MAX_VARIABLE_WORDS}}`;
  const body = parts.map((p) => (p ? `${escapeRegExp(p)} ` : '')).join(gap);
  return { text, pattern: new RegExp(` ${body}`), words: count };
}

/**
 * Messages the articles quote, by entry: the title of an error entry, any quoted text in a
 * title (`… displays the following message: "This server is already registered"`), and what
 * the articles' check scripts throw when a check fails. A question
 * that holds one word for word is about that entry, whatever BM25 makes of the rest.
 */
export class ExactMessages {
  private readonly messages: { text: string; pattern?: RegExp; entry: Entry }[] = [];

  constructor(entries: Entry[]) {
    for (const e of entries) {
      const quoted = [...e.title.matchAll(/["“]([^"”]+)["”]/g)].map((m) => m[1]);
      // MARS sections quote the agent's message at the start of their text: "Error: Unable to find changes in a file."
      const shown = [...e.cause.matchAll(/Error:\s*•?\s*([^.\n•([]+)/g)].map((m) => m[1]);
      // The articles' check scripts say what they found: "The Azure file share referenced by the cloud endpoint does not exist".
      const thrown = thrownMessages(e);
      const texts = MESSAGE_KINDS.has(e.kind)
        ? [e.title, ...quoted, ...shown, ...thrown]
        : [...quoted, ...thrown];
      for (const t of texts) {
        const m = messageOf(t);
        if (m.words >= MIN_WORDS)
          this.messages.push({ text: m.text, pattern: m.pattern, entry: e });
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
      const quoted = m.pattern ? m.pattern.test(q) : q.includes(` ${m.text} `);
      if (quoted && !out.includes(m.entry)) {
        out.push(m.entry);
        longest = m.text.length;
      }
    }
    return out;
  }
}
