import type { Code, Entry } from '../knowledge/schema';
import type { FoundCode } from '../matching/extract-codes';
import { showAction, type ExecuteView } from './actions';
import { codeInMessage, type RunView } from './answer-view';
import { articleText } from './escape';
import { fitCard } from './fit-card';
import { KIND_NAME, PRODUCT_NAME, flagBadge } from './labels';
import { expandCard } from './template';
import { MAX_CARD_BYTES, type AdaptiveCard } from './types';

/** One code of a message and the entry that answers it. */
export interface CodeItem {
  entry: Entry;
  code: FoundCode;
}

export interface CodeRowView {
  runs: RunView[];
  title: string;
  subtitle: string;
  badgeText: string;
  badgeStyle: string;
  badgeColor: string;
  show: ExecuteView[];
}

/** The view model of `cards/multi-code.json`. */
export interface MultiCodeView {
  heading: string;
  rows: CodeRowView[];
  hasRows: boolean;
}

/** The entry's own record of a code found in a message (its flag and error string). */
export function entryCode(entry: Entry, found: FoundCode): Code | undefined {
  const hit = found.hits.find((h) => h.entry.id === entry.id);
  return hit ? entry.codes[hit.code] : entry.codes.find((c) => codeInMessage(c, [found]));
}

function runsOf(found: FoundCode, code: Code | undefined): RunView[] {
  const mono = (text: string, strong: boolean): RunView => ({
    text,
    fontType: 'Monospace',
    weight: strong ? 'Bolder' : 'Default',
  });
  const id = found.mars
    ? `ID ${code?.marsId ?? found.decimal}`
    : (found.hresult ?? code?.hresult ?? null);
  const name = found.mars ? null : (code?.errorString ?? found.name ?? null);
  const runs: RunView[] = [];
  if (id) runs.push(mono(id, true));
  if (id && name) runs.push({ text: ' · ', fontType: 'Default', weight: 'Default' });
  if (name) runs.push(mono(name, !id));
  return runs.length ? runs : [mono('code', true)];
}

function rowView({ entry, code: found }: CodeItem): CodeRowView {
  const code = entryCode(entry, found);
  const badge = flagBadge(code?.remediationRequired ?? 'Maybe');
  return {
    runs: runsOf(found, code),
    title: articleText(entry.title),
    subtitle: `${PRODUCT_NAME[entry.product]} · ${KIND_NAME[entry.kind]}`,
    badgeText: badge.text,
    badgeStyle: badge.style,
    badgeColor: badge.color,
    show: [showAction(entry.id, 'Show the answer')],
  };
}

/** The view model of a list of codes. */
export function multiCodeView(items: CodeItem[]): MultiCodeView {
  const rows = items.map(rowView);
  return {
    heading: `${rows.length} error ${rows.length === 1 ? 'code' : 'codes'} in your message`,
    rows,
    hasRows: rows.length > 0,
  };
}

/** A compact list of the codes in one message, one row each with a button to its answer. */
export function multiCodeCard(items: CodeItem[]): AdaptiveCard {
  return fitCard(expandCard('multi-code', multiCodeView(items)), MAX_CARD_BYTES);
}
