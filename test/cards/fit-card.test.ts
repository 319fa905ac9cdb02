import { answerCard, fitCard, MAX_CARD_BYTES, welcomeCard } from '../../src/cards';
import { answerView } from '../../src/cards/answer-view';
import { expandCard } from '../../src/cards/template';
import type { AdaptiveCard, CardNode } from '../../src/cards/types';
import type { Block, Entry } from '../../src/knowledge/schema';
import { byId, hasId, textsOf, unescapeMarkdown } from './card-text';
import { entries } from './fixtures';
import { validateCard } from '../support/validate-card';

const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');
const items = (card: AdaptiveCard, id: string) => byId(card, id).items as CardNode[];
const lines = (n: number, size: number, what: string) =>
  Array.from({ length: n }, (_, i) => `${what} ${i + 1}: ${'lorem ipsum '.repeat(size / 12)}`);

/**
 * A real entry grown past any card limit: `parts` blocks, each with a condition, a warning, steps
 * and a command, then `notes` note blocks. The card is built unfitted to compare.
 */
function grown(sizes: { notes: number; parts: number; steps: number }): Entry {
  const base = entries.sessionWithCommands;
  const parts: Block[] = Array.from({ length: sizes.parts }, (_, p) => ({
    condition: `If case ${p + 1} applies, do the following:`,
    callouts: [{ kind: 'warning', text: `Warning ${p + 1}: this deletes data.` }],
    list: 'sequence',
    steps: lines(sizes.steps, 400, `Step ${p + 1}.`).map((text) => ({ text })),
    commands: [{ language: 'powershell', code: lines(1, 1500, `Get-Thing${p + 1}`)[0] }],
  }));
  const notes: Block[] = lines(sizes.notes, 2000, 'Note').map((text) => ({
    callouts: [{ kind: 'note', text }],
  }));
  return { ...base, remediation: { blocks: [...parts, ...notes] } };
}
const unfitted = (e: Entry) => expandCard('answer', answerView(e));

describe('fitCard', () => {
  it('returns a card that fits as it is', () => {
    const card = welcomeCard();
    expect(fitCard(card, MAX_CARD_BYTES)).toBe(card);
  });

  it("cuts what to collect first: it is the bot's general advice, not the article", () => {
    const e = grown({ notes: 0, parts: 1, steps: 60 });
    const full = unfitted(e);
    const max = bytes(full) - 200;
    const card = fitCard(full, max);
    expect(bytes(card)).toBeLessThanOrEqual(max);
    expect(items(card, 'collect').at(-1)).toMatchObject({ id: 'collect-more' });
    expect(items(card, 'remediation')).toHaveLength(1);
  });

  it('then drops whole parts from the end, each with its condition and warning', () => {
    const e = grown({ notes: 10, parts: 12, steps: 8 });
    const card = fitCard(unfitted(e), MAX_CARD_BYTES);
    expect(bytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const parts = items(card, 'remediation');
    expect(parts.at(-1)).toMatchObject({ id: 'remediation-more' });
    const kept = parts.slice(0, -1);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(12);
    kept.forEach((part, p) => {
      const text = textsOf(part);
      // Condition, warning, then every step of the part: the qualifier is never cut apart from its action.
      expect(unescapeMarkdown(text[0])).toContain(`If case ${p + 1} applies`);
      expect(unescapeMarkdown(text[1])).toContain(`Warning ${p + 1}`);
      expect(text.filter((t) => /^\*\*\d+\.\*\*$/.test(t))).toHaveLength(8);
    });
  });

  it('never drops the source link, the source line or the title', () => {
    const e = grown({ notes: 40, parts: 40, steps: 20 });
    const card = answerCard(e);
    expect(bytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(card.actions[0]).toMatchObject({
      type: 'Action.OpenUrl',
      url: `${e.source.url}#${e.source.anchor}`,
    });
    expect(hasId(card, 'source')).toBe(true);
    expect(byId(card, 'title').text).toBe(e.title);
    expect(validateCard(card)).toEqual([]);
  });

  it('cuts long texts when lists are not enough, never the title', () => {
    const e: Entry = { ...entries.perItem, cause: 'a very long cause. '.repeat(4000) };
    const card = answerCard(e);
    expect(bytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const cause = items(card, 'cause')[1].text as string;
    expect(cause.endsWith('…')).toBe(true);
    expect(byId(card, 'title').text).toBe(e.title);
    expect(validateCard(card)).toEqual([]);
  });

  it('never leaves a backslash escaping the ellipsis', () => {
    const e: Entry = { ...entries.perItem, cause: '\\[a\\]'.repeat(20000) };
    const cause = items(answerCard(e), 'cause')[1].text as string;
    const trailing = /(\\*)…$/.exec(cause)![1];
    expect(trailing.length % 2).toBe(0);
  });

  it('does not change the card it was given', () => {
    const card = unfitted(grown({ notes: 40, parts: 3, steps: 3 }));
    const before = JSON.stringify(card);
    fitCard(card, MAX_CARD_BYTES);
    expect(JSON.stringify(card)).toBe(before);
  });
});
