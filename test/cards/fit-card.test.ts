import { answerCard, fitCard, MAX_CARD_BYTES, welcomeCard } from '../../src/cards';
import { answerView } from '../../src/cards/answer-view';
import { expandCard } from '../../src/cards/template';
import type { AdaptiveCard, CardNode } from '../../src/cards/types';
import type { Entry } from '../../src/knowledge/schema';
import { byId, hasId } from './card-text';
import { entries } from './fixtures';
import { validateCard } from './validate-card';

const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');
const items = (card: AdaptiveCard, id: string) => byId(card, id).items as CardNode[];
const lines = (n: number, size: number, what: string) =>
  Array.from({ length: n }, (_, i) => `${what} ${i + 1}: ${'lorem ipsum '.repeat(size / 12)}`);

/** A real entry grown past any card limit; the card is built unfitted to compare. */
function grown(sizes: { notes: number; commands: number; steps: number }): Entry {
  const base = entries.sessionWithCommands;
  return {
    ...base,
    remediation: {
      steps: lines(sizes.steps, 400, 'Step'),
      commands: lines(sizes.commands, 1500, 'Get-Thing').map((code) => ({
        language: 'powershell',
        code,
      })),
      notes: lines(sizes.notes, 2000, 'Note'),
    },
  };
}
const unfitted = (e: Entry) => expandCard('answer', answerView(e));

describe('fitCard', () => {
  it('returns a card that fits as it is', () => {
    const card = welcomeCard();
    expect(fitCard(card, MAX_CARD_BYTES)).toBe(card);
  });

  it('shortens the notes first, keeping every command and step', () => {
    const e = grown({ notes: 40, commands: 3, steps: 8 });
    const card = fitCard(unfitted(e), MAX_CARD_BYTES);
    expect(bytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const notes = items(card, 'notes');
    expect(notes.length).toBeLessThan(41);
    expect(notes[notes.length - 1]).toMatchObject({
      id: 'notes-more',
      text: expect.stringMatching(/^… see the source article/),
    });
    expect(items(card, 'commands')).toHaveLength(3);
    expect(items(card, 'steps')).toHaveLength(8);
  });

  it('then the commands, then the steps', () => {
    const e = grown({ notes: 10, commands: 40, steps: 200 });
    const card = fitCard(unfitted(e), MAX_CARD_BYTES);
    expect(bytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(items(card, 'notes').map((n) => n.id)).toEqual(['notes-more']);
    expect(items(card, 'commands').map((n) => n.id)).toEqual(['commands-more']);
    const steps = items(card, 'steps');
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.length).toBeLessThan(201);
    expect(steps[steps.length - 1].id).toBe('steps-more');
  });

  it('never drops the source link, the source line or the title', () => {
    const e = grown({ notes: 40, commands: 40, steps: 200 });
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
    const card = unfitted(grown({ notes: 40, commands: 3, steps: 3 }));
    const before = JSON.stringify(card);
    fitCard(card, MAX_CARD_BYTES);
    expect(JSON.stringify(card)).toBe(before);
  });
});
