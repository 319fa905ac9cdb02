import type { Block, Callout, Command, Detail } from '../schema';
import { cleanText } from './clean-text';
import type { Diagnostics } from './diagnostics';
import { codeBlocksOf, lineOf, linksOf, oneLine, textOf, tidy, type MdNode } from './markdown-text';
import type { Block as SectionBlock } from './sections';
import { areAlternatives, calloutOf, commandOf, listSteps, splitCondition } from './steps';
import { classifyTable, type TableKind } from './tables';

/** The readable parts of a section's own content, in the order the article gives them. */
export interface SectionContent {
  /** The opening paragraph when it explains (a cause), else empty. */
  cause: string;
  /** Lists of causes, conditions, use cases or permissions. */
  details: Detail[];
  /** The rest, in the article's order, each qualifier kept before what it qualifies. */
  blocks: Block[];
  /** Every command, for rules that read them. */
  commands: Command[];
  tables: { kind: TableKind; node: MdNode }[];
  links: string[];
  /** Everything as text, for search and for rules that read the prose. */
  text: string;
}

const COMMAND_START =
  /^(?:[A-Z][a-z]+-[A-Za-z]+\b|\$[A-Za-z]|psexec\b|vssadmin\b|fltmc\b|StorageSyncAgent\.msi\b|cd\s|Import-Module\b)/;

function inlineCommands(node: MdNode, out: Command[]): void {
  if (node.type === 'inlineCode') {
    const v = (node.value ?? '').trim();
    if (v.includes(' ') && COMMAND_START.test(v))
      out.push({ language: /^(psexec|vssadmin|fltmc)/.test(v) ? 'cmd' : 'powershell', code: v });
    return;
  }
  if (node.type === 'code') return;
  for (const c of node.children ?? []) inlineCommands(c, out);
}

/** A lead-in's last sentence says what kind of list follows it. */
export function detailKind(lead: string): Detail['kind'] | null {
  const last = lead.split(/(?<=[.!?])\s+(?=[A-Z])/).pop() ?? lead;
  if (/\bconditions\b/i.test(last)) return 'conditions';
  if (/\buse cases\b/i.test(last)) return 'use-cases';
  if (/\b(permissions|roles)\b/i.test(last) && !/\bdetermine\b/i.test(last)) return 'permissions';
  if (/\b(can occur|occurs?|happen|caused by|causes|reasons)\b/i.test(last)) return 'causes';
  return null;
}

/**
 * Words an instruction starts with, after an optional "Please": an opening paragraph that starts
 * so is an action, not a cause.
 */
const IMPERATIVE =
  /^(?:please\s+)?(enable|disable|verify|check|run|ensure|use|open|go|remove|create|restart|install|upgrade|download|configure|add|delete|set|select|navigate|follow|try|wait|rename|contact|update|grant|make sure|confirm|reduce|move|copy|disconnect)\b(?! of\b)/i;

/**
 * An opening that says what to do, or that nothing is to be done, rather than why the error
 * happens: "No action required. This error should automatically resolve.", "If the error
 * persists for more than a day, create a support request."
 */
const NO_ACTION = String.raw`no action (?:is )?required`;
const ADVICE = new RegExp(
  String.raw`^(?:${NO_ACTION}|if (?:the|this) (?:error|issue|problem) persists)\b`,
  'i',
);

/** A sentence that says nothing needs doing: advice, even in an error's opening paragraph. */
const NOTHING_TO_DO = new RegExp(
  String.raw`^(?:${NO_ACTION}|this error should (?:automatically )?resolve)\b`,
  'i',
);

/** The sentences an opening starts with that say nothing needs doing ("No action required."). */
function leadingAdvice(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  let n = 0;
  while (n < sentences.length && NOTHING_TO_DO.test(sentences[n])) n++;
  return sentences.slice(0, n).join(' ');
}

/** True when a paragraph instructs or advises (`IMPERATIVE`, `ADVICE`): it is no cause. */
export const instructs = (text: string) => IMPERATIVE.test(text) || ADVICE.test(text);

/** A paragraph that is only a bold title (`**Jarvis**`, `**Known issues:**`): a sub-heading. */
function boldHeading(node: MdNode): string | null {
  if (node.type !== 'paragraph') return null;
  const kids = (node.children ?? []).filter(
    (c) =>
      !(c.type === 'text' && !(c.value ?? '').trim()) && c.type !== 'html' && c.type !== 'break',
  );
  if (kids.length !== 1 || kids[0].type !== 'strong') return null;
  return oneLine(textOf(kids[0])).replace(/:\s*$/, '') || null;
}

/** Builds the blocks of a section as the article orders them. */
class Blocks {
  readonly blocks: Block[] = [];
  readonly details: Detail[] = [];
  private heading: string | undefined;
  private lead: string | undefined;
  private callouts: Callout[] = [];

  setHeading(h: string): void {
    this.flush();
    this.heading = h;
  }

  /** Opens a block with what is pending (heading, lead-in, callouts) and the given content. */
  private open(content: Partial<Block>): void {
    const b: Block = {};
    if (this.heading) b.heading = this.heading;
    if (this.lead) b.condition = this.lead;
    if (this.callouts.length) b.callouts = this.callouts;
    Object.assign(b, content);
    this.blocks.push(b);
    this.heading = undefined;
    this.lead = undefined;
    this.callouts = [];
  }

  text(t: string): void {
    // After a lead-in the prose is what it led into: they stay together, whole.
    if (this.lead) return this.open({ text: t });
    const { condition, text } = splitCondition(t);
    if (condition) this.lead = condition;
    this.open({ text });
  }

  leadIn(t: string): void {
    if (this.lead) this.open({ text: this.lead });
    this.lead = t;
  }

  callout(c: Callout): void {
    if (c.kind === 'note' || c.kind === 'tip') {
      // Notes inform about what precedes them: they stay in place.
      if (this.lead) this.callouts.push(c);
      else this.open({ callouts: [...this.callouts, c] });
      return;
    }
    this.callouts.push(c);
  }

  list(node: MdNode): void {
    const steps = listSteps(node);
    if (!steps.length) return;
    const kind = this.lead ? detailKind(this.lead) : null;
    if (this.lead && kind) {
      this.details.push({ kind, lead: this.lead, items: steps.map(flatStep) });
      this.lead = undefined;
      return;
    }
    const list = areAlternatives(steps) ? 'alternatives' : node.ordered ? 'sequence' : 'checks';
    this.open({ list, steps });
  }

  command(cmd: Command): void {
    const last = this.blocks[this.blocks.length - 1];
    const pending = this.lead !== undefined || this.callouts.length > 0 || this.heading;
    if (!pending && last && !last.steps && (last.text || last.commands)) {
      last.commands = [...(last.commands ?? []), cmd];
      return;
    }
    this.open({ commands: [cmd] });
  }

  /** Whatever is pending stands on its own. */
  flush(): void {
    if (this.lead) this.open({ text: this.lead.replace(/\s*:\s*$/, '.') });
    const last = this.blocks[this.blocks.length - 1];
    if (this.callouts.length && last && (last.text || last.steps || last.commands)) {
      // A warning that ends the section qualifies the action it follows: it is read before it.
      last.callouts = [...(last.callouts ?? []), ...this.callouts];
      this.callouts = [];
    }
    if (this.callouts.length) this.open({ callouts: this.callouts });
    this.heading = undefined;
  }
}

/** A list item as one line of a detail list. */
function flatStep(s: {
  text: string;
  condition?: string;
  substeps?: { text: string }[];
  alternatives?: { text: string }[];
}): string {
  const head = s.condition
    ? `${s.condition}, ${s.text[0].toLowerCase()}${s.text.slice(1)}`
    : s.text;
  const subs = [...(s.substeps ?? []), ...(s.alternatives ?? [])].map((x) => x.text);
  return subs.length ? `${head} (${subs.join('; ')})` : head;
}

/** Reads a section's blocks; reports INCLUDEs, broken tables and unreadable callouts. */
export function readContent(blocks: SectionBlock[], diag: Diagnostics): SectionContent {
  const out = new Blocks();
  const c: SectionContent = {
    cause: '',
    details: out.details,
    blocks: out.blocks,
    commands: [],
    tables: [],
    links: [],
    text: '',
  };
  const texts: string[] = [];
  let first = true;
  for (const b of blocks) {
    if (b.type === 'tab') {
      out.setHeading((b as { label: string }).label);
      first = false;
      continue;
    }
    const node = b as MdNode;
    linksOf(node, c.links);
    if (node.type === 'code') {
      const cmd = commandOf(node);
      if (cmd) {
        c.commands.push(cmd);
        out.command(cmd);
        texts.push(cmd.code);
      }
      first = false;
      continue;
    }
    inlineCommands(node, c.commands);
    for (const code of codeBlocksOf(node)) {
      const cmd = commandOf(code);
      if (cmd) c.commands.push(cmd);
    }
    if (node.type === 'table') {
      const kind = classifyTable(node);
      c.tables.push({ kind, node });
      if (kind === 'other') {
        const t = tidy(textOf(node));
        texts.push(t);
        out.text(cleanText(t.replace(/\n/g, '; ')));
      }
      continue;
    }
    const raw = tidy(textOf(node));
    const text = cleanText(oneLine(raw));
    // Learn's ::: directives (images, zones) and bare image lines carry nothing to read.
    if (!text) continue;
    if (node.type === 'paragraph' && /^\[!INCLUDE\b/i.test(raw)) {
      diag.warn(lineOf(node), `unresolved include ${oneLine(raw)}: its text is not in the article`);
      continue;
    }
    if (node.type === 'paragraph' && raw.split('\n').filter((l) => l.startsWith('|')).length >= 2) {
      diag.error(
        lineOf(node),
        'malformed table: rows start with "|" but no header/delimiter row was parsed',
      );
      continue;
    }
    texts.push(text);
    if (node.type === 'list') {
      out.list(node);
    } else if (node.type === 'blockquote') {
      const callout = calloutOf(node);
      if (callout) out.callout(callout);
    } else if (node.type === 'heading' || node.type === 'paragraph' || node.type === 'html') {
      if (!text.replace(/[`*_|-]/g, '').trim()) continue;
      const heading = boldHeading(node);
      if (heading) {
        out.setHeading(heading);
      } else if (/:\s*$/.test(text)) {
        // An opening that explains and then leads in ("This error occurs because…. You can
        // troubleshoot this error by working through the following steps:") is a cause and a lead-in.
        const at = first && !c.cause ? text.search(/(?<=[.!?])\s+(?=[A-Z][^.!?]*:\s*$)/) : -1;
        if (at > 0 && detailKind(text) === null) {
          c.cause = text.slice(0, at).trim();
          out.leadIn(text.slice(at).trim());
        } else out.leadIn(text);
      } else if (first && !c.cause && !IMPERATIVE.test(text) && node.type === 'paragraph') {
        // "No action required. This error occurs because…": the advice is what to do, and what
        // follows it may still explain.
        const advice = leadingAdvice(text);
        if (advice) out.text(advice);
        const rest = text.slice(advice.length).trim();
        // The opening explains; a conditional action inside it ("If the directory was renamed,
        // rename it back") is an action, and goes with the remediation.
        const at = rest.search(/(?<=[.!?])\s+(?=(?:If|When|To resolve|To fix)\b)/);
        if (rest && !instructs(rest)) {
          c.cause = at > 0 ? rest.slice(0, at).trim() : rest;
          if (at > 0) out.text(rest.slice(at).trim());
        } else if (rest) out.text(rest);
      } else {
        out.text(text);
      }
    }
    first = false;
  }
  out.flush();
  const seen = new Set<string>();
  c.commands = c.commands.filter((cmd) =>
    seen.has(cmd.code) ? false : (seen.add(cmd.code), true),
  );
  c.text = texts.join('\n');
  return c;
}
