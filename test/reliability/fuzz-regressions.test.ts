/**
 * The inputs the fuzzers found failing, kept as fixed cases so they stay fixed whatever seed a
 * run draws. Each once failed a turn (a 501 or no reply) or leaked markup.
 */
import type { RunningApp } from '../../src/app';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { messageProblems } from './reply-checks';
import { startTestApp } from '../support/test-app';

const connector = new FakeConnector();
let app: RunningApp;
let seq = 0;

beforeAll(async () => {
  await connector.start();
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  await connector.stop();
});

async function post(activity: Record<string, unknown>) {
  const conv = `a:regression-${++seq}`;
  activity.conversation = { ...(activity.conversation as object), id: conv };
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const body = await res.text();
  return { status: res.status, body, sent: connector.sentTo(conv) };
}

describe('inputs the fuzzers found', () => {
  it.each(['constructor', 'why does __proto__ fail', 'hasOwnProperty toString valueOf'])(
    'answers a message naming an Object.prototype member (%s)',
    async (text) => {
      const res = await post(A.personal(connector.url, text));
      expect(res.status).toBe(200);
      expect(res.sent).toHaveLength(1);
      expect(JSON.stringify(res.sent[0])).not.toMatch(/Something went wrong/);
    },
  );

  it.each([{}, 'string', { action: null }, { action: 'show' }])(
    'refuses a card action without an action object (%j) with a 400 that says why',
    async (value) => {
      const res = await post(A.invoke(connector.url, 'adaptiveCard/action', value));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).value.message).toMatch(/no action/);
    },
  );

  it.each([7, 'query', { name: 'query', value: 'sync' }, null])(
    'answers a search whose parameters are not a list (%j) with a result list',
    async (parameters) => {
      const res = await post(
        A.invoke(connector.url, 'composeExtension/query', { commandId: 'x', parameters }),
      );
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).composeExtension.type).toBe('result');
    },
  );

  it('refuses invokes it does not offer before the SDK reads their value', async () => {
    const res = await post(A.invoke(connector.url, 'composeExtension/submitAction', null));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).message).toMatch(/does not handle/);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an entity without a type', { entities: [{}] }],
    ['a mention of nobody', { entities: [{ type: 'mention', text: 'x', mentioned: null }] }],
    ['a mention without text', { entities: [{ type: 'mention', mentioned: A.BOT }] }],
    ['a locale that is not a string', { locale: {} }],
    ['a tenant id that is not a string', { conversation: { tenantId: [] } }],
    ['membersRemoved that is not a list', { type: 'conversationUpdate', membersRemoved: 'x' }],
    ['an id with a lone surrogate', { id: 'act-\ud800' }],
  ])('refuses an activity with %s as malformed (400), sending nothing', async (_name, extra) => {
    const base = A.personal(connector.url, 'sync fails');
    const conversation = {
      ...(base.conversation as object),
      ...((extra.conversation as object) ?? {}),
    };
    const res = await post({ ...base, ...extra, conversation });
    expect(res.status).toBe(400);
    expect(res.sent).toHaveLength(0);
  });

  it('shows the usage of a command with its placeholders escaped', async () => {
    const res = await post(A.personal(connector.url, 'subscribe <img src=x>'));
    const text = String(res.sent[0]?.text);
    expect(text).toMatch(/^Usage: subscribe \\<resource\\-group\\>/);
    expect(messageProblems(res.sent[0])).toEqual([]);
  });
});
