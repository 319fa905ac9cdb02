/**
 * The activity check without zod (`quickCheck`) that the HTTP host tries first: it takes the
 * activities Teams sends, and never one the schema refuses, whatever field is wrong.
 */
import { quickCheck } from '../../src/bot/activity-quick-check';
import { schemaCheck, type ActivityShape } from '../../src/bot/activity-schema';
import * as A from '../support/activities';

const SVC = 'https://smba.example.test/emea/';

/** What the schema says, without the quick check in front of it. */
function schemaSays(body: unknown): ActivityShape | 'refused' {
  const checked = schemaCheck(body);
  return checked.ok ? checked.activity : 'refused';
}

const teams = [
  A.personal(SVC, 'sync fails with 0x80c8305f'),
  A.groupChat(SVC, 'hello'),
  A.channel(SVC, '<at>afsbot</at> help'),
  A.installed(SVC),
  A.botAdded(SVC, '19:channel@thread.tacv2'),
  A.cardAction(SVC, 'feedback', { entryId: 'x', helpful: true }),
  A.search(SVC, 'tiering'),
  A.uninstalled(SVC),
  A.botRemoved(SVC, '19:channel@thread.tacv2'),
  A.personal(SVC, 'hi', {
    entities: [{ type: 'mention', mentioned: A.BOT, text: '<at>afsbot</at>' }],
    attachments: [{ contentType: 'text/html', content: '<p>hi</p>' }],
  }),
];

const long = (n: number) => 'x'.repeat(n);
/** Values that break one rule or another of some field. */
const odd: unknown[] = [
  undefined,
  null,
  '',
  'a\ud800',
  long(51),
  long(101),
  long(1025),
  long(2049),
  12,
  true,
  [],
  {},
  [{}],
  { id: '' },
  { id: 'x', name: 5 },
  [{ type: 'mention' }],
  [{ type: 'mention', mentioned: { id: 'b' } }],
  [{ type: 5 }],
  [[]],
  [null],
  Array.from({ length: 51 }, () => ({})),
  'not a url',
  ' https://a.example/ ',
  'http:example.com',
];

const paths: string[][] = [
  ['type'],
  ['id'],
  ['serviceUrl'],
  ['channelId'],
  ['conversation'],
  ['conversation', 'id'],
  ['conversation', 'conversationType'],
  ['conversation', 'isGroup'],
  ['conversation', 'name'],
  ['conversation', 'tenantId'],
  ['from'],
  ['from', 'id'],
  ['from', 'name'],
  ['from', 'aadObjectId'],
  ['recipient'],
  ['recipient', 'id'],
  ['locale'],
  ['text'],
  ['entities'],
  ['attachments'],
  ['membersAdded'],
  ['membersRemoved'],
];

function withValue(body: object, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  if (value === undefined) delete at[path[path.length - 1]];
  else at[path[path.length - 1]] = value;
  return copy;
}

describe('the quick activity check', () => {
  it('takes every kind of activity Teams sends, with the shape the schema gives', () => {
    for (const body of teams) {
      const said = schemaSays(body);
      expect(said).not.toBe('refused');
      expect(quickCheck(body)).toEqual(said);
    }
  });

  it('takes nothing the schema refuses, whatever field is odd', () => {
    const wrongly: string[] = [];
    let cases = 0;
    for (const body of teams)
      for (const path of paths)
        for (const value of odd) {
          const mutated = withValue(body, path, value);
          const quick = quickCheck(mutated);
          cases++;
          if (!quick) continue;
          const said = schemaSays(mutated);
          if (said === 'refused' || JSON.stringify(said) !== JSON.stringify(quick))
            wrongly.push(`${path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`);
        }
    expect(cases).toBeGreaterThan(5000);
    expect(wrongly).toEqual([]);
  });

  it('leaves what is not an object to the schema', () => {
    for (const body of [null, 'text', 3, [], undefined]) expect(quickCheck(body)).toBeUndefined();
  });
});
