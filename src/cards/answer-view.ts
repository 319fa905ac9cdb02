import type { Block, Entry, Step } from '../knowledge/schema';
import type { FoundCode } from '../matching/extract-codes';
import { codeInMessage, codeView, commandView, type CodeView, type CommandView } from './code-view';
import { articleText, stripControl } from './escape';
import { KIND_NAME, PRODUCT_NAME, escalationSummary, sourceUrl, titleFromId } from './labels';
import { feedbackActions, showAction, type ExecuteView, type OpenUrlView } from './actions';

export { codeInMessage, type CodeView, type CommandView, type RunView } from './code-view';

/** A numbered line (the unknown-code card's next steps). */
export interface StepView {
  label: string;
  text: string;
}

/** One step row: its label (1., a., •) and its text, its condition and warning first. */
export interface StepRowView {
  label: string;
  /** Width of the label column: sub-steps sit further in. */
  labelWidth: string;
  text: string;
  commands: CommandView[];
  hasCommands: boolean;
}

/** A part of the remediation as the article groups it; what qualifies it comes first. */
export interface PartView {
  heading: string;
  hasHeading: boolean;
  condition: string;
  hasCondition: boolean;
  warnings: TextView[];
  hasWarnings: boolean;
  notes: TextView[];
  hasNotes: boolean;
  text: string;
  hasText: boolean;
  /** "Do one of the following:" when the steps are alternatives. */
  listIntro: string;
  hasListIntro: boolean;
  steps: StepRowView[];
  hasSteps: boolean;
  commands: CommandView[];
  hasCommands: boolean;
}

/** A list of causes, conditions, use cases or permissions the article gives. */
export interface DetailView {
  lead: string;
  items: TextView[];
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
  /** Set for support-only content: says so on the card. */
  supportText: string;
  forSupport: boolean;
  cause: string;
  /** The cause section shows: a cause, or the article's lists of causes and conditions. */
  hasCause: boolean;
  hasCauseText: boolean;
  details: DetailView[];
  hasDetails: boolean;
  parts: PartView[];
  hasParts: boolean;
  escalationSummary: string;
  escalationQuote: string;
  hasEscalationQuote: boolean;
  collect: TextView[];
  hasCollect: boolean;
  /** Says the collect list (and a default escalation) is the bot's general advice, not the article's. */
  collectLabel: string;
  source: string;
  feedbackRecorded: boolean;
  openUrl: OpenUrlView[];
  /** Unused by the answer card (kept for views that share the shape). */
  execute: ExecuteView[];
  /** Related entries as rows in the body: the full title, and a short "Open" button. */
  related: (ExecuteView & { label: string })[];
  hasRelated: boolean;
  /** The feedback pair, in the body: always shown as buttons, never in an overflow menu. */
  feedback: ExecuteView[];
  hasFeedbackButtons: boolean;
}

/** An entry as a related button names it: its title, and its codes where known. */
export type Titled = Pick<Entry, 'id' | 'title'> & Partial<Pick<Entry, 'codes'>>;

/** What else the answer card may be told. */
export interface AnswerOptions {
  /** The codes the message held: the entry's matching codes are listed first and marked. */
  codes?: FoundCode[];
  /** Titles for the related entries' buttons (else a title is made from the id). */
  related?: Titled[];
  /** Finds any entry by id: gives every related button its entry's real title. */
  lookup?: (id: string) => Titled | undefined;
  /** The feedback already given: the buttons give way to a thank-you line. */
  feedback?: 'helpful' | 'not-helpful';
}

/** Related entries shown as buttons, at most. */
const MAX_RELATED = 4;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Article text as card markdown: escaped as `articleText` does, except inside code spans, where
 * markdown shows a backslash as it is (`<string>` would read `\<string>`) and nothing can form a
 * link anyway. Each line of the article stays its own paragraph, so an inline command that had a
 * line of its own keeps it.
 */
export function cardText(text: string): string {
  return text
    .split(/(`+[^`]+?`+)/)
    .map((part, i) =>
      i % 2 === 1 && /^(`+)[^`]+?\1$/.test(part) ? stripControl(part) : articleText(part),
    )
    .join('')
    .replace(/\n/g, '\n\n');
}

/** Step rows: condition and warning lead the text; sub-steps and alternatives follow, further in. */
function stepViews(
  steps: Step[],
  list: 'sequence' | 'checks' | 'alternatives',
  depth: number,
): StepRowView[] {
  const out: StepRowView[] = [];
  steps.forEach((s, i) => {
    const label =
      list === 'sequence'
        ? depth === 0
          ? `**${i + 1}.**`
          : `**${LETTERS[i % 26]}.**`
        : list === 'alternatives'
          ? '**or**'
          : '•';
    const lines: string[] = [];
    if (s.condition) lines.push(`**${cardText(s.condition)}:**`);
    if (s.warning) lines.push(`⚠ ${cardText(s.warning)}`);
    lines.push(cardText(s.text));
    const commands = (s.commands ?? []).map(commandView);
    out.push({
      label: list === 'alternatives' && i === 0 ? '**either**' : label,
      labelWidth: depth === 0 ? '40px' : '72px',
      text: lines.join('\n\n'),
      commands,
      hasCommands: commands.length > 0,
    });
    if (s.substeps) out.push(...stepViews(s.substeps, 'sequence', depth + 1));
    if (s.alternatives) out.push(...stepViews(s.alternatives, 'alternatives', depth + 1));
  });
  return out;
}

const QUALIFYING = new Set(['warning', 'caution', 'important']);
const CALLOUT_WORD: Record<string, string> = {
  warning: 'Warning',
  caution: 'Caution',
  important: 'Important',
  note: 'Note',
  tip: 'Tip',
};

function partView(b: Block, titleOf: (id: string) => string): PartView {
  const callouts = b.callouts ?? [];
  // A warning taken from another article says where it comes from.
  const origin = (from: string | undefined) =>
    from ? ` (from “${articleText(titleOf(from))}”)` : '';
  const warnings = callouts
    .filter((c) => QUALIFYING.has(c.kind))
    .map((c) => ({
      text: `**${CALLOUT_WORD[c.kind]}${origin(c.from)}:** ${cardText(c.text)}`,
    }));
  const notes = callouts
    .filter((c) => !QUALIFYING.has(c.kind))
    .map((c) => ({ text: `${CALLOUT_WORD[c.kind]}: ${cardText(c.text)}` }));
  const steps = b.steps && b.list ? stepViews(b.steps, b.list, 0) : [];
  const commands = (b.commands ?? []).map(commandView);
  const listIntro = b.list === 'alternatives' ? 'Do one of the following:' : '';
  return {
    heading: b.heading ? articleText(b.heading) : '',
    hasHeading: !!b.heading,
    condition: b.condition ? `**${cardText(b.condition)}**` : '',
    hasCondition: !!b.condition,
    warnings,
    hasWarnings: warnings.length > 0,
    notes,
    hasNotes: notes.length > 0,
    text: b.text ? cardText(b.text) : '',
    hasText: !!b.text,
    listIntro,
    hasListIntro: listIntro !== '',
    steps,
    hasSteps: steps.length > 0,
    commands,
    hasCommands: commands.length > 0,
  };
}

/** Words of a text, for telling whether the card already shows it. */
const words = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * A related button's label: the entry's title, with its code when the articles give this
 * answer's own title to it ("An internal error occurred." under another code), "Run first:"
 * before the section whose commands set what this one's use, and "Part of:" before the entry this
 * one's section sits in (a deletion scenario, for one of its steps).
 */
export function relatedLabel(e: Entry, r: Titled): string {
  const code = r.codes?.find((c) => c.hresult)?.hresult;
  const title = code && words(r.title) === words(e.title) ? `${r.title} (${code})` : r.title;
  if (r.id === e.runFirst) return `Run first: ${title}`;
  return r.id === e.partOf ? `Part of: ${title}` : title;
}

function actionsOf(
  e: Entry,
  opts: AnswerOptions,
): Pick<
  AnswerView,
  'openUrl' | 'execute' | 'related' | 'hasRelated' | 'feedback' | 'hasFeedbackButtons'
> {
  const url = sourceUrl(e);
  const openUrl: OpenUrlView[] = url ? [{ title: 'Open the article', url, mode: 'primary' }] : [];
  // NOTE: a related entry that is one of this answer's own steps would only repeat the card.
  const shown = words(JSON.stringify(e.remediation));
  const related = e.related
    .map((id) => opts.related?.find((r) => r.id === id) ?? opts.lookup?.(id) ?? { id, title: '' })
    .map((r) => ({ ...r, title: r.title || titleFromId(r.id) }))
    .filter((r) => !shown.includes(words(r.title)))
    .slice(0, MAX_RELATED)
    .map((r) => ({ label: articleText(relatedLabel(e, r)), ...showAction(r.id, 'Open') }));
  const feedback = opts.feedback ? [] : feedbackActions(e.id);
  return {
    openUrl,
    execute: [],
    related,
    hasRelated: related.length > 0,
    feedback,
    hasFeedbackButtons: feedback.length > 0,
  };
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
  const titleOf = (id: string) => opts.lookup?.(id)?.title ?? titleFromId(id);
  const parts = e.remediation.blocks.map((b) => partView(b, titleOf));
  const details = e.details.map((d) => ({
    lead: articleText(d.lead),
    items: d.items.map((i) => ({ text: `• ${cardText(i)}` })),
  }));
  const x = e.escalation;
  const collect =
    x.action === 'none' ? [] : x.collect.map((c) => ({ text: `• ${articleText(c)}` }));
  const older = olderAgentOnly || e.supersededBy !== undefined;
  const heir = e.supersededBy
    ? (opts.lookup?.(e.supersededBy)?.title ?? titleFromId(e.supersededBy))
    : '';
  return {
    title: articleText(e.title),
    subtitle: `${PRODUCT_NAME[e.product]} · ${KIND_NAME[e.kind]}`,
    olderAgentOnly: older,
    olderText: e.supersededBy
      ? `Older guidance (${e.source.date?.slice(0, 4) ?? 'undated'}): newer guidance replaces it; see “${articleText(heir)}”.`
      : `Older agents: only the ${e.source.date?.slice(0, 4) ?? 'older'} article lists this; newer agents may report it differently.`,
    supportText:
      'For Microsoft support: this comes from an internal guide for support engineers (ASC, Jarvis), not from a public article.',
    forSupport: e.audience === 'support',
    codes,
    hasCodes: codes.length > 0,
    cause: cardText(e.cause.trim()),
    hasCause: e.cause.trim() !== '' || details.length > 0,
    hasCauseText: e.cause.trim() !== '',
    details,
    hasDetails: details.length > 0,
    parts,
    hasParts: parts.length > 0,
    escalationSummary:
      x.source === 'default' && x.action !== 'none'
        ? `General advice (the article does not say): ${escalationSummary(x).replace(/^./, (c) => c.toLowerCase())}`
        : escalationSummary(x),
    escalationQuote: x.text ? `The article: “${articleText(x.text)}”` : '',
    hasEscalationQuote: !!x.text,
    collect,
    hasCollect: collect.length > 0,
    collectLabel: 'Collect first (general advice for a support request):',
    source: sourceLine(e),
    feedbackRecorded: opts.feedback !== undefined,
    ...actionsOf(e, opts),
  };
}
