/**
 * The bot's template expander against the Adaptive Cards templating engine it replaces: the
 * engine's own behaviour on the edge cases of the syntax the templates use, and every card the
 * bot builds for the evaluation questions and the benchmark's messages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import { cardForAnswer } from '../../src/cards';
import { CardTemplate } from '../../src/cards/expand-template';
import { BenchMessages } from '../bench/unique-messages';
import { ROOT } from '../helpers';
import { index, matcher } from './fixtures';

const engine = (source: unknown, data: object): string => {
  try {
    return JSON.stringify(new Template(source).expand({ $root: data }));
  } catch {
    return 'throws';
  }
};
const ours = (source: unknown, data: object): string => {
  try {
    return JSON.stringify(new CardTemplate(source, 'test').expand(data));
  } catch {
    return 'throws';
  }
};

describe('the card template expander', () => {
  const template = {
    single: '${x}',
    not: '${!x}',
    text: 'p ${x} q ${y}',
    when: [{ $when: '${x}', v: 1 }, null, 'kept'],
    whenNot: [{ $when: '${!x}', v: 2 }],
    scope: { $data: '${x}', v: '${y}', w: ['${y}'] },
    repeat: [{ $data: '${x}', $when: '${ok}', v: '${Y}' }],
    hidden: { $when: '${missing}', v: 3 },
  };
  const values: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['0', 0],
    ['1', 1],
    ['empty text', ''],
    ['text', ' s'],
    ['true', true],
    ['false', false],
    ['an empty array', []],
    [
      'objects',
      [
        { y: 1, ok: true },
        { y: null, ok: true },
        { y: 'z', ok: false },
      ],
    ],
    ['an object', { y: 'o', ok: true }],
    ['an empty object', {}],
    ['primitives', [1, 's']],
    ['nested arrays', [{ y: [1, [2]], ok: true }]],
  ];

  it.each(values)('expands as the engine does when the field is %s', (_name, x) => {
    const data = { x, y: 'root', ok: true };
    expect(ours(template, data)).toBe(engine(template, data));
  });

  it('refuses a template with an expression it does not implement', () => {
    expect(() => new CardTemplate({ text: '${if(a, b, c)}' }, 'cards/x.json')).toThrow(
      /cards\/x\.json uses template syntax/,
    );
  });

  it('builds every card for the evaluation questions and bench messages as the engine does', () => {
    const messages = new BenchMessages(ROOT);
    const texts = [
      ...readFileSync(join(ROOT, 'test', 'eval', 'queries.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { q: string }).q),
      ...Array.from({ length: 400 }, (_, n) => messages.unique(n)),
    ];
    const byId = new Map(index.entries.map((e) => [e.id, e]));
    // Each expansion is compared as it happens: the cards are changed afterwards (an event
    // summary goes on top, feedback rows are tagged).
    const expandTemplate = CardTemplate.prototype.expand;
    const compared: { source: unknown; out: string; engine: string }[] = [];
    const expansions = jest.spyOn(CardTemplate.prototype, 'expand').mockImplementation(function (
      this: CardTemplate,
      data: object,
    ) {
      const out = expandTemplate.call(this, data);
      compared.push({
        source: this.source,
        out: JSON.stringify(out),
        engine: engine(this.source, data),
      });
      return out;
    });
    try {
      for (const t of texts) cardForAnswer(matcher.ask(t), (id) => byId.get(id));
    } finally {
      expansions.mockRestore();
    }
    // The answer, several codes, event, did-you-mean, unknown-code and off-topic cards.
    expect(new Set(compared.map((c) => c.source)).size).toBeGreaterThanOrEqual(5);
    const differing = compared.filter((c) => c.out !== c.engine);
    expect(differing.map((c) => c.out.slice(0, 200))).toEqual([]);
  });
});
