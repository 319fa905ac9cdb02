/**
 * Generators of hostile `POST /api/messages` requests for the fuzz test, driven by a seeded
 * PRNG so a failing run reproduces from the seed it prints. Each case says what a correct bot
 * does with it, so the test can hold every answer to that.
 */
import * as A from '../support/activities';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * What the bot must do with a case:
 * - `reply`: 200 and exactly one message into the conversation (text or valid cards);
 * - `accepted`: 200; whatever it sends must be valid;
 * - `invoke-ok`: 200 with an invoke body holding valid cards;
 * - `invoke-refused`: 400 with an invoke body that says why;
 * - `malformed`: 400, and nothing sent anywhere.
 */
export type Expect = 'reply' | 'accepted' | 'invoke-ok' | 'invoke-refused' | 'malformed';

export interface Case {
  generator: string;
  body: string;
  contentType: string;
  expect: Expect;
  conversationId: string;
}

/** Host name of every link the fuzzer writes: a card must never make one clickable. */
export const MARK = 'evil-fz.example';

type Activity = Record<string, unknown>;

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// ---- text pieces ---------------------------------------------------------------------------

const RTL = ['שלום עולם', 'مرحبا بالعالم', '\u202eevil\u202c', '\u2067rtl\u2069', 'ܫܠܡܐ'];
const EMOJI = ['👩‍👩‍👧‍👦', '🏳️‍🌈', '👨🏿‍💻', '🧑‍🤝‍🧑', '❤️‍🔥', '🇺🇳', '1️⃣', '🫠', '\u{1f600}\u{1f3fd}'];
const CODES = [
  '0x80c8305f',
  '0X80C8305F',
  '80c8305f',
  '-2134364065',
  '2160603231',
  '0x80c8305F.',
  '(0x80070005)',
  '0x80072ee7',
  '-2147023673',
  '0x800704c7',
  'ECS_E_SYNC_FILE_IN_USE',
  'ecs_e_sync_file_in_use',
  'ECS_E_CANNOT_ACCESS_EXTERNAL_STORAGE_ACCOUNT',
  'Error 34506',
  '(ID: 34513)',
  '[0x1FC07]',
  '(ID: 230006)',
  '0x80c8ffff',
  '0x00000000',
  '0xffffffff',
  '0x8007',
  '0x80c8305f0x80c8305f',
  '0x0000FDD0',
  '-99999999999999999999',
  '0x',
  '８０ｃ８３０５ｆ',
  '0x８0c8305f',
];
const INJECTIONS = [
  `[x](javascript:alert(1))`,
  `[click me](https://${MARK}/login)`,
  `![img](https://${MARK}/x.png)`,
  `<img src=x onerror=alert(1)>`,
  `<a href="https://${MARK}">link</a>`,
  `<script>alert(1)</script>`,
  `**bold** __under__ ~~strike~~ \`code\``,
  `<https://${MARK}/auto>`,
  `https://${MARK}/path?q=1`,
  `www.${MARK}`,
  `admin@${MARK}`,
  '[a]: https://evil-fz.example/ref\n[a][a]',
  `# heading\n> quote\n- item\n1. one`,
  '${user.name} {{x}} $root $data ${$root.title}',
  '\\[escaped\\](https://evil-fz.example)',
  '[x]\n(https://evil-fz.example)',
  '[x](<https://evil-fz.example>)',
  '&lt;img src=x onerror=alert(1)&gt;',
  '&#91;x&#93;(https://evil-fz.example)',
  '<at>someone</at> [x](https://evil-fz.example)',
  '| a | b |\n| - | - |\n| [x](https://evil-fz.example) | 1 |',
  '```\ncode\n```',
  'javascript:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
];
const CODE_LIKE = [
  '{"error": {"code": "0x80c8305f", "message": "x"}}',
  '{"a": [1, 2, {"b": null}], "c": "\\u0000"}',
  'function f() { return 0x80c8305f; }',
  "SELECT * FROM errors WHERE code = '0x80c8305f'; DROP TABLE x; --",
  'Get-StorageSyncServerEndpoint -ResourceGroupName "rg" | fl *',
  'Invoke-StorageSyncFileRecall -Path "D:\\\\share" -Verbose',
  '$ErrorActionPreference = "Stop"; throw [System.Exception]::new("0x80c8305f")',
  '<?xml version="1.0"?><Event><EventID>9102</EventID></Event>',
  'C:\\Program Files\\Azure\\StorageSyncAgent\\FileSyncSvc.exe',
  '../../../../etc/passwd',
  '%s%s%s%n%x',
  'null',
  'undefined',
  'NaN',
  '[object Object]',
  '__proto__',
  'constructor.prototype',
];
const WORDS = [
  'sync',
  'fails',
  'server',
  'endpoint',
  'cloud',
  'tiering',
  'MARS',
  'backup',
  'vault',
  'credentials',
  'agent',
  'offline',
  'No Activity',
  'help',
  'status',
  'subscribe',
  'FS01',
  'why',
  'error',
  'Azure File Sync',
  'recall',
  'firewall',
  'proxy',
  'the',
  'on',
  'with',
];

function codePoint(rng: Rng): string {
  // Every plane, surrogates left out (lone ones come from their own generator).
  for (;;) {
    const plane = rng.pick([0, 0, 0, 1, 1, 2, 3, 14, 15, 16]);
    const cp = plane * 0x10000 + rng.int(0x10000);
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    return String.fromCodePoint(cp);
  }
}

function combining(rng: Rng): string {
  let s = rng.pick(['a', 'Z', 'e', '0', 'x']);
  const n = 1 + rng.int(30);
  for (let i = 0; i < n; i++) s += String.fromCharCode(0x300 + rng.int(0x70));
  return s;
}

function control(rng: Rng): string {
  return rng.pick([
    String.fromCharCode(rng.int(32)),
    '\u007f',
    '\u0085',
    '\u009b',
    '\ud800',
    '\udfff',
    '\udbff\u0041',
    '\ufeff',
    '\ufffe',
    '\uffff',
    '\u200b',
    '\u2028',
    '\u2029',
    '\r\n',
    '\t',
  ]);
}

function piece(rng: Rng): string {
  switch (rng.int(10)) {
    case 0:
      return Array.from({ length: 1 + rng.int(12) }, () => codePoint(rng)).join('');
    case 1:
      return combining(rng);
    case 2:
      return rng.pick(RTL);
    case 3:
      return rng.pick(EMOJI);
    case 4:
      return rng.pick(CODES);
    case 5:
      return rng.pick(INJECTIONS);
    case 6:
      return rng.pick(CODE_LIKE);
    case 7:
      return control(rng);
    default:
      return rng.pick(WORDS);
  }
}

function junk(rng: Rng, pieces: number): string {
  const parts: string[] = [];
  for (let i = 0; i < pieces; i++) parts.push(piece(rng), rng.pick([' ', '', '\n', ', ', '']));
  return parts.join('');
}

function eventLog(rng: Rng): string {
  const hr = rng.pick(CODES);
  const guid = () =>
    [8, 4, 4, 4, 12]
      .map((n) => Array.from({ length: n }, () => '0123456789abcdef'[rng.int(16)]).join(''))
      .join('-');
  const lines = [
    `Log Name:      Microsoft-FileSync-Agent/Telemetry`,
    `Source:        Microsoft-FileSync-Agent`,
    `Date:         ${rng.int(13)}/${rng.int(32)}/2026 ${rng.int(24)}:${rng.int(60)}:00 PM`,
    `Event ID:      ${rng.pick(['9102', '9302', '9121', '9006', '6004'])}`,
    `Level:         ${rng.pick(['Error', 'Information', 'Warning'])}`,
    `Description:`,
    `Sync session completed.`,
    `SyncGroupName: ${junk(rng, 2)}`,
    `ReplicaName: ${rng.pick(['D:\\share', 'share$', junk(rng, 1)])}`,
    `ServerEndpointName: ${guid()}`,
    `HResult: ${hr}`,
    `SyncDirection: ${rng.pick(['Upload', 'Download', 'ÆØÅ'])}`,
    `PerItemErrorCount: ${rng.int(100000)}`,
    `TransferredFiles: ${rng.int(1000)}`,
    `CorrelationId: ${guid()}`,
    `SessionId: {${guid()}}`,
  ];
  const keep = lines.filter(() => rng.chance(0.85));
  return keep.join(rng.pick(['\n', '\r\n', '\r', '  ']));
}

// ---- activities ----------------------------------------------------------------------------

/** Where the case's conversation is: 1:1, a group chat or a channel (the latter two @mention). */
function message(svc: string, conv: string, text: string, extra: Activity = {}): Activity {
  const a = A.personal(svc, text, extra);
  a.conversation = { ...(a.conversation as Activity), id: conv };
  return a;
}

function mentioned(svc: string, conv: string, text: string, entities: unknown): Activity {
  const a = A.groupChat(svc, text);
  a.conversation = { ...(a.conversation as Activity), id: conv };
  a.text = text;
  a.entities = entities;
  return a;
}

function invoke(svc: string, conv: string, name: string, value: unknown): Activity {
  const a = A.invoke(svc, name, value);
  a.conversation = { ...(a.conversation as Activity), id: conv };
  if (value === undefined) delete a.value;
  return a;
}

const json = (x: unknown) => JSON.stringify(x);
const JSON_TYPE = 'application/json';

/** A value of an unexpected type. */
function oddValue(rng: Rng): unknown {
  return rng.pick<unknown>([
    null,
    42,
    -1,
    1e308,
    true,
    '',
    'x'.repeat(rng.int(3000)),
    [],
    [null],
    {},
    { a: { b: { c: [] } } },
    [1, 'two', { three: 3 }],
    junk(rng, 3),
  ]);
}

interface Generator {
  name: string;
  weight: number;
  make(rng: Rng, svc: string, conv: string, ids: string[]): Omit<Case, 'conversationId'>;
}

const reply = (generator: string, body: Activity): Omit<Case, 'conversationId'> => ({
  generator,
  body: json(body),
  contentType: JSON_TYPE,
  expect: 'reply',
});

/** The generators and how often each runs (weights are relative). */
export const GENERATORS: Generator[] = [
  {
    name: 'unicode',
    weight: 14,
    make: (rng, svc, conv) => reply('unicode', message(svc, conv, junk(rng, 1 + rng.int(20)))),
  },
  {
    name: 'codes-in-junk',
    weight: 12,
    make: (rng, svc, conv) => {
      const parts = Array.from({ length: 1 + rng.int(6) }, () =>
        rng.chance(0.5) ? rng.pick(CODES) : rng.pick(CODES) + piece(rng),
      );
      const glue = () => rng.pick([' ', '', ':', ',', '\n', '\u00a0', piece(rng)]);
      return reply('codes-in-junk', message(svc, conv, parts.map((p) => p + glue()).join('')));
    },
  },
  {
    name: 'injection',
    weight: 12,
    make: (rng, svc, conv) => {
      const lead = rng.pick(['', '', 'subscribe ', 'status ', 'unsubscribe ', 'help ']);
      const text = `${lead}${rng.pick(INJECTIONS)} ${rng.chance(0.6) ? rng.pick(CODES) : ''} ${rng.pick(INJECTIONS)}`;
      return reply('injection', message(svc, conv, text));
    },
  },
  {
    name: 'json-and-code',
    weight: 6,
    make: (rng, svc, conv) =>
      reply('json-and-code', message(svc, conv, `${rng.pick(CODE_LIKE)}\n${rng.pick(CODE_LIKE)}`)),
  },
  {
    name: 'event-log',
    weight: 8,
    make: (rng, svc, conv) => {
      const n = 1 + rng.int(3);
      const text = Array.from({ length: n }, () => eventLog(rng)).join('\n\n');
      return reply('event-log', message(svc, conv, text));
    },
  },
  {
    name: 'control-and-surrogates',
    weight: 6,
    make: (rng, svc, conv) => {
      const text = Array.from({ length: 5 + rng.int(40) }, () =>
        rng.chance(0.5) ? control(rng) : piece(rng),
      ).join('');
      return reply('control-and-surrogates', message(svc, conv, text));
    },
  },
  {
    name: 'text-28kb',
    weight: 2,
    make: (rng, svc, conv) => {
      let text = '';
      while (text.length < 28 * 1024) text += junk(rng, 20) + ' ';
      return reply('text-28kb', message(svc, conv, text.slice(0, 28 * 1024)));
    },
  },
  {
    name: 'mention-mismatch',
    weight: 6,
    make: (rng, svc, conv) => {
      const text = `${rng.pick(['<at>afsbot</at> ', '<at>someone else</at> ', '@afsbot ', ''])}${junk(rng, 3)}`;
      // Entities that match nothing in the text are answered; ones the SDK cannot read are refused.
      const [entity, readable] = rng.pick<[unknown, boolean]>([
        [{ type: 'mention', text: '<at>not in the text</at>', mentioned: A.BOT }, true],
        [
          { type: 'mention', text: '<at>afsbot</at>', mentioned: { id: '29:other', name: 'x' } },
          true,
        ],
        [{ type: 'mention', text: '', mentioned: A.BOT }, true],
        [{ type: 'mention', text: '.*', mentioned: A.BOT }, true],
        [{ type: 'mention', text: 'undefined', mentioned: A.BOT }, true],
        [{ type: 'clientInfo', locale: 'xx', country: 42 }, true],
        [{ type: 'mention', text: '<at>afsbot</at>', mentioned: null }, false],
        [{ type: 'mention', text: 42, mentioned: A.BOT }, false],
        [{ type: 'mention', mentioned: A.BOT }, false],
        [{ type: 'mention', text: '<at>afsbot</at>', mentioned: { name: 'no id' } }, false],
        [{ type: 'mention', text: '<at>afsbot</at>', mentioned: { id: 42 } }, false],
        [{ type: 42 }, false],
        [{}, false],
      ]);
      const entities = Array.from({ length: 1 + rng.int(3) }, () => entity);
      return {
        ...reply('mention-mismatch', mentioned(svc, conv, text, entities)),
        expect: readable ? 'reply' : 'malformed',
      };
    },
  },
  {
    name: 'attachments-no-text',
    weight: 4,
    make: (rng, svc, conv) => {
      const att = rng.pick<unknown>([
        { contentType: 'image/png', contentUrl: 'https://example.invalid/x.png' },
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          content: { downloadUrl: 'https://example.invalid/f', fileType: 'log' },
          name: 'FileSyncSvc.log',
        },
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard' },
        },
        { contentType: 'text/html', content: '<p>[x](javascript:alert(1))</p>' },
        {},
        { contentType: 42, content: null },
      ]);
      const text = rng.pick<string | undefined>([undefined, '', ' ', '<p></p>', '\u200b']);
      const a = message(svc, conv, '', {
        attachments: Array.from({ length: 1 + rng.int(3) }, () => att),
      });
      if (text === undefined) delete a.text;
      else a.text = text;
      return reply('attachments-no-text', a);
    },
  },
  {
    name: 'card-action',
    weight: 8,
    make: (rng, svc, conv, ids) => {
      const good = rng.chance(0.25);
      if (good) {
        const verb = rng.pick(['show', 'feedback']);
        const data =
          verb === 'show'
            ? { entryId: rng.pick(ids) }
            : { entryId: rng.pick(ids), helpful: rng.chance(0.5) };
        const a = invoke(svc, conv, 'adaptiveCard/action', {
          action: { type: 'Action.Execute', verb, data },
          trigger: 'manual',
        });
        return {
          generator: 'card-action',
          body: json(a),
          contentType: JSON_TYPE,
          expect: 'invoke-ok',
        };
      }
      const verb = rng.pick<unknown>([
        'frobnicate',
        'show ',
        'SHOW',
        'feedback\u0000',
        '',
        null,
        42,
        { verb: 'show' },
        ['show'],
        junk(rng, 2),
        'x'.repeat(5000),
      ]);
      const data = rng.pick<unknown>([
        oddValue(rng),
        { entryId: oddValue(rng) },
        { entryId: rng.pick(ids), helpful: oddValue(rng) },
        { entryId: 'no-such-entry' },
        { entryId: 'x'.repeat(300) },
        { entryId: `${rng.pick(ids)}\u0000` },
        { entryId: '__proto__' },
        { entryId: 'constructor' },
      ]);
      const realVerb = rng.pick<unknown>(['show', 'feedback', verb]);
      const value = rng.pick<unknown>([
        { action: { type: 'Action.Execute', verb: realVerb, data }, trigger: 'manual' },
        { action: { type: 'Action.Submit', verb: 'show', data } },
        { action: { type: 'Action.Execute', verb } },
        { action: null },
        { action: 'show' },
        {},
        undefined,
        null,
        'string',
        [1, 2],
      ]);
      const a = invoke(svc, conv, 'adaptiveCard/action', value);
      // A refused action and an action that happens to name a real entry are told apart below.
      const v = value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | null;
      const isGood =
        v?.action?.type === 'Action.Execute' &&
        ((v.action.verb === 'show' &&
          typeof (v.action.data as { entryId?: unknown })?.entryId === 'string' &&
          ids.includes((v.action.data as { entryId: string }).entryId)) ||
          (v.action.verb === 'feedback' &&
            ids.includes((v.action.data as { entryId?: string })?.entryId ?? '') &&
            typeof (v.action.data as { helpful?: unknown }).helpful === 'boolean'));
      return {
        generator: 'card-action',
        body: json(a),
        contentType: JSON_TYPE,
        expect: isGood ? 'invoke-ok' : 'invoke-refused',
      };
    },
  },
  {
    name: 'search-query',
    weight: 6,
    make: (rng, svc, conv) => {
      const param = rng.pick<unknown>([
        { name: 'query', value: junk(rng, 1 + rng.int(5)) },
        { name: 'query', value: oddValue(rng) },
        { name: 'initialRun', value: 'true' },
        { name: 42, value: 'sync' },
        { value: rng.pick(CODES) },
        { name: 'query', value: 'x'.repeat(100_000) },
        null,
        'query',
        42,
      ]);
      const parameters = rng.pick<unknown>([[param], [param, param], [], param, null, 'q', 7]);
      const value = rng.pick<unknown>([
        { commandId: 'searchKnowledge', parameters, queryOptions: { skip: 0, count: 8 } },
        { commandId: oddValue(rng), parameters, queryOptions: oddValue(rng) },
        { parameters },
        {},
        undefined,
        null,
        [],
        'query',
      ]);
      return {
        generator: 'search-query',
        body: json(invoke(svc, conv, 'composeExtension/query', value)),
        contentType: JSON_TYPE,
        expect: 'invoke-ok',
      };
    },
  },
  {
    name: 'other-invoke',
    weight: 2,
    make: (rng, svc, conv) => {
      const name = rng.pick([
        'composeExtension/submitAction',
        'composeExtension/fetchTask',
        'task/fetch',
        'task/submit',
        'signin/verifyState',
        'actionableMessage/executeAction',
        'no/such-invoke',
        junk(rng, 1),
      ]);
      return {
        generator: 'other-invoke',
        body: json(invoke(svc, conv, name, oddValue(rng))),
        contentType: JSON_TYPE,
        expect: 'invoke-refused',
      };
    },
  },
  {
    name: 'wrong-fields-refused',
    weight: 6,
    make: (rng, svc, conv) => {
      const a = message(svc, conv, 'sync fails with 0x80c8305f');
      const field = rng.pick([
        'type',
        'serviceUrl',
        'channelId',
        'conversation',
        'conversation.id',
        'text',
        'entities',
        'attachments',
        'from.id',
      ]);
      const bad = rng.pick<unknown>(
        field === 'text'
          ? [42, true, [], {}, null]
          : field === 'entities' || field === 'attachments'
            ? [42, 'x', { a: 1 }, [1, 2], [null]]
            : field === 'from.id'
              ? [42, '', null, {}, 'x'.repeat(2000)]
              : field === 'serviceUrl'
                ? [undefined, 42, '', null, 'not a url', '//no-scheme', { id: 1 }]
                : [undefined, 42, '', null, [], { id: 1 }],
      );
      if (field === 'conversation.id') (a.conversation as Activity).id = bad;
      else if (field === 'from.id') a.from = { id: bad };
      else if (bad === undefined) delete a[field];
      else a[field] = bad;
      return {
        generator: 'wrong-fields-refused',
        body: json(a),
        contentType: JSON_TYPE,
        expect: 'malformed',
      };
    },
  },
  {
    name: 'odd-fields-accepted',
    weight: 6,
    make: (rng, svc, conv) => {
      const a = message(svc, conv, junk(rng, 3));
      const field = rng.pick([
        'from',
        'recipient',
        'locale',
        'timestamp',
        'localTimestamp',
        'channelData',
        'replyToId',
        'value',
        'textFormat',
        'id',
        'membersAdded',
        'name',
        'conversation.tenantId',
        'conversation.conversationType',
        'conversation.deep',
        'channelData.tenant',
        'summary',
        'speak',
      ]);
      const bad = oddValue(rng);
      if (field.startsWith('conversation.')) {
        const key = field.split('.')[1];
        let deep: unknown = 'bottom';
        if (key === 'deep') for (let i = 0; i < 3000; i++) deep = [deep];
        (a.conversation as Activity)[key] = key === 'deep' ? deep : bad;
      } else if (field === 'channelData.tenant') (a.channelData as Activity).tenant = bad;
      // NOTE: no `/` in an id: the fake connector decodes the reply's path before routing it.
      else if (field === 'id')
        a.id = (typeof bad === 'string' ? bad : `x${json(bad)}`).replace(/\//g, '').slice(0, 1000);
      else a[field] = bad;
      // The HTTP layer checks the types of what the SDK reads and copies into its reply (oddValue
      // never makes a valid account); the rest passes through.
      // NOTE: zod measures string length in code points, not UTF-16 units (an emoji counts 1).
      const fits = (max: number) => typeof bad === 'string' && [...bad].length <= max;
      const text = (max: number) => bad === null || fits(max);
      const refused =
        (field === 'conversation.conversationType' && !fits(50)) ||
        (field === 'conversation.tenantId' && !text(1024)) ||
        (field === 'locale' && !text(100)) ||
        // The reply's URL path holds the id: a lone surrogate cannot be encoded into it.
        (field === 'id' && LONE.test(String(a.id))) ||
        (field === 'membersAdded' && !(Array.isArray(bad) && bad.length === 0)) ||
        // Bodies nested deeper than MAX_JSON_DEPTH are refused before anything walks them.
        field === 'conversation.deep' ||
        field === 'from' ||
        field === 'recipient';
      return {
        generator: 'odd-fields-accepted',
        body: json(a),
        contentType: JSON_TYPE,
        expect: refused ? 'malformed' : 'reply',
      };
    },
  },
  {
    name: 'other-activity-types',
    weight: 3,
    make: (rng, svc, conv) => {
      const a = message(svc, conv, junk(rng, 2));
      a.type = rng.pick([
        'typing',
        'messageReaction',
        'messageUpdate',
        'messageDelete',
        'event',
        'endOfConversation',
        'somethingNew',
        'conversationUpdate',
        'installationUpdate',
        'MESSAGE',
        junk(rng, 1).slice(0, 90) || 'x',
      ]);
      const added = rng.pick<[unknown, boolean]>([
        [undefined, true],
        [[], true],
        [[A.BOT], true],
        [[A.USER, { id: '29:x', name: null }], true],
        [[null], false],
        ['x', false],
        [[{ id: 42 }], false],
      ]);
      const removed = rng.pick<[unknown, boolean]>([
        [undefined, true],
        [[], true],
        [[A.USER], true],
        [[{ name: 'no id' }], false],
        ['x', false],
      ]);
      a.membersAdded = added[0];
      a.membersRemoved = removed[0];
      a.action = rng.pick<unknown>([undefined, 'add', 'remove', 'add-upgrade', 42]);
      a.reactionsAdded = rng.pick<unknown>([undefined, [{ type: 'like' }], 'x']);
      return {
        generator: 'other-activity-types',
        body: json(a),
        contentType: JSON_TYPE,
        expect: added[1] && removed[1] ? 'accepted' : 'malformed',
      };
    },
  },
  {
    name: 'malformed-body',
    weight: 5,
    make: (rng, svc, conv) => {
      const valid = json(message(svc, conv, '0x80c8305f'));
      const body = rng.pick([
        valid.slice(0, rng.int(valid.length)),
        valid + rng.pick(['}', ']', ',', 'x', '\u0000']),
        '\ufeff' + valid.replace(/^{/, '{,'),
        valid.replace(/"type"/, 'type'),
        valid.replace(/:/, '::'),
        "{'type': 'message'}",
        '{"type": "message", "text": NaN}',
        '',
        ' ',
        'null',
        'true',
        '42',
        '"message"',
        '[' + valid + ']',
        '['.repeat(20_000) + ']'.repeat(20_000),
        '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
        junk(rng, 5),
        '\ud800',
      ]);
      const contentType = rng.pick([
        JSON_TYPE,
        JSON_TYPE,
        JSON_TYPE,
        'text/plain',
        'application/octet-stream',
      ]);
      return { generator: 'malformed-body', body, contentType, expect: 'malformed' };
    },
  },
];

/**
 * A 1 MB paste: a few of these per run, not picked by weight. A megabyte as sent, in the request
 * body's JSON: counted in characters, junk of emoji and combining marks (3 or 4 bytes each in
 * UTF-8) made some bodies larger than the route takes, and those were refused with 413.
 */
export function hugeText(rng: Rng, svc: string, conv: string): Case {
  const unit = `${junk(rng, 6)} ${rng.pick(CODES)} `;
  const unitBytes = Buffer.byteLength(JSON.stringify(unit)) - 2;
  const text = unit.repeat(Math.max(1, Math.floor((1024 * 1024) / unitBytes)));
  return { ...reply('text-1mb', message(svc, conv, text)), conversationId: conv };
}

const TOTAL_WEIGHT = GENERATORS.reduce((s, g) => s + g.weight, 0);

/** The case number `i` of a run: its own conversation, so its replies are told apart. */
export function makeCase(rng: Rng, svc: string, i: number, ids: string[]): Case {
  const conv = `a:fuzz-${i}`;
  let r = rng.int(TOTAL_WEIGHT);
  for (const g of GENERATORS) {
    r -= g.weight;
    if (r < 0) return { ...g.make(rng, svc, conv, ids), conversationId: conv };
  }
  throw new Error('unreachable');
}
