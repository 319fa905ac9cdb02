import type { Code, Entry } from '../knowledge/schema';
import type { FoundCode } from '../matching/extract-codes';
import { codeBlockLanguage, type CodeBlockLanguage } from './code-language';
import { articleText, escapeMarkdown } from './escape';
import {
  KIND_NAME,
  PRODUCT_NAME,
  escalationSummary,
  flagBadge,
  flagSource,
  sourceUrl,
  titleFromId,
} from './labels';
import {
  assignModes,
  feedbackActions,
  showAction,
  type ExecuteView,
  type OpenUrlView,
} from './actions';

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

export interface StepView {
  label: string;
  text: string;
}

export interface CommandView {
  code: string;
  language: CodeBlockLanguage;
  /** The code for clients without CodeBlock (mobile): escaped markdown, indentation kept. */
  fallbackText: string;
}

export interface TextView {
  text: string;
}

/** The view model of `cards/answer.json`. */
export interface AnswerView {
  title: string;
  subtitle: string;
  olderAgentOnly: boolean;
  olderText: string;
  codes: CodeView[];
  hasCodes: boolean;
  cause: string;
  hasCause: boolean;
  steps: StepView[];
  hasSteps: boolean;
  commands: CommandView[];
  hasCommands: boolean;
  notes: TextView[];
  hasNotes: boolean;
  escalationSummary: string;
  escalationQuote: string;
  hasEscalationQuote: boolean;
  collect: TextView[];
  hasCollect: boolean;
  source: string;
  feedbackRecorded: boolean;
  openUrl: OpenUrlView[];
  execute: ExecuteView[];
}

/** What else the answer card may be told. */
export interface AnswerOptions {
  /** The codes the message held: the entry's matching codes are listed first and marked. */
  codes?: FoundCode[];
  /** Titles for the related entries' buttons (else a title is made from the id). */
  related?: Pick<Entry, 'id' | 'title'>[];
  /** Finds any entry by id: gives every related button its entry's real title. */
  lookup?: (id: string) => Pick<Entry, 'id' | 'title'> | undefined;
  /** The feedback already given: the buttons give way to a thank-you line. */
  feedback?: 'helpful' | 'not-helpful';
}

/** Related entries shown as buttons, at most. */
const MAX_RELATED = 4;

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

function codeView(code: Code, inMessage: boolean): CodeView {
  const badge = flagBadge(code.remediationRequired);
  const how = [
    flagSource(code),
    code.olderAgentOnly ? 'older agents' : null,
    inMessage ? 'in your message' : null,
  ];
  return {
    runs: codeRuns(code),
    how: articleText(how.filter(Boolean).join(' · ')),
    badgeText: badge.text,
    badgeStyle: badge.style,
    badgeColor: badge.color,
  };
}

/** Code for a markdown TextBlock: every line literal, leading indentation kept as no-break spaces. */
export function codeFallbackText(code: string): string {
  return code
    .split(/\r?\n/)
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)![0];
      const spaces = indent.replace(/\t/g, '    ').replace(/ /g, '\u00a0');
      return spaces + escapeMarkdown(line.slice(indent.length));
    })
    .join('\n');
}

function actionsOf(e: Entry, opts: AnswerOptions): Pick<AnswerView, 'openUrl' | 'execute'> {
  const url = sourceUrl(e);
  const openUrl: OpenUrlView[] = url ? [{ title: 'Open the article', url, mode: 'primary' }] : [];
  const related = e.related
    .slice(0, MAX_RELATED)
    .map((id) =>
      showAction(
        id,
        opts.related?.find((r) => r.id === id)?.title ??
          opts.lookup?.(id)?.title ??
          titleFromId(id),
      ),
    );
  const feedback = opts.feedback ? [] : feedbackActions(e.id);
  // The article link and the feedback pair stay buttons; related entries overflow first.
  assignModes<{ mode: OpenUrlView['mode'] }>([...openUrl, ...feedback, ...related]);
  return { openUrl, execute: [...related, ...feedback] };
}

function sourceLine(e: Entry): string {
  const where = e.source.url
    ? e.source.date
      ? ` (${e.source.date})`
      : ''
    : ' (internal guide, no public link)';
  return `Source: ${articleText(e.source.article)}${where}`;
}

/** The view model of one entry's answer card. */
export function answerView(e: Entry, opts: AnswerOptions = {}): AnswerView {
  const found = opts.codes ?? [];
  const codes = e.codes
    .map((c) => ({ c, mine: codeInMessage(c, found) }))
    .sort((a, b) => Number(b.mine) - Number(a.mine))
    .map(({ c, mine }) => codeView(c, mine));
  const olderAgentOnly = e.codes.length > 0 && e.codes.every((c) => c.olderAgentOnly);
  const steps = e.remediation.steps.map((s, i) => ({
    label: `**${i + 1}.**`,
    text: articleText(s),
  }));
  const commands = e.remediation.commands.map((c) => ({
    code: c.code,
    language: codeBlockLanguage(c.language),
    fallbackText: codeFallbackText(c.code),
  }));
  const notes = e.remediation.notes.map((n) => ({ text: articleText(n) }));
  const x = e.escalation;
  const collect =
    x.action === 'none' ? [] : x.collect.map((c) => ({ text: `• ${articleText(c)}` }));
  return {
    title: articleText(e.title),
    subtitle: `${PRODUCT_NAME[e.product]} · ${KIND_NAME[e.kind]}`,
    olderAgentOnly,
    olderText: `Older agents: only the ${e.source.date?.slice(0, 4) ?? 'older'} article lists this; newer agents may report it differently.`,
    codes,
    hasCodes: codes.length > 0,
    cause: articleText(e.cause.trim()),
    hasCause: e.cause.trim() !== '',
    steps,
    hasSteps: steps.length > 0,
    commands,
    hasCommands: commands.length > 0,
    notes,
    hasNotes: notes.length > 0,
    escalationSummary: escalationSummary(x),
    escalationQuote: x.text ? `The article: “${articleText(x.text)}”` : '',
    hasEscalationQuote: !!x.text,
    collect,
    hasCollect: collect.length > 0,
    source: sourceLine(e),
    feedbackRecorded: opts.feedback !== undefined,
    ...actionsOf(e, opts),
  };
}
