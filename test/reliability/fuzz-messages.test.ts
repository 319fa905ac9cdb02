/**
 * Fuzzes `POST /api/messages` of the real app with FUZZ_MESSAGES (default 10,000) generated
 * requests from a seeded PRNG (FUZZ_SEED reproduces a run; the seed is printed), FUZZ_CONCURRENCY
 * at a time, and holds every answer to what its generator expects.
 */
import { Writable } from 'node:stream';
import type { RunningApp } from '../../src/app';
import { createLogger } from '../../src/log';
import { FakeConnector } from '../support/fake-connector';
import { GENERATORS, Rng, hugeText, makeCase, type Case } from './fuzz-gen';
import { record } from './record';
import { STACK_FRAME, cardProblems, cardsChecked, messageProblems } from './reply-checks';
import { startTestApp } from '../support/test-app';

const COUNT = Number(process.env.FUZZ_MESSAGES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);
/** 1 MB pastes per run, spread through it. */
const HUGE = Math.min(5, Math.ceil(COUNT / 2000));

jest.setTimeout(240_000);

const connector = new FakeConnector();
/** Error-level log lines of the app (a failed turn, a 5xx). */
const errorLogs: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
      if (entry.level >= 50) errorLogs.push(`${entry.msg}: ${entry.err?.message ?? ''}`);
    }
    done();
  },
});
let app: RunningApp;
const consoleErrors: string[] = [];

beforeAll(async () => {
  await connector.start();
  app = await startTestApp({ LOG_LEVEL: 'warn' }, { log: createLogger('error', logSink) });
  // The SDK reports what it refuses on the console: counted, not printed 10,000 times.
  jest.spyOn(console, 'error').mockImplementation((...args) => {
    consoleErrors.push(args.map(String).join(' ').slice(0, 300));
  });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterAll(async () => {
  jest.restoreAllMocks();
  await app?.close();
  await connector.stop();
});

interface Outcome {
  i: number;
  c: Omit<Case, 'body'>;
  /** The start of the request, for the failure message. */
  excerpt: string;
  /** A "show" button: the entry is posted as a new message. */
  opens: boolean;
  status: number;
  ms: number;
  body: string;
}

/** The request without the fields every generated activity shares, for a failure message. */
function excerpt(body: string): string {
  try {
    const a = JSON.parse(body) as Record<string, unknown>;
    const usual: Record<string, (v: unknown) => boolean> = {
      id: (v) => typeof v === 'string' && /^act-\d+$/.test(v),
      timestamp: (v) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v),
      serviceUrl: (v) => typeof v === 'string' && v.startsWith('http://127.0.0.1:'),
      channelId: (v) => v === 'msteams',
      locale: (v) => v === 'en-US',
      from: (v) => (v as { id?: unknown } | null)?.id === '29:user-1',
      recipient: (v) => (v as { id?: unknown } | null)?.id === '28:afsbot-test',
    };
    for (const [k, isUsual] of Object.entries(usual)) if (isUsual(a[k])) delete a[k];
    return JSON.stringify(a).slice(0, 500);
  } catch {
    return JSON.stringify(body.slice(0, 300));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** What is wrong with one answer, given what its generator expected; empty when it held. */
function caseProblems(o: Outcome, sent: Record<string, unknown>[]): string[] {
  const p: string[] = [];
  const messages = sent.filter((a) => a.type !== 'typing');
  if (o.status >= 500) p.push(`status ${o.status}`);
  if (STACK_FRAME.test(o.body)) p.push('stack trace in the response');
  for (const m of messages) p.push(...messageProblems(m));
  const parsed = (() => {
    try {
      return JSON.parse(o.body) as Record<string, unknown>;
    } catch {
      return null;
    }
  })();
  switch (o.c.expect) {
    case 'reply':
      if (o.status !== 200) p.push(`status ${o.status}, expected 200`);
      if (messages.length !== 1) p.push(`${messages.length} messages sent, expected 1`);
      break;
    case 'accepted':
      if (o.status !== 200) p.push(`status ${o.status}, expected 200`);
      break;
    case 'malformed': {
      const ok = o.c.contentType === 'application/json' ? [400] : [400, 415];
      if (!ok.includes(o.status)) p.push(`status ${o.status}, expected ${ok.join(' or ')}`);
      if (sent.length > 0) p.push(`${sent.length} activities sent for a refused request`);
      break;
    }
    case 'invoke-refused': {
      if (o.status !== 400) p.push(`status ${o.status}, expected 400`);
      const why = (parsed?.value as { message?: unknown } | undefined)?.message ?? parsed?.message;
      if (typeof why !== 'string' || !/\w/.test(why)) p.push('refusal without a reason');
      if (messages.length > 0) p.push('messages sent for an invoke');
      break;
    }
    case 'invoke-ok': {
      if (o.status !== 200) p.push(`status ${o.status}, expected 200`);
      // Opening an entry ("show") posts it as a new message: the card it came from stays.
      const opens = o.opens;
      if (messages.length > (opens ? 1 : 0))
        p.push(`${messages.length} messages sent for an invoke`);
      if (opens && messages.length !== 1) p.push('an opened entry was not posted');
      for (const m of messages) p.push(...messageProblems(m));
      if (!parsed) {
        p.push('invoke answered without a JSON body');
        break;
      }
      const ext = parsed.composeExtension as
        { type?: string; attachments?: { content: unknown; preview?: unknown }[] } | undefined;
      if (o.c.generator === 'search-query') {
        if (ext?.type !== 'result' || !Array.isArray(ext.attachments))
          p.push('search answered without a result list');
        else {
          if (ext.attachments.length > 8) p.push(`${ext.attachments.length} search results`);
          for (const a of ext.attachments) p.push(...cardProblems(a.content));
        }
      } else {
        if (parsed.statusCode !== 200) p.push(`invoke statusCode ${String(parsed.statusCode)}`);
        // A note leaves the card as it is; a card replaces it.
        if (parsed.type === 'application/vnd.microsoft.activity.message') {
          if (typeof parsed.value !== 'string' || !/\w/.test(parsed.value))
            p.push('an invoke note without text');
        } else p.push(...cardProblems(parsed.value));
      }
      break;
    }
  }
  return p;
}

describe(`POST /api/messages under ${COUNT} generated requests`, () => {
  it('never crashes, never answers 5xx, refuses only malformed requests and sends only valid replies', async () => {
    console.log(`fuzz-messages: seed ${SEED} (FUZZ_SEED=${SEED} reproduces), ${COUNT} requests`);
    const rng = new Rng(SEED);
    const ids = app.services.matcher.index.entries.map((e) => e.id);
    const svc = connector.url;
    const hugeAt = new Set(
      Array.from({ length: HUGE }, (_, k) => Math.floor(((k + 0.5) * COUNT) / HUGE)),
    );
    const outcomes: Outcome[] = [];
    let next = 0;

    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= COUNT) return;
        // Made synchronously in index order, so the sequence depends on the seed alone.
        const c = hugeAt.has(i) ? hugeText(rng, svc, `a:fuzz-${i}`) : makeCase(rng, svc, i, ids);
        const started = performance.now();
        const res = await fetch(`${app.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': c.contentType },
          body: c.body,
        });
        const body = await res.text();
        const ms = performance.now() - started;
        const { body: _sent, ...meta } = c;
        outcomes.push({
          i,
          c: meta,
          excerpt: excerpt(_sent),
          opens: c.generator === 'card-action' && /"verb":"show"/.test(_sent),
          status: res.status,
          ms,
          body: body.slice(0, 200_000),
        });
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;

    // Still alive and well after the storm.
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);

    const byConversation = new Map<string, Record<string, unknown>[]>();
    for (const r of connector.received) {
      const list = byConversation.get(r.conversationId) ?? [];
      list.push(r.activity);
      byConversation.set(r.conversationId, list);
    }
    const failures: string[] = [];
    const byGenerator = new Map<string, { tried: number; held: number }>();
    for (const o of outcomes.sort((a, b) => a.i - b.i)) {
      const problems = caseProblems(o, byConversation.get(o.c.conversationId) ?? []);
      const g = byGenerator.get(o.c.generator) ?? { tried: 0, held: 0 };
      g.tried++;
      if (problems.length === 0) g.held++;
      else
        failures.push(
          `#${o.i} ${o.c.generator} (${o.c.expect}): ${problems.join('; ')}\n  sent: ${o.excerpt}\n  got: ${o.body.slice(0, 300)}`,
        );
      byGenerator.set(o.c.generator, g);
    }

    const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const status = (lo: number, hi: number) =>
      outcomes.filter((o) => o.status >= lo && o.status < hi).length;
    const held = outcomes.length - failures.length;
    const figures = {
      seed: SEED,
      concurrency: CONCURRENCY,
      seconds: seconds.toFixed(1),
      p50Ms: percentile(latencies, 50).toFixed(1),
      p99Ms: percentile(latencies, 99).toFixed(1),
      maxMs: latencies[latencies.length - 1].toFixed(0),
      '2xx': status(200, 300),
      '4xx': status(400, 500),
      '5xx': status(500, 600),
      replies: connector.received.filter((r) => r.activity.type === 'message').length,
      distinctCards: cardsChecked(),
      errorLogs: errorLogs.length,
    };
    console.log(
      `fuzz-messages: ${JSON.stringify(figures)}\n` +
        [...byGenerator].map(([name, g]) => `  ${name}: ${g.held}/${g.tried}`).join('\n'),
    );
    record({
      area: 'fuzz',
      check:
        'POST /api/messages: generated activities (Unicode, injection, codes, event logs, 28 KB and 1 MB texts, bad invokes, wrong fields, malformed JSON)',
      tried: outcomes.length,
      held,
      expectation:
        'no crash, no 5xx, 400 only for malformed requests, one valid reply per message (text or valid cards, < 40 KB, no active user markdown), no stack traces',
      figures,
    });

    if (errorLogs.length)
      console.log(`error logs:\n${[...new Set(errorLogs)].slice(0, 10).join('\n')}`);
    expect(outcomes).toHaveLength(COUNT);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(errorLogs.slice(0, 10)).toEqual([]);
    expect(consoleErrors.slice(0, 10)).toEqual([]);
    // Every generator ran (a weight typo would silently drop one).
    if (COUNT >= 1000)
      for (const g of GENERATORS) expect(byGenerator.get(g.name)?.tried ?? 0).toBeGreaterThan(0);
    // Nothing a request carried reached the prototypes.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
