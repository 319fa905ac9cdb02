/** Codes and commands as the answer card shows them: code runs, badges, code blocks and their fallback lines. */
import { breakAtUnderscores } from './breakable';
import type { Code, Command } from '../knowledge/schema';
import type { FoundCode } from '../matching/extract-codes';
import { codeBlockLanguage, type CodeBlockLanguage } from './code-language';
import { articleText } from './escape';
import { flagBadge, flagSource } from './labels';

/** One run of a RichTextBlock (TextRuns are not markdown: no escaping). */
export interface RunView {
  text: string;
  fontType: 'Default' | 'Monospace';
  weight: 'Default' | 'Bolder';
}

/** One code of the entry, with its remediation badge. */
export interface CodeView {
  runs: RunView[];
  how: string;
  badgeText: string;
  badgeStyle: string;
  badgeColor: string;
}

export interface CommandView {
  code: string;
  language: CodeBlockLanguage;
  /** The code for clients without CodeBlock (mobile, Agents Playground): one line per TextBlock. */
  fallbackLines: CodeLineView[];
}

const marsNumber = (id: string) => (/^0x/i.test(id) ? parseInt(id, 16) : Number(id));

/** True when a code of the entry is one the message held. */
export function codeInMessage(code: Code, found: FoundCode[]): boolean {
  return found.some((f) =>
    f.mars
      ? code.marsId !== null && marsNumber(code.marsId) === f.decimal
      : f.hresult !== null
        ? f.hresult === code.hresult
        : f.name !== undefined && f.name === code.errorString,
  );
}

/** A code as RichTextBlock runs: hex, decimal, error string, MARS id. */
export function codeRuns(code: Code): RunView[] {
  const parts: { text: string; strong: boolean }[] = [];
  if (code.hresult) parts.push({ text: code.hresult, strong: true });
  if (code.decimal !== null) parts.push({ text: String(code.decimal), strong: false });
  if (code.errorString) parts.push({ text: code.errorString, strong: parts.length === 0 });
  if (code.marsId) parts.push({ text: `ID ${code.marsId}`, strong: parts.length === 0 });
  const runs: RunView[] = [];
  parts.forEach((p, i) => {
    if (i > 0) runs.push({ text: ' · ', fontType: 'Default', weight: 'Default' });
    runs.push({ text: p.text, fontType: 'Monospace', weight: p.strong ? 'Bolder' : 'Default' });
  });
  return runs;
}

export function codeView(code: Code, inMessage: boolean): CodeView {
  const badge = flagBadge(code.remediationRequired);
  const how = [
    flagSource(code),
    code.olderAgentOnly ? 'older agents' : null,
    inMessage ? 'in your message' : null,
  ];
  return {
    // Long error names wrap between their parts in a narrow column (breakable.ts).
    runs: codeRuns(code).map((r) => ({ ...r, text: breakAtUnderscores(r.text) })),
    how: articleText(how.filter(Boolean).join(' · ')),
    badgeText: badge.text,
    badgeStyle: badge.style,
    badgeColor: badge.color,
  };
}

/**
 * A line of code as markdown that renders it verbatim, escaping only what would format it: emphasis
 * and code marks, brackets, a backslash before punctuation, what opens a block at the start of the
 * line, and `<` or `&` only where they would start an HTML tag, an autolink or an entity. `"<Az_Region>"`
 * is no tag and stays as written (a needless `\<` shows in clients that do not unescape it).
 */
export function escapeCodeLine(line: string): string {
  return line
    .replace(/\\(?=[!-/:-@[-`{-~]|$)/g, '\\\\')
    .replace(/[*_`[\]~]/g, '\\$&')
    .replace(
      /<(?=[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|\/[A-Za-z]|[!?]|[A-Za-z][A-Za-z0-9+.-]{1,31}:|[^\s@<>]+@)/g,
      '\\<',
    )
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^([#>+=-]|\d+[.)])/, (m) => m.replace(/[#>+=\-.)]/, '\\$&'))
    .replace(/\$\{/g, '$\\{');
}

/** One line of code for clients without CodeBlock; a blank line before it shows as space. */
export interface CodeLineView {
  text: string;
  spacing: 'None' | 'Small';
}

/**
 * Code for clients without CodeBlock: one TextBlock per line, so no line can run into the next
 * (a `#` comment would swallow the code after it), markdown escaped, indentation kept as no-break
 * spaces. Blank lines become space above the next line (a TextBlock cannot be empty).
 */
export function codeFallbackLines(code: string): CodeLineView[] {
  const out: CodeLineView[] = [];
  let gap = false;
  for (const line of code.split(/\r?\n/)) {
    if (!line.trim()) {
      gap = out.length > 0;
      continue;
    }
    const indent = /^[ \t]*/.exec(line)![0];
    const spaces = indent.replace(/\t/g, '    ').replace(/ /g, '\u00a0');
    out.push({
      text: spaces + escapeCodeLine(line.slice(indent.length)),
      spacing: gap ? 'Small' : 'None',
    });
    gap = false;
  }
  return out;
}

export function commandView(c: Command): CommandView {
  return {
    code: c.code,
    language: codeBlockLanguage(c.language),
    fallbackLines: codeFallbackLines(c.code),
  };
}
