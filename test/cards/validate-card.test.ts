import { answerCard, welcomeCard } from '../../src/cards';
import type { AdaptiveCard, CardNode } from '../../src/cards/types';
import { entries } from './fixtures';
import { validateCard } from '../support/validate-card';

/** A valid card with one change. */
function broken(
  change: (card: AdaptiveCard) => void,
  base: AdaptiveCard = welcomeCard(),
): AdaptiveCard {
  const card = structuredClone(base);
  change(card);
  return card;
}

const text = (t: unknown): CardNode => ({ type: 'TextBlock', text: t, wrap: true });
const execute = (extra: Record<string, unknown> = {}): CardNode => ({
  type: 'Action.Execute',
  title: 'Go',
  verb: 'show',
  data: { entryId: 'x' },
  ...extra,
});
const codeBlock = (extra: Record<string, unknown> = {}): CardNode => ({
  type: 'CodeBlock',
  codeSnippet: 'Get-Date',
  language: 'PowerShell',
  fallback: { type: 'TextBlock', text: 'Get\\-Date', fontType: 'Monospace', wrap: true },
  ...extra,
});

describe('validateCard', () => {
  it('accepts a valid card with a CodeBlock and overflow actions', () => {
    const card = broken((c) => {
      c.body.push(codeBlock());
      c.actions = Array.from({ length: 6 }, () => execute()).concat(execute({ mode: 'secondary' }));
    });
    expect(validateCard(card)).toEqual([]);
  });

  it.each<[string, (c: AdaptiveCard) => void, RegExp]>([
    ['a TextBlock without text', (c) => c.body.push({ type: 'TextBlock' }), /text is empty/],
    ['a TextBlock with blank text', (c) => c.body.push(text('  ')), /text is empty/],
    [
      'a property the schema does not know',
      (c) => c.body.push({ ...text('x'), colour: 'red' }),
      /schema: .*additional properties \(colour\)/,
    ],
    [
      'a colour that does not exist',
      (c) => c.body.push({ ...text('x'), color: 'purple' }),
      /sdk: Invalid value "purple"/,
    ],
    [
      'an element type that does not exist',
      (c) => c.body.push({ type: 'Badge', text: 'x' }),
      /Unknown element type "Badge"/,
    ],
    ['an action without a title', (c) => c.actions.push(execute({ title: '' })), /no title/],
    [
      'an Action.Execute without a verb',
      (c) => c.actions.push(execute({ verb: undefined })),
      /no verb/,
    ],
    [
      'an Action.Execute without data',
      (c) => c.actions.push(execute({ data: undefined })),
      /no data object/,
    ],
    [
      'an Action.OpenUrl without a URL',
      (c) => c.actions.push({ type: 'Action.OpenUrl', title: 'Open' }),
      /url is not an https URL/,
    ],
    [
      'seven primary actions',
      (c) => (c.actions = Array.from({ length: 7 }, () => execute())),
      /more than 6 primary actions/,
    ],
    [
      'seven primary actions in an ActionSet',
      (c) =>
        c.body.push({ type: 'ActionSet', actions: Array.from({ length: 7 }, () => execute()) }),
      /ActionSet\): more than 6 primary/,
    ],
    [
      'a CodeBlock without a fallback',
      (c) => c.body.push(codeBlock({ fallback: undefined })),
      /needs a monospace TextBlock fallback/,
    ],
    [
      'a CodeBlock with a fallback that is not monospace',
      (c) => c.body.push(codeBlock({ fallback: text('x') })),
      /needs a monospace TextBlock fallback/,
    ],
    [
      'a CodeBlock in a language Teams lacks',
      (c) => c.body.push(codeBlock({ language: 'cmd' })),
      /schema: .*\/language \(CodeBlock\): must be equal to one of the allowed values/,
    ],
    ['an empty Container', (c) => c.body.push({ type: 'Container', items: [] }), /items is empty/],
    [
      'an id used twice',
      (c) => c.body.push({ ...text('a'), id: 'x' }, { ...text('b'), id: 'x' }),
      /Duplicate Id "x"/,
    ],
    [
      'a template expression left',
      (c) => c.body.push(text('${title}')),
      /template expression is left/,
    ],
    ['no msteams width', (c) => delete (c as Partial<AdaptiveCard>).msteams, /msteams is not/],
    ['another version', (c) => ((c as { version: string }).version = '1.6'), /version is not 1\.5/],
    ['over 38 KB', (c) => c.body.push(text('x'.repeat(40 * 1024))), /over the 38912-byte limit/],
  ])('reports %s', (_what, change, problem) => {
    const problems = validateCard(broken(change));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  it('reports a CodeBlock whose fallback a client without CodeBlock cannot render', () => {
    const card = broken((c) =>
      c.body.push(codeBlock({ fallback: { type: 'TextBlock', fontType: 'Monospace' } })),
    );
    expect(validateCard(card)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /schema \(CodeBlock as fallback\): .*must have required property 'text'/,
        ),
      ]),
    );
  });

  it('reports something that is not a card at all', () => {
    expect(validateCard('card')).toEqual(['/: not a JSON object']);
    expect(validateCard({ type: 'Thumbnail' })).toEqual(
      expect.arrayContaining(['/: type is not AdaptiveCard']),
    );
  });

  it('passes a real answer card with commands', () => {
    expect(validateCard(answerCard(entries.sessionWithCommands))).toEqual([]);
  });
});
