import type { Callout, CalloutKind, Command, Step } from '../schema';
import { cleanText } from './clean-text';
import { codeBlocksOf, oneLine, textOf, tidy, type MdNode } from './markdown-text';

/** `> [!WARNING]` and its kin; Learn spells the kind in any case. */
export const CALLOUT = /^\[!(NOTE|WARNING|IMPORTANT|TIP|CAUTION)\]\s*/i;

/** A blockquote as a callout: its kind and its text (a plain quote is a note). */
export function calloutOf(node: MdNode): Callout | null {
  const text = tidy(textOf(node));
  const m = CALLOUT.exec(text);
  const body = cleanText(oneLine(text.replace(CALLOUT, '')));
  if (!body) return null;
  return { kind: (m ? m[1].toLowerCase() : 'note') as CalloutKind, text: body };
}

/** How a callout reads when it is folded into a step's warning. */
export function calloutLine(c: Callout): string {
  return c.kind === 'warning' ? c.text : `${c.kind[0].toUpperCase()}${c.kind.slice(1)}: ${c.text}`;
}

/** A fenced code block as a command, verbatim. */
export function commandOf(node: MdNode): Command | null {
  const code = (node.value ?? '').trimEnd();
  return code.trim() ? { language: node.lang || 'text', code: unescapeCode(code) } : null;
}

/** Learn escapes `<` and `>` in code it renders as markdown (`"\<Az_Region>"`); the reader must not see them. */
export function unescapeCode(code: string): string {
  return code.replace(/\\([<>])/g, '$1');
}

/** How an action in the articles starts: an instruction, or "you can / should / need to…". */
const ACTION_START =
  /^(?:(?:please|then)\s+)?(?:(?:you|we)\s+(?:can|should|need|must|may|might want)\b|see|create|open|perform|free|increase|restart|delete|remove|verify|check|run|ensure|use|go|navigate|select|follow|try|wait|rename|contact|update|grant|make sure|confirm|reduce|move|copy|enable|disable|install|upgrade|download|configure|add|set|skip|work|take|exclude|change|re-register|register|unregister|reset|sign|recall|initiate|repeat|review|retry|start|stop|close|refresh|do)\b/i;

/** The first comma that ends a condition: outside parentheses, within 200 characters. */
function conditionEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < Math.min(text.length, 220); i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === ':' && depth === 0) return -1;
    else if (ch === ',' && depth === 0) return i;
  }
  return -1;
}

/**
 * Splits "If X, do Y." into its condition and its action. A lead-in ("If X, perform the
 * following steps:") stays whole: it introduces a list, and is one. So does a statement ("If
 * cloud tiering is configured, files will be tiered…"): only an action gets a condition.
 */
export function splitCondition(text: string): { condition?: string; text: string } {
  if (/:\s*$/.test(text) || !/^(?:if|when|unless)\b/i.test(text)) return { text };
  const end = conditionEnd(text);
  if (end < 5) return { text };
  const action = text
    .slice(end + 1)
    .trim()
    .replace(/^then\s+/i, '');
  if (!ACTION_START.test(action)) return { text };
  return { condition: text.slice(0, end).trim(), text: action[0].toUpperCase() + action.slice(1) };
}

/** An undo-or-adapt pair ("rename it back" / "register it with the new name") is a choice. */
const PUT_BACK = /\bback to the original\b/i;

/** Whether a list's items are ways to the same end rather than a sequence. */
export function areAlternatives(items: Step[]): boolean {
  if (items.length < 2) return false;
  if (items.every((s) => s.condition && !s.substeps)) return true;
  return items.length === 2 && items.some((s) => PUT_BACK.test(s.text));
}

function itemStep(item: MdNode): Step | null {
  const texts: string[] = [];
  const commands: Command[] = [];
  const warnings: string[] = [];
  let substeps: Step[] | undefined;
  for (const c of item.children ?? []) {
    if (c.type === 'list') {
      const sub = listSteps(c);
      if (sub.length) substeps = [...(substeps ?? []), ...sub];
    } else if (c.type === 'code') {
      const cmd = commandOf(c);
      if (cmd) commands.push(cmd);
    } else if (c.type === 'blockquote') {
      const callout = calloutOf(c);
      if (callout) warnings.push(calloutLine(callout));
    } else {
      for (const code of codeBlocksOf(c)) {
        const cmd = commandOf(code);
        if (cmd) commands.push(cmd);
      }
      const t = cleanText(oneLine(textOf(c)));
      if (t) texts.push(t);
    }
  }
  const joined = texts.join('\n');
  if (!joined && commands.length === 0) return null;
  const { condition, text } = splitCondition(joined || 'Run:');
  const step: Step = { text };
  if (condition) step.condition = condition;
  if (warnings.length) step.warning = warnings.join(' ');
  if (commands.length) step.commands = commands;
  if (substeps) {
    if (areAlternatives(substeps)) step.alternatives = substeps;
    else step.substeps = substeps;
  }
  return step;
}

/** The items of a markdown list as steps: nested lists become sub-steps, code blocks commands. */
export function listSteps(list: MdNode): Step[] {
  return (list.children ?? []).map(itemStep).filter((s): s is Step => s !== null);
}
