import type { Entry } from '../knowledge/schema';
import { terms } from './text';

/**
 * Doing something that loses sync state or data: delete, recreate, re-register, reset, and the
 * general verbs people use for the same (wipe, purge, tear down, get rid of, blow away, start
 * over, set it up again, put it back). "Drop" is left out: connections and sessions drop too. What
 * is put or added back is the field's (an endpoint, a share, "it"): putting permissions back repairs.
 */
/** What the field's destructive acts are done to: an endpoint, a group, a share, a server… */
const THINGS = 'endpoint|group|share|server|agent|registration|vault|folder|file';
const ACT = String.raw`(?:delet\w*|remov\w*|re-?creat\w*|re-?add\w*|re-?register\w*|unregister\w*|de-?register\w*|reset\w*|deprovision\w*|re-?provision\w*|decommission\w*|wip\w+|purg\w+|eras\w+|nuk\w+|re-?install\w*|uninstall\w*|rebuild\w*|re-?deploy\w*|re-?initiali[sz]\w*|tear\w* (?:\w+ ){0,3}down|teardown|get\w* rid of|(?:blow|throw)\w* (?:\w+ ){0,3}away|start\w* (?:over|fresh|afresh)|from scratch|clean slate|fresh start|(?:add|put)\w* (?:(?:it|them|that|this|those|these|everything|all|(?:\w+ ){0,3}?(?:${THINGS})s?) )?back|set\w* (?:\w+ ){0,3}up again)`;
const DESTRUCTIVE = new RegExp(String.raw`\b${ACT}\b`, 'i');
/**
 * …as a way to fix something, or asking whether to: the trouble it is meant to end, or the
 * question whether it will do ("can I just…", "get it working").
 */
const TO_FIX =
  /\b(fix\w*|resolv\w*|solv\w*|repair\w*|should|good idea|worth|help|quick|work\w* again|error\w*|issue\w*|problem\w*|broken|fail\w*|stuck|not syncing|won'?t sync|isn'?t syncing|unhealthy|not working|(?:doesn|isn|won)'?t work\w*|corrupt\w*|out of sync|bad state|mess(?:ed)? up|a mess|(?:can|could|do|shall) (?:i|we) (?:just|simply)|get\w* (?:\w+ ){0,2}working|sort\w* (?:\w+ ){0,2}out|clear\w* (?:\w+ ){0,2}up)\b/i;
/** A warning against doing it: "Don't try to resolve sync issues by deprovisioning…". */
const WARNING = /\b(don'?t|do not|never)\b.*\b(deprovision|delet|remov)/i;
/**
 * Where a sentence ends: after a full stop, question or exclamation mark or semicolon and the
 * space that follows, or at a line break. The mark stays with its sentence.
 */
const SENTENCE_END = /(?<=[.?!;])\s+|\n/;
/**
 * Asking whether or how to do something, rather than telling what was done ("after someone
 * recreated the share"): a question mark, a modal before its subject ("should I", "can we"), an
 * intention ("we need to", "planning to") or a request for advice. Not a bare modal: "it can't
 * sync", "in May", "must have broken" tell.
 */
const ASKING =
  /\?|\b(?:should|shall|can|could|would|do|does|is it|would it|will it)\s+(?:i|we|you|it|this|that)\b|\b(?:need|have|want|going|plan\w*|about)\s+to\b|\b(?:worth\w*|good idea|safe to|ok(?:ay)? to|how (?:do|can|should|would) (?:i|we))\b/i;
const WARNING_KINDS = new Set(['warning', 'caution', 'important']);

/** The article's warnings and cautions in an entry. */
const warningsOf = (e: Entry) =>
  e.remediation.blocks
    .flatMap((b) => b.callouts ?? [])
    .filter((c) => WARNING_KINDS.has(c.kind))
    .map((c) => c.text);

/** True when the text asks about deleting, recreating or resetting something to fix a problem. */
export function asksDestructiveFix(text: string): boolean {
  return actsAskedAbout(text).length > 0 && TO_FIX.test(text.replace(ACT_FAILS, ' '));
}

/** Words that end the account of an act failing: what follows is another clause. */
const CLAUSE = String.raw`(?:fix\w*|resolv\w*|solv\w*|repair\w*|help\w*|since|because|as|when|while|if|and|but|or|so|then|to|will|would|could|should|might)`;
/**
 * The act itself failing: "deleting its endpoint in the portal just fails", "deletion times out",
 * "failed to delete the server endpoint". Its trouble is that the act does not complete, not one
 * the act is meant to fix: the articles' answer to "should I delete it to fix this?" does not
 * answer "how do I get it deleted?". ("Can't delete" needs no reading: "can't" is no trouble word.)
 */
const ACT_FAILS = new RegExp(
  String.raw`\bfail\w* to\s+(?:\w+\s+)?${ACT}\b` +
    String.raw`|\b${ACT}(?:\s+(?!${CLAUSE}\b)[\w'/]+){0,6}?\s+(?:just\s+|still\s+|keeps?\s+|always\s+)?` +
    String.raw`(?:fail\w*|time[sd]? out|timing out|hang\w*|hung|stuck|errors? out|errored)\b`,
  'gi',
);

/**
 * The destructive acts a text asks about: all it names but those told as done ("we deleted the
 * share and recreated it"), which are the cause it reports, not a fix it weighs.
 */
function actsAskedAbout(text: string): string[] {
  return (text.match(EVERY_ACT) ?? []).filter((act) => !DONE.test(act));
}
/** Every destructive act of a text, for `match` and `replace`. */
const EVERY_ACT = new RegExp(DESTRUCTIVE.source, 'gi');
/** An act told as done: its verb in the past ("deleted", "re-added", "added it back", "tore down"). */
const DONE = /^(?:(?:re|de|un)-)?(?:\w+ed|tore|got|blew|threw)\b/i;

/**
 * True when one sentence or line of the text asks about a destructive act, for messages with
 * codes: the codes name the trouble it would fix. A pasted report or log says "deleted" on one
 * line and "error" on another, and a code "after someone recreated the share" tells the cause;
 * neither asks anything.
 */
export function asksDestructiveFixInASentence(text: string): boolean {
  return text.split(SENTENCE_END).some((s) => actsAskedAbout(s).length > 0 && ASKING.test(s));
}

/**
 * The entries that answer "should I delete / recreate it?": questions the articles ask in those
 * words, then the sections that warn against it. They lead any answer to such a question.
 */
export function safetyEntries(entries: Entry[]): Entry[] {
  const asked = entries.filter(
    (e) => e.kind === 'question' && e.title.includes('?') && DESTRUCTIVE.test(e.title),
  );
  const warned = entries.filter((e) => warningsOf(e).some((w) => WARNING.test(w)));
  return [...new Set([...asked, ...warned])];
}

/**
 * A procedure that deletes or removes something: never the first answer to a destructive fix.
 * An error's own section ("Server endpoint deletion fails, with this error: …", which has its
 * code) is not one: it tells how to get past that error, under the warning it carries.
 */
export function isDestructiveProcedure(e: Entry): boolean {
  return e.kind === 'procedure' && e.codes.length === 0 && DESTRUCTIVE.test(e.title);
}

/**
 * What the articles' answers to destructive questions are about, as terms: the words every one
 * of their titles shares, less their product's name. For "Should I remove and recreate my server
 * endpoint?" and "Deprovision or delete your Azure File Sync server endpoint": server, endpoint.
 */
export function safetyObject(answers: Entry[]): string[] {
  if (!answers.length) return [];
  const product = new Set(answers.flatMap((e) => terms(e.product.replace(/-/g, ' '))));
  const [first, ...rest] = answers.map((e) => new Set(terms(e.title)));
  return [...first].filter(
    (t) => !product.has(t) && !DESTRUCTIVE.test(t) && rest.every((r) => r.has(t)),
  );
}

/** True when the text names all of `object` (abbreviations count: "SE" is the server endpoint). */
export function namesObject(text: string, object: string[]): boolean {
  if (!object.length) return false;
  const said = new Set(terms(text));
  return object.every((t) => said.has(t));
}

/**
 * What an act asked about is done to, right after it: "(delete) the sync group", "(recreate)
 * the SE", "(reset) it", through a second act joined by "and" ("delete and recreate the sync
 * group"). Up to three words before the thing itself ("the old server endpoint"): one of THINGS,
 * or its abbreviation.
 */
const OBJECT = new RegExp(
  String.raw`^(?:\s+(?:and|or|then)\s+${ACT})?` +
    String.raw`\s+(?:(?:it|them|this|that)\b|(?:\w+\s+){0,3}?(?:${THINGS}|se|ce|sg)s?\b(?:\s+(?:endpoint|registration)s?\b)?)`,
  'i',
);

/**
 * The situation asked about: the text without the destructive acts it asks about and what they
 * would be done to ("should I delete and recreate the sync group?" is not about the sync group's
 * trouble). What was done ("the share was deleted and recreated") stays: it is the situation.
 */
export function situationOf(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(EVERY_ACT)) {
    if (m.index < from) continue;
    out += text.slice(from, m.index);
    from = m.index + m[0].length;
    if (DONE.test(m[0])) {
      out += m[0];
      continue;
    }
    out += ' ';
    const object = OBJECT.exec(text.slice(from));
    if (object) from += object[0].length;
  }
  return out + text.slice(from);
}

/** True when every word of `e`'s title is in `by`'s title: `by` names what `e` is about. */
export function coversTitle(by: Entry, e: Entry): boolean {
  const named = new Set(terms(by.title));
  const title = terms(e.title);
  return title.length > 0 && title.every((t) => named.has(t));
}
