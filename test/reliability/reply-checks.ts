/**
 * What every answer of the bot must satisfy whatever it was sent: no stack traces, cards that
 * validate, messages within Teams' limit, and no user text turned into active markdown.
 */
import { validateCard } from '../support/validate-card';
import { MARK } from './fuzz-gen';

/** A V8 stack frame, as a leaked stack trace would show it. */
export const STACK_FRAME = /\n\s+at .+:\d+:\d+|\bat (?:async )?[\w$.<>]+ \([^)]*:\d+:\d+\)/;

/** Teams refuses a whole message over 40 KB. */
export const MAX_MESSAGE_BYTES = 40 * 1024;

type Json = Record<string, unknown>;

/** Strings Teams renders as markdown in a card: TextBlock text and FactSet titles and values. */
export function markdownStrings(card: unknown): string[] {
  const out: string[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(visit);
    if (typeof x !== 'object' || x === null) return;
    const node = x as Json;
    if (node.type === 'TextBlock' && typeof node.text === 'string') out.push(node.text);
    if (node.type === 'FactSet' && Array.isArray(node.facts))
      for (const f of node.facts as Json[])
        out.push(String(f?.title ?? ''), String(f?.value ?? ''));
    for (const [k, v] of Object.entries(node)) if (k !== 'data') visit(v);
  };
  visit(card);
  return out;
}

/** Unescaped `[` or `]` (an even run of backslashes before it escapes nothing). */
const BRACKET = /(?:^|[^\\])(?:\\\\)*([[\]])/;
/**
 * An unescaped `<` that CommonMark reads as the start of raw HTML or an autolink (a tag name, a
 * closing tag, a comment or declaration, a scheme, an e-mail address); `<Az_Region>` is text.
 */
const TAG_START =
  /(?:^|[^\\])(?:\\\\)*(<)(?=[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|\/[A-Za-z]|[!?]|[A-Za-z][A-Za-z0-9+.-]{1,31}:|[^\s@<>]+@)/;
/** A code span: what is inside shows as it is and forms no link or HTML. */
const CODE_SPAN = /(?<!\\)(`+)[^`]+?\1/g;

/**
 * Why a markdown string could render as something other than text: an unescaped link bracket or
 * HTML tag outside code spans, or a fuzzer link clients would auto-link. Empty when it renders
 * literally. (User text never forms a code span: its backticks are escaped.)
 */
export function markdownProblems(text: string): string[] {
  const p: string[] = [];
  const outside = text.replace(CODE_SPAN, (m) => ' '.repeat(m.length));
  for (const re of [BRACKET, TAG_START]) {
    const m = re.exec(outside);
    if (m)
      p.push(
        `unescaped ${m[1]} in ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 60))}`,
      );
  }
  const host = MARK.split('.')[0];
  for (const re of [
    new RegExp(`[a-z]://${host}`, 'i'),
    new RegExp(`www\\.${host}`, 'i'),
    new RegExp(`@${host}`, 'i'),
  ])
    if (re.test(text))
      p.push(`auto-linkable ${re.source} in ${JSON.stringify(text.slice(0, 120))}`);
  return p;
}

const cardMemo = new Map<string, string[]>();

/** The problems of one card (memoised by its JSON: most replies repeat). */
export function cardProblems(card: unknown): string[] {
  const key = JSON.stringify(card);
  let problems = cardMemo.get(key);
  if (!problems) {
    problems = [...validateCard(card), ...markdownStrings(card).flatMap(markdownProblems)];
    cardMemo.set(key, problems);
  }
  return problems;
}

/** Distinct cards checked so far. */
export const cardsChecked = () => cardMemo.size;

/** The problems of one activity the bot sent into a conversation. */
export function messageProblems(activity: Json): string[] {
  const p: string[] = [];
  const json = JSON.stringify(activity);
  const bytes = Buffer.byteLength(json);
  if (bytes >= MAX_MESSAGE_BYTES) p.push(`message of ${bytes} bytes`);
  if (STACK_FRAME.test(json)) p.push('stack trace in a reply');
  const attachments = (activity.attachments as Json[] | undefined) ?? [];
  if (attachments.length === 0 && typeof activity.text !== 'string')
    p.push('neither text nor cards');
  if (typeof activity.text === 'string') p.push(...markdownProblems(activity.text));
  for (const a of attachments) {
    if (a.contentType !== 'application/vnd.microsoft.card.adaptive')
      p.push(`attachment of type ${String(a.contentType)}`);
    else p.push(...cardProblems(a.content));
  }
  return p;
}
