import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningApp } from '../../src/app';
import { createLogger } from '../../src/log';
import { validateCard } from '../support/validate-card';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { startTestApp } from '../support/test-app';

const connector = new FakeConnector();
let app: RunningApp;
let svc = '';

beforeAll(async () => {
  await connector.start();
  svc = connector.url;
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  await connector.stop();
});

async function post(body: unknown, raw?: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

/** Posts an activity and returns what the bot sent back into its conversation. */
async function turn(activity: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const conv = (activity.conversation as { id: string }).id;
  const before = connector.sentTo(conv, true).length;
  const res = await post(activity);
  expect(res.status).toBe(200);
  return connector.sentTo(conv, true).slice(before);
}

type Attachment = { contentType: string; content: Record<string, unknown> };
const cardsOf = (a: Record<string, unknown>) =>
  ((a.attachments as Attachment[]) ?? []).map((x) => x.content);
const json = (x: unknown) => JSON.stringify(x);

/** Every card the bot sends in these tests is valid and the message fits Teams' limit. */
function expectValidMessage(a: Record<string, unknown>): void {
  for (const card of cardsOf(a)) expect(validateCard(card)).toEqual([]);
  expect(Buffer.byteLength(json(a))).toBeLessThan(40 * 1024);
}

describe('the bot over HTTP (1:1, group chat, channel)', () => {
  it('answers a pasted code in a 1:1 chat with one answer card', async () => {
    const sent = await turn(A.personal(svc, 'sync on FS01 fails with 0x80c8305f'));
    // A turn this quick sends no typing indicator (see typing.test.ts for slow ones).
    expect(sent.map((a) => a.type)).toEqual(['message']);
    const [card] = cardsOf(sent[0]);
    expect(json(card)).toContain(
      "Sync can't access the Azure file share specified in the cloud endpoint.",
    );
    expect(json(card)).toContain('#-2134364065');
    expectValidMessage(sent[0]);
  });

  it('strips the @mention in a group chat and in a channel', async () => {
    for (const activity of [
      A.groupChat(svc, '-2147023673'),
      A.channel(svc, 'ECS_E_SYNC_FILE_IN_USE'),
    ]) {
      const sent = (await turn(activity)).filter((a) => a.type === 'message');
      expect(sent).toHaveLength(1);
      expect(json(cardsOf(sent[0]))).not.toContain('<at>');
      expectValidMessage(sent[0]);
    }
    const channelReply = connector
      .sentTo('19:channel-1@thread.tacv2;messageid=1700000000000')
      .at(-1)!;
    expect(json(channelReply).replace(/\u200b/g, '')).toContain('ECS_E_SYNC_FILE_IN_USE');
  });

  it('answers several codes with one answer each', async () => {
    const sent = (
      await turn(
        A.personal(svc, 'FS01: 0x80072ee7, FS02: -2147023673, FS03: ECS_E_SYNC_FILE_IN_USE'),
      )
    ).filter((a) => a.type === 'message');
    const text = json(cardsOf(sent[0]));
    for (const code of ['0x80072ee7', '0x800704c7', '0x80c80018']) expect(text).toContain(code);
    expectValidMessage(sent[0]);
  });

  it('says plainly when a code is unknown, with its decoding', async () => {
    const sent = (await turn(A.personal(svc, '0x80c8ffff'))).filter((a) => a.type === 'message');
    const text = json(cardsOf(sent[0]));
    expect(text).toMatch(/0x80c8ffff/);
    expect(text).toContain('200 (FACILITY_AZURE_FILE_SYNC)');
    expect(text).toMatch(/do not list 0x80c8ffff/);
    expectValidMessage(sent[0]);
  });

  it('answers off-topic text with what the bot can do', async () => {
    const sent = (await turn(A.personal(svc, 'what is the weather in Seattle'))).filter(
      (a) => a.type === 'message',
    );
    expect(cardsOf(sent[0])).toHaveLength(1);
    expectValidMessage(sent[0]);
  });

  it('runs the help command from the command table', async () => {
    const sent = (await turn(A.personal(svc, 'help'))).filter((a) => a.type === 'message');
    expect(json(cardsOf(sent[0]))).toContain('help');
    expectValidMessage(sent[0]);
  });

  it('welcomes once on install, whichever event announces it', async () => {
    const first = await turn(A.installed(svc, 'a:personal-new'));
    expect(first).toHaveLength(1);
    expectValidMessage(first[0]);
    expect(await turn(A.installed(svc, 'a:personal-new'))).toHaveLength(0);
    const added = await turn(A.botAdded(svc, '19:channel-new@thread.tacv2'));
    expect(added).toHaveLength(1);
  });
});

describe('repeated messages', () => {
  it('answers the same text again from the answer cache, with the same reply', async () => {
    const text = 'what does 0x8007052e mean for the sync agent';
    const hits = async () =>
      Number(
        /afsbot_answer_cache_total\{result="hit"\} (\d+)/.exec(
          await (await fetch(`${app.url}/metrics`)).text(),
        )?.[1] ?? 0,
      );
    const before = await hits();
    const [first] = await turn(A.personal(svc, text));
    const [again] = await turn(A.channel(svc, text));
    expect(await hits()).toBe(before + 1);
    expect(json(cardsOf(again))).toBe(json(cardsOf(first)));
    expect(again.summary).toBe(first.summary);
    expectValidMessage(again);
  });
});

describe('card buttons and the message extension', () => {
  it('opens an entry from a "show" button as a new card, leaving the card it came from', async () => {
    const entry = app.services.matcher.index.entries.find((e) =>
      e.anchors.includes('troubleshoot-rbac'),
    )!;
    const before = connector.sentTo('a:personal-1').length;
    const res = await post(A.cardAction(svc, 'show', { entryId: entry.id }));
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: unknown };
    // A note, not a card: the answer the button sat on is not replaced.
    expect(body).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
    });
    expect(String(body.value)).toContain(entry.title.slice(0, 40));
    const posted = connector.sentTo('a:personal-1').slice(before);
    expect(posted).toHaveLength(1);
    expect(json(cardsOf(posted[0]))).toContain(entry.title);
    expectValidMessage(posted[0]);
  });

  /** Sends a message and returns the reply with the id Teams (the fake connector) gave it. */
  async function answered(text: string): Promise<{ id: string; reply: Record<string, unknown> }> {
    const [reply] = (await turn(A.personal(svc, text))).filter((a) => a.type === 'message');
    return { id: connector.deliveries.at(-1)!.activityId, reply };
  }

  const vote = (entryId: string, helpful: boolean, replyToId?: string) => ({
    ...A.cardAction(svc, 'feedback', { entryId, helpful }),
    ...(replyToId ? { replyToId } : {}),
  });

  it('records feedback, counts it, and replaces only the feedback row of that card', async () => {
    const { id, reply } = await answered('sync fails with 0x80c8305f, what now');
    const [card] = cardsOf(reply);
    const res = await post(vote('afs-err-80c8305f', true, id));
    const body = res.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(validateCard(body.value)).toEqual([]);
    const after = json(body.value);
    expect(after).toContain('Thanks, your feedback was recorded.');
    expect(after).not.toContain('"verb":"feedback"');
    // Everything else is the card as it was: remove the feedback and the two must match.
    const strip = (c: Record<string, unknown>) =>
      json({
        ...c,
        body: (c.body as { id?: string }[]).filter((n) => n.id !== 'feedback'),
        actions: (c.actions as { verb?: string }[]).filter((a) => a.verb !== 'feedback'),
      });
    expect(strip(body.value)).toBe(strip(card));
    expect(app.services.store.feedbackCounts('afs-err-80c8305f')).toEqual({
      helpful: 1,
      notHelpful: 0,
    });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/afsbot_feedback_total\{helpful="true"\} 1/);
  });

  it('keeps a pasted event\'s summary and the "in your message" marks when someone votes', async () => {
    const event = readFileSync(
      join(__dirname, '..', 'fixtures', 'events', '9102-failed.txt'),
      'utf8',
    );
    const { id, reply } = await answered(event);
    const [card] = cardsOf(reply);
    expect(json(card)).toContain('RegularSync');
    const entryId = /"entryId":"([^"]+)","helpful":false/.exec(json(card))![1];
    const res = await post(vote(entryId, false, id));
    const value = json((res.body as { value: unknown }).value);
    expect(value).toContain('RegularSync');
    expect(value).toContain('in your message');
    expect(value).toContain('Thanks, your feedback was recorded.');
  });

  it('thanks with a note and leaves the card alone when it no longer holds the card', async () => {
    const entry = app.services.matcher.index.entries[0];
    const res = await post(vote(entry.id, false, 'a-message-the-bot-never-sent'));
    expect(res.body).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Thanks, your feedback was recorded.',
    });
    expect(app.services.store.feedbackCounts(entry.id).notHelpful).toBe(1);
  });

  it('refuses card actions with wrong payloads with a 400 invoke response', async () => {
    for (const [verb, data] of [
      ['feedback', { entryId: 'afs-err-80c8305f', helpful: 'yes' }],
      ['show', { entryId: 'no-such-entry' }],
      ['frobnicate', {}],
    ] as const) {
      const res = await post(A.cardAction(svc, verb, data));
      expect(res.status).toBe(400);
      expect((res.body as { statusCode: number; value: { message: string } }).statusCode).toBe(400);
      expect((res.body as { value: { message: string } }).value.message).toMatch(/\w/);
    }
  });

  it('searches from the message extension: previews, and the answer card inserted', async () => {
    const res = await post(A.search(svc, 'vault credentials'));
    expect(res.status).toBe(200);
    const ext = (
      res.body as {
        composeExtension: { type: string; attachments: (Attachment & { preview: Attachment })[] };
      }
    ).composeExtension;
    expect(ext.type).toBe('result');
    expect(ext.attachments.length).toBeGreaterThan(0);
    expect(ext.attachments[0].preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    for (const a of ext.attachments) expect(validateCard(a.content)).toEqual([]);
  });

  it('recognises its own answer card inserted from the search extension and sent to it', async () => {
    const res = await post(A.search(svc, 'vault credentials'));
    const [first] = (res.body as { composeExtension: { attachments: Attachment[] } })
      .composeExtension.attachments;
    const sent = (
      await turn(
        A.personal(svc, '', {
          text: undefined,
          attachments: [{ contentType: first.contentType, content: first.content }],
        }),
      )
    ).filter((a) => a.type === 'message');
    expect(sent).toHaveLength(1);
    expect(String(sent[0].text)).not.toMatch(/I read text only/);
    expect(String(sent[0].text)).toMatch(/That is my answer on/);
  });

  it('still says it reads text only for a card that is not its own', async () => {
    const sent = (
      await turn(
        A.personal(svc, '', {
          text: undefined,
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.adaptive',
              content: {
                type: 'AdaptiveCard',
                version: '1.5',
                body: [],
                actions: [{ type: 'Action.Submit' }],
              },
            },
          ],
        }),
      )
    ).filter((a) => a.type === 'message');
    expect(String(sent[0].text)).toMatch(/I read text only/);
  });

  it('lists the most asked entries for an empty search', async () => {
    const res = await post(A.search(svc, ''));
    const ext = (res.body as { composeExtension: { attachments: unknown[] } }).composeExtension;
    expect(ext.attachments.length).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  it('answers malformed requests with a 4xx and nothing sent', async () => {
    expect((await post(null, '{"type": "message", ')).status).toBe(400);
    expect((await post({ text: 'no type' })).status).toBe(400);
    expect((await post([1, 2, 3])).status).toBe(400);
    const wrongTypes = await post({
      ...A.personal(svc, 'hi'),
      conversation: 'not-an-object',
      serviceUrl: 42,
    });
    expect(wrongTypes.status).toBe(400);
    expect(JSON.stringify(wrongTypes.body)).toMatch(/conversation/);
    expect((await post({ ...A.personal(svc, 'hi'), entities: 'nope' })).status).toBe(400);
  });

  it('answers odd messages with a helpful reply, never a 5xx', async () => {
    const odd = [
      A.personal(svc, ''),
      A.groupChat(svc, ''),
      A.personal(svc, 'x'.repeat(28 * 1024)),
      A.personal(svc, 'lorem ipsum 0x80c8305f '.repeat(50_000)),
      A.personal(svc, '', {
        attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/x.png' }],
      }),
      A.personal(svc, '\u0000\ud800 [x](javascript:alert(1)) **bold**'),
    ];
    for (const activity of odd) {
      const sent = (await turn(activity)).filter((a) => a.type === 'message');
      expect(sent).toHaveLength(1);
      expect(json(sent[0])).not.toMatch(/at \w+ \(.*:\d+:\d+\)/);
      expectValidMessage(sent[0]);
    }
  });

  it('ignores unknown activity types and refuses unknown invokes without a 5xx', async () => {
    expect((await post(A.invoke(svc, 'no/such-invoke', {}))).status).toBe(400);
    const res = await post({ ...A.personal(svc, 'x'), type: 'somethingNew' });
    expect(res.status).toBe(200);
  });
});

describe('health, metrics and the playground API', () => {
  it('reports the knowledge and the store on /healthz', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      storage: 'ok',
      knowledge: { entries: app.services.matcher.index.entries.length },
    });
  });

  it('counts turns, latency and outcomes on /metrics', async () => {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(/afsbot_turns_total\{type="message",conversation="personal"\} \d+/);
    expect(text).toMatch(/afsbot_turn_duration_seconds_bucket/);
    expect(text).toMatch(/afsbot_matches_total\{outcome="codes"\} \d+/);
  });

  it('says in the Ask tab where commands work, with the command list, instead of matching them', async () => {
    for (const q of ['help', 'status rg-files/sss-prod/sg-finance', 'subscribe rg/sss/sg']) {
      const res = await fetch(`${app.url}/api/ask`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ q }),
      });
      const body = (await res.json()) as { command?: string; cards: Record<string, unknown>[] };
      expect(body.command).toBe(q.split(' ')[0]);
      expect(body.cards).toHaveLength(1);
      const text = json(body.cards[0]);
      expect(text).toContain('Commands work in a Teams chat or channel');
      expect(text).toContain('npm run playground');
      expect(text).toContain('unsubscribe');
      expect(validateCard(body.cards[0])).toEqual([]);
    }
  });

  it('answers the playground with the same cards the bot sends', async () => {
    const res = await fetch(`${app.url}/api/ask`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ q: '0x80c8305f' }),
    });
    const body = (await res.json()) as {
      result: { confident: boolean };
      cards: Record<string, unknown>[];
    };
    expect(body.result.confident).toBe(true);
    expect(body.cards.length).toBe(1);
    expect(validateCard(body.cards[0])).toEqual([]);
    const bad = await fetch(`${app.url}/api/ask`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: 1 }),
    });
    expect(bad.status).toBe(400);
  });

  it('answers the tab from the same answer cache as the bot', async () => {
    const q = 'what does 0x80c80065 mean for my server endpoint';
    const hits = async () =>
      Number(
        /afsbot_answer_cache_total\{result="hit"\} (\d+)/.exec(
          await (await fetch(`${app.url}/metrics`)).text(),
        )?.[1] ?? 0,
      );
    const ask = async () =>
      (await (
        await fetch(`${app.url}/api/ask`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ q }),
        })
      ).json()) as { cards: unknown[] };
    const before = await hits();
    const first = await ask();
    const again = await ask();
    expect(await hits()).toBe(before + 1);
    expect(json(again.cards)).toBe(json(first.cards));
    const [sent] = await turn(A.personal(svc, q));
    expect(await hits()).toBe(before + 2);
    expect(json(cardsOf(sent))).toBe(json(first.cards));
  });

  it('serves the knowledge tab API read-only, with 400 for a bad filter', async () => {
    const found = (await (await fetch(`${app.url}/api/knowledge/search?q=0x80c8305f`)).json()) as {
      items: { id: string }[];
    };
    expect(found.items[0].id).toBe('afs-err-80c8305f');
    const bad = await fetch(`${app.url}/api/knowledge/search?product=onedrive`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/product/);
    const codes = (await (await fetch(`${app.url}/api/knowledge/codes`)).json()) as {
      codes: unknown[];
    };
    expect(codes.codes.length).toBeGreaterThan(140);
    expect(await (await fetch(`${app.url}/api/knowledge/meta`)).json()).toMatchObject({
      appId: null,
    });
    expect((await fetch(`${app.url}/tab`)).status).toBe(200);
    expect((await fetch(`${app.url}/static/teams.js`)).status).toBe(200);
    expect((await fetch(`${app.url}/api/knowledge/search`, { method: 'POST' })).status).toBe(405);
  });

  it('serves the playground page and its scripts', async () => {
    const page = await fetch(`${app.url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/static/knowledge.js');
    expect((await fetch(`${app.url}/static/adaptivecards.js`)).status).toBe(200);
  });
});

describe('conversation references', () => {
  it('keeps where each conversation is, from install and from messages', async () => {
    await turn(A.installed(svc, 'a:personal-refs'));
    const ref = await app.services.refs.get('a:personal-refs');
    expect(ref).toMatchObject({
      channelId: 'msteams',
      serviceUrl: svc,
      conversation: { id: 'a:personal-refs' },
      bot: { id: A.BOT.id },
    });
    // A message in a channel thread keeps the channel's reference: notifications start a new post.
    await turn(A.channel(svc, '0x80c8305f'));
    expect(await app.services.refs.ids()).toContain('19:channel-1@thread.tacv2');
  });

  it('forgets a conversation on uninstall and when the bot is removed', async () => {
    await turn(A.installed(svc, 'a:personal-gone'));
    await post(A.uninstalled(svc, 'a:personal-gone'));
    expect(await app.services.refs.get('a:personal-gone')).toBeNull();
    await turn(A.botAdded(svc, '19:channel-gone@thread.tacv2'));
    expect(await app.services.refs.get('19:channel-gone@thread.tacv2')).not.toBeNull();
    await post(A.botRemoved(svc, '19:channel-gone@thread.tacv2'));
    expect(await app.services.refs.get('19:channel-gone@thread.tacv2')).toBeNull();
  });
});

describe('subscription commands', () => {
  const textOf = (a: Record<string, unknown> | undefined) => String(a?.text ?? '');
  const say = async (text: string) =>
    (await turn(A.channel(svc, text))).filter((a) => a.type === 'message').at(-1);

  it('subscribes a channel, lists it, and unsubscribes', async () => {
    expect(textOf(await say('subscribe rg-files/sss-prod/sg-finance'))).toMatch(
      /^Subscribed: failures of rg\\-files\/sss\\-prod\/sg\\-finance/,
    );
    expect(textOf(await say('subscribe rg-files/sss-prod/sg-finance'))).toMatch(
      /already subscribed/,
    );
    expect(textOf(await say('subscriptions'))).toMatch(
      /sg\\-finance, by Ada Admin on \d{4}-\d{2}-\d{2}/,
    );
    expect(textOf(await say('unsubscribe rg-files/sss-prod/sg-finance'))).toMatch(/^Unsubscribed/);
    expect(textOf(await say('subscriptions'))).toMatch(/No subscriptions here/);
  });

  it('explains the form when the sync group is missing or malformed', async () => {
    expect(textOf(await say('subscribe'))).toMatch(/^Usage: subscribe/);
    expect(textOf(await say('subscribe [x](https://evil.example)'))).toMatch(/^Usage: subscribe/);
  });

  it('tells the person to ask their admin, and the admin the exact setting in the log', async () => {
    const lines: string[] = [];
    const log = app.services.log;
    app.services.log = createLogger('info', { write: (l: string) => void lines.push(l) });
    try {
      const text = textOf(await say('status rg-files/sss-prod/sg-finance'));
      expect(text).toMatch(/Ask the admin who runs the bot/);
      expect(text).not.toMatch(/HEALTH_PROVIDER|restart/);
    } finally {
      app.services.log = log;
    }
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; setting?: string });
    expect(logged.find((l) => l.setting === 'HEALTH_PROVIDER')?.msg).toMatch(
      /HEALTH_PROVIDER=azure .*HEALTH_PROVIDER=http .*restart/,
    );
  });

  it('lists every command in help', async () => {
    const sent = await say('help');
    for (const name of ['help', 'status', 'subscribe', 'unsubscribe', 'subscriptions'])
      expect(JSON.stringify(sent)).toContain(name);
  });
});
