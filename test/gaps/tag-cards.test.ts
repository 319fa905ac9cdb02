import { cardForAnswer } from '../../src/cards';
import { GapStore } from '../../src/gaps/gap-store';
import { Gaps, MAX_TAGGED_BYTES } from '../../src/gaps/gaps';
import { createLogger } from '../../src/log';
import type { KvStore } from '../../src/storage/kv-store';
import { index, matcher } from '../cards/fixtures';
import { validateCard } from '../support/validate-card';

const gaps = new Gaps({
  store: new GapStore({} as KvStore),
  retentionDays: 30,
  admins: [],
  log: createLogger('silent'),
  now: () => new Date(),
});

type Json = Record<string, unknown>;
function actions(x: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(x)) x.forEach((y) => actions(y, out));
  else if (x && typeof x === 'object') {
    if ((x as Json).type === 'Action.Execute') out.push(x as Json);
    Object.values(x).forEach((y) => actions(y, out));
  }
  return out;
}

describe('gap references on cards', () => {
  it('go on feedback buttons, and on choices only for "did you mean"', () => {
    const text = 'sync on FS01 fails with 0x80c8305f';
    const answer = matcher.ask(text);
    const t = gaps.describe(text, answer);
    const cards = gaps.tag(
      cardForAnswer(answer, (id) => index.entries.find((e) => e.id === id)),
      t,
    );
    for (const c of cards) expect(validateCard(c)).toEqual([]);
    const all = actions(cards);
    expect(
      all.filter((a) => a.verb === 'feedback').every((a) => (a.data as Json).gap === t.id),
    ).toBe(true);
    expect(all.filter((a) => a.verb === 'show').some((a) => 'gap' in (a.data as Json))).toBe(false);
    expect((all.find((a) => a.verb === 'feedback')!.data as Json).gq).toBe(
      'sync on [server] fails with 0x80c8305f',
    );
  });

  it('go on the other matches of an answer to a question, with the entry it answered, and not on related entries', () => {
    const text = 'MARS agent troubleshooting checklist';
    const answer = matcher.ask(text);
    expect(answer.result.verdict).toBe('answer');
    const t = gaps.describe(text, answer);
    const [card] = gaps.tag(
      cardForAnswer(answer, (id) => index.entries.find((e) => e.id === id)),
      t,
    );
    expect(validateCard(card)).toEqual([]);
    const others = actions(card.body.find((n) => (n as Json).id === 'others'));
    expect(others.length).toBeGreaterThan(0);
    const next = answer.entries.slice(1).map((e) => e.id);
    for (const a of others) {
      const { entryId, ...ref } = a.data as Json;
      expect(next).toContain(entryId);
      expect(ref).toEqual({ gap: t.id, gq: t.q, ga: answer.entries[0].id });
    }
    const related = actions(card.body.find((n) => (n as Json).id === 'related'));
    expect(related.length).toBeGreaterThan(0);
    expect(related.some((a) => 'gap' in (a.data as Json))).toBe(false);
  });

  it('keep a message with many answer cards under the size Teams accepts', () => {
    // The largest answers that still go as a carousel of five (larger ones become one list card):
    // tagging must not push that carousel over the limit.
    const bySize = [...index.entries]
      .filter((e) => e.codes.some((c) => c.hresult))
      .sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length);
    const lookup = (id: string) => index.entries.find((e) => e.id === id);
    let text = '';
    let answer = matcher.ask('');
    for (let k = 0; k + 5 <= bySize.length; k++) {
      const codes = bySize.slice(k, k + 5).map((e) => e.codes.find((c) => c.hresult)!.hresult);
      text = `${'why does this keep happening on our file server every night '.repeat(6)} ${codes.join(' ')}`;
      answer = matcher.ask(text);
      if (cardForAnswer(answer, lookup).length === 5) break;
    }
    const untagged = cardForAnswer(answer, lookup);
    expect(untagged.length).toBe(5);
    expect(Buffer.byteLength(JSON.stringify(untagged))).toBeGreaterThan(20_000);
    const t = gaps.describe(text, answer);
    const cards = gaps.tag(cardForAnswer(answer, lookup), t);
    expect(Buffer.byteLength(JSON.stringify(cards))).toBeLessThanOrEqual(MAX_TAGGED_BYTES);
    expect(cards.length).toBe(5);
    const feedback = actions(cards).filter((a) => a.verb === 'feedback');
    expect(feedback.length).toBeGreaterThan(0);
    for (const a of feedback) expect((a.data as Json).gap).toBe(t.id);
  });
});
