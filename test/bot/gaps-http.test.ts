/**
 * The knowledge-gaps loop through the bot's real endpoint: an unanswered question is recorded
 * scrubbed, a "did you mean" choice and a "not helpful" vote count against it, and the `gaps`
 * command refuses whoever it cannot trust (the authenticated admin case is in gaps-auth.test.ts).
 */
import type { RunningApp } from '../../src/app';
import type { KeyedGap } from '../../src/gaps/record';
import { validateCard } from '../support/validate-card';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { startTestApp } from '../support/test-app';

const connector = new FakeConnector();
type Json = Record<string, unknown>;
const QUESTION =
  'server endpoint health No Activity on FS01 and registered servers blade says Appears offline';

const start = (env: Record<string, string>): Promise<RunningApp> => startTestApp(env);

async function post(app: RunningApp, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

async function turn(app: RunningApp, text: string): Promise<Json[]> {
  const before = connector.sentTo('a:personal-1', true).length;
  expect((await post(app, A.personal(connector.url, text))).status).toBe(200);
  return connector.sentTo('a:personal-1', true).slice(before);
}

const cardsOf = (a: Json) =>
  ((a.attachments as { content: Json }[] | undefined) ?? []).map((x) => x.content);

/** The Action.Execute buttons of a card, with their data. */
function executes(card: unknown): { verb: string; data: Json }[] {
  const out: { verb: string; data: Json }[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Json;
      if (o.type === 'Action.Execute') out.push({ verb: String(o.verb), data: o.data as Json });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

const records = async (app: RunningApp): Promise<KeyedGap[]> => {
  await app.services.gaps!.settled();
  return (await app.services.gaps!.options.store.list()).records;
};

beforeAll(() => connector.start());
afterAll(() => connector.stop());

describe('with GAPS_RETENTION_DAYS set', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({ GAPS_RETENTION_DAYS: '30', GAPS_ADMINS: A.USER.aadObjectId });
  });
  afterAll(() => app.close());

  it('records an unanswered question scrubbed, and a "did you mean" choice against it', async () => {
    const [reply] = await turn(app, QUESTION);
    const [card] = cardsOf(reply);
    expect(validateCard(card)).toEqual([]);
    const choices = executes(card).filter((a) => a.verb === 'show');
    expect(choices.length).toBeGreaterThan(0);
    // The choices carry the question's reference, scrubbed: the card holds no name or path.
    expect(choices[0].data.gap).toMatch(/^[0-9a-f]{24}$/);
    expect(String(choices[0].data.gq)).not.toMatch(/FS01/);

    const [recorded] = await records(app);
    expect(recorded.q).toBe(
      'server endpoint health No Activity on [server] and registered servers blade says Appears offline',
    );
    expect(recorded).toMatchObject({ verdict: 'did-you-mean', count: 1, chosen: {} });
    expect(recorded.shown).toEqual(choices.map((c) => c.data.entryId));
    expect(JSON.stringify(recorded)).not.toContain(A.USER.aadObjectId);

    const chosen = choices[1] ?? choices[0];
    // The choice opens as a new message below, so the card it came from stays.
    const sentBefore = connector.sentTo('a:personal-1', true).length;
    const res = await post(app, A.cardAction(connector.url, 'show', chosen.data));
    expect(res.status).toBe(200);
    const [message] = connector.sentTo('a:personal-1', true).slice(sentBefore);
    const [opened] = cardsOf(message);
    expect(validateCard(opened)).toEqual([]);
    // The answer it opens passes the reference on to its feedback buttons.
    const votes = executes(opened).filter((a) => a.verb === 'feedback');
    expect(votes.map((v) => v.data.gap)).toEqual([chosen.data.gap, chosen.data.gap]);

    const notHelpful = votes.find((v) => v.data.helpful === false)!;
    await post(app, A.cardAction(connector.url, 'feedback', notHelpful.data));
    const [after] = await records(app);
    expect(after.chosen).toEqual({ [String(chosen.data.entryId)]: 1 });
    expect(after.notHelpful).toEqual({ [String(chosen.data.entryId)]: 1 });
    expect(after.count).toBe(2);
  });

  it('records nothing for a confident answer, but a "not helpful" vote on it is kept', async () => {
    const before = (await records(app)).length;
    const [reply] = await turn(app, 'sync on FS07 fails with 0x80c8305f');
    expect(await records(app)).toHaveLength(before);
    const vote = executes(cardsOf(reply)[0]).find(
      (a) => a.verb === 'feedback' && a.data.helpful === false,
    )!;
    expect(vote.data.gq).toBe('sync on [server] fails with 0x80c8305f');
    await post(app, A.cardAction(connector.url, 'feedback', vote.data));
    const kept = (await records(app)).find((r) => r.q === vote.data.gq);
    expect(kept).toMatchObject({ verdict: 'answer', count: 1 });
    expect(kept!.notHelpful).toEqual({ [String(vote.data.entryId)]: 1 });
  });

  it('refuses the gaps command to a listed admin when requests are not authenticated', async () => {
    const [reply] = await turn(app, 'gaps');
    expect(cardsOf(reply)).toEqual([]);
    expect(reply.text).toMatch(/GAPS_ADMINS.*MicrosoftAppId/);
  });
});

describe('with GAPS_RETENTION_DAYS unset (the default)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({});
  });
  afterAll(() => app.close());

  it('keeps nothing and sends cards without gap references', async () => {
    expect(app.services.gaps).toBeUndefined();
    const [reply] = await turn(app, QUESTION);
    for (const a of executes(cardsOf(reply)[0])) expect(a.data).not.toHaveProperty('gap');
    const [off] = await turn(app, 'gaps');
    expect(off.text).toMatch(/not being recorded/);
  });
});
