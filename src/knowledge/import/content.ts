import type { Command } from '../schema';
import type { Diagnostics } from './diagnostics';
import { codeBlocksOf, lineOf, linksOf, oneLine, textOf, tidy, type MdNode } from './markdown-text';
import type { Block } from './sections';
import { classifyTable, type TableKind } from './tables';

/** The readable parts of a section's own content, in the order the article gives them. */
export interface SectionContent {
  paragraphs: string[];
  steps: string[];
  commands: Command[];
  callouts: string[];
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

function listItems(list: MdNode): string[] {
  return (list.children ?? [])
    .map((item) =>
      oneLine(
        (item.children ?? [])
          .filter((c) => c.type !== 'code')
          .map((c) =>
            c.type === 'list'
              ? listItems(c)
                  .map((s) => `- ${s}`)
                  .join('\n')
              : textOf(c),
          )
          .join('\n'),
      ),
    )
    .filter(Boolean);
}

const CALLOUT = /^\[!(NOTE|WARNING|IMPORTANT|TIP|CAUTION)\]\s*/i;

/** Reads a section's blocks; reports INCLUDEs, broken tables and unreadable callouts. */
export function readContent(blocks: Block[], diag: Diagnostics): SectionContent {
  const c: SectionContent = {
    paragraphs: [],
    steps: [],
    commands: [],
    callouts: [],
    tables: [],
    links: [],
    text: '',
  };
  const texts: string[] = [];
  let tab = '';
  for (const b of blocks) {
    if (b.type === 'tab') {
      tab = (b as { label: string }).label;
      continue;
    }
    const node = b as MdNode;
    linksOf(node, c.links);
    if (node.type === 'code') {
      if ((node.value ?? '').trim())
        c.commands.push({ language: node.lang || 'text', code: (node.value ?? '').trimEnd() });
      continue;
    }
    inlineCommands(node, c.commands);
    for (const code of codeBlocksOf(node)) {
      if ((code.value ?? '').trim())
        c.commands.push({ language: code.lang || 'text', code: (code.value ?? '').trimEnd() });
    }
    if (node.type === 'table') {
      const kind = classifyTable(node);
      c.tables.push({ kind, node });
      if (kind === 'other') texts.push(tidy(textOf(node)));
      continue;
    }
    const text = tidy(textOf(node));
    // Learn's ::: directives (images, zones) and bare image lines carry nothing to read.
    if (!text || /^:::/.test(text)) continue;
    if (node.type === 'paragraph' && /^\[!INCLUDE\b/i.test(text)) {
      diag.warn(
        lineOf(node),
        `unresolved include ${oneLine(text)}: its text is not in the article`,
      );
      continue;
    }
    if (
      node.type === 'paragraph' &&
      text.split('\n').filter((l) => l.startsWith('|')).length >= 2
    ) {
      diag.error(
        lineOf(node),
        'malformed table: rows start with "|" but no header/delimiter row was parsed',
      );
      continue;
    }
    const label = tab ? `${tab}: ` : '';
    if (node.type === 'list') {
      const items = listItems(node).map((s) => label + s);
      c.steps.push(...items);
      texts.push(items.join('\n'));
    } else if (node.type === 'blockquote') {
      const m = CALLOUT.exec(text);
      const body = oneLine(text.replace(CALLOUT, ''));
      if (body) c.callouts.push(m ? `${m[1][0]}${m[1].slice(1).toLowerCase()}: ${body}` : body);
      texts.push(body);
    } else if (node.type === 'heading' || node.type === 'paragraph' || node.type === 'html') {
      const line = oneLine(text);
      if (line.replace(/[`*_|-]/g, '').trim()) {
        c.paragraphs.push(label + line);
        texts.push(line);
      }
    } else if (node.type !== 'thematicBreak') {
      texts.push(oneLine(text));
    }
  }
  const seen = new Set<string>();
  c.commands = c.commands.filter((cmd) =>
    seen.has(cmd.code) ? false : (seen.add(cmd.code), true),
  );
  c.text = texts.join('\n');
  return c;
}
