/**
 * Fuzzes `POST /api/alerts` of the real app: unsigned and wrongly signed posts, oversized bodies
 * (with honest, lying and absent Content-Length), malformed JSON and wrong shapes, then valid
 * alerts after the storm. Refused posts must store nothing: no alert, no queued notification.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { FIXTURES } from '../helpers';
import { Rng } from './fuzz-gen';
import { record } from './record';
import { STACK_FRAME } from './reply-checks';
import { startTestApp, type TestApp } from '../support/test-app';

const SECRET = 'alert-secret-0123456789abcdef';
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));
const STORM = Number(process.env.FUZZ_ALERTS ?? 600);
const fired = readFileSync(join(FIXTURES, 'alerts', 'sync-session-result-fired.json'), 'utf8');
const alert = () =>
  JSON.parse(fired) as { data: { essentials: Record<string, unknown> } } & Record<string, unknown>;

let app: TestApp;
let dataDir: string;

beforeAll(async () => {
  app = await startTestApp({ ALERT_WEBHOOK_SECRET: SECRET });
  dataDir = app.dataDir;
  // A channel follows the alert's sync group, so an accepted alert would queue a notification.
  await app.services.subscriptions.add({
    conversationId: '19:alerts@thread.tacv2',
    target: { resourceGroup: 'rg-files', service: 'sss-prod', group: 'sg-finance' },
    by: { id: '29:user-1' },
    at: new Date().toISOString(),
  });
});
afterAll(() => app.close());

const kv = () => new SqliteKvStore(openSqlite(dataDir));
const stored = async () => ({
  alerts: await kv().list('alerts/'),
  outbox: await kv().list('outbox/'),
});

interface Post {
  kind: string;
  expect: number;
  send(): Promise<{ status: number; body: string }>;
}

const url = (code?: string | string[]) => {
  const codes = code === undefined ? [] : Array.isArray(code) ? code : [code];
  const query = codes.map((c) => `code=${encodeURIComponent(c)}`).join('&');
  return `${app.url}/api/alerts${query ? `?${query}` : ''}`;
};

async function fetchPost(
  body: string,
  code?: string | string[],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const res = await fetch(url(code), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: await res.text() };
}

/** A request written by hand, for what fetch will not send (a lying or absent Content-Length). */
function rawPost(
  head: string[],
  body: Buffer | string,
  chunked = false,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(app.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (err) => (chunks.length ? undefined : reject(err)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.split('\r\n\r\n').slice(1).join('\r\n\r\n') });
    });
    socket.write(head.join('\r\n') + '\r\n\r\n');
    if (chunked) {
      const data = Buffer.from(body);
      for (let i = 0; i < data.length; i += 16 * 1024) {
        const part = data.subarray(i, i + 16 * 1024);
        socket.write(`${part.length.toString(16)}\r\n`);
        socket.write(part);
        socket.write('\r\n');
      }
      socket.write('0\r\n\r\n');
    } else socket.write(body);
    // A request that claims more than it sends is given up on, as a client that died would.
    setTimeout(() => socket.end(), 1500).unref();
  });
}

const head = (path: string, extra: string[]) => [
  `POST ${path} HTTP/1.1`,
  `Host: 127.0.0.1:${app.port}`,
  'Content-Type: application/json',
  'Connection: close',
  ...extra,
];

/** The storm: refused posts of every kind, in a seeded order. */
function storm(rng: Rng): Post[] {
  const padded = (bytes: number) => JSON.stringify({ ...alert(), padding: 'x'.repeat(bytes) });
  const wrongSecrets = [
    '',
    'wrong',
    SECRET.slice(0, -1),
    SECRET.slice(0, 16),
    SECRET + 'x',
    SECRET.toUpperCase(),
    ' ' + SECRET,
    SECRET.replace(/.$/, (c) => (c === 'f' ? 'e' : 'f')),
    'x'.repeat(SECRET.length),
    SECRET.split('').reverse().join(''),
    `${SECRET}\u0000`,
  ];
  const shapes: (() => unknown)[] = [
    () => ({}),
    () => [],
    () => null,
    () => 'azureMonitorCommonAlertSchema',
    () => ({ schemaId: 'Microsoft.Insights/activityLogs', data: alert().data }),
    () => ({ ...alert(), schemaId: undefined }),
    () => ({ ...alert(), data: null }),
    () => {
      const a = alert();
      a.data.essentials.monitorCondition = rng.pick(['Maybe', '', 42, null, 'fired']);
      return a;
    },
    () => {
      const a = alert();
      a.data.essentials.alertId = rng.pick([42, null, '', ['x']]);
      return a;
    },
    () => {
      const a = alert();
      a.data.essentials.alertTargetIDs = rng.pick(['x', [42], null, {}]);
      return a;
    },
    () => {
      const a = alert();
      delete a.data.essentials[rng.pick(['alertId', 'monitorCondition', 'alertTargetIDs'])];
      return a;
    },
  ];
  const malformed = [
    fired.slice(0, 1 + rng.int(fired.length - 2)),
    fired + '}',
    `{"schemaId": `,
    "{'schemaId': 'azureMonitorCommonAlertSchema'}",
    'NaN',
    '',
    '\ufeff{',
    '['.repeat(10_000),
  ];
  const kinds: (() => Post)[] = [
    () => ({ kind: 'unsigned', expect: 401, send: () => fetchPost(fired) }),
    () => ({
      kind: 'wrong secret',
      expect: 401,
      send: () => fetchPost(fired, rng.pick(wrongSecrets)),
    }),
    () => ({
      kind: 'secret twice or in the wrong place',
      expect: 401,
      send: () =>
        rng.chance(0.5)
          ? fetchPost(fired, ['wrong', SECRET])
          : fetchPost(fired, undefined, { 'x-functions-key': SECRET, Authorization: SECRET }),
    }),
    () => ({
      kind: 'oversized, honest Content-Length',
      expect: 413,
      send: () => fetchPost(padded(256 * 1024 + rng.int(512 * 1024)), SECRET),
    }),
    () => ({
      kind: 'oversized, unsigned',
      expect: 401,
      send: () => fetchPost(padded(300 * 1024)),
    }),
    () => ({
      kind: 'oversized, chunked (no Content-Length)',
      expect: 413,
      send: () =>
        rawPost(
          head(`/api/alerts?code=${SECRET}`, ['Transfer-Encoding: chunked']),
          padded(300 * 1024),
          true,
        ),
    }),
    () => ({
      kind: 'oversized, Content-Length lies small',
      expect: 400,
      send: () => {
        const body = padded(300 * 1024);
        return rawPost(head(`/api/alerts?code=${SECRET}`, ['Content-Length: 100']), body);
      },
    }),
    () => ({
      kind: 'Content-Length lies large',
      expect: 413,
      send: () =>
        rawPost(head(`/api/alerts?code=${SECRET}`, [`Content-Length: ${10 * 1024 * 1024}`]), fired),
    }),
    () => ({
      kind: 'malformed JSON',
      expect: 400,
      send: () => fetchPost(rng.pick(malformed), SECRET),
    }),
    () => ({
      kind: 'valid JSON as text/plain',
      expect: 400,
      send: () =>
        fetchPost(JSON.stringify({ schemaId: 'x' }), SECRET, { 'Content-Type': 'text/plain' }),
    }),
    () => ({
      kind: 'wrong schema',
      expect: 400,
      send: () => fetchPost(JSON.stringify(rng.pick(shapes)()), SECRET),
    }),
  ];
  return Array.from({ length: STORM }, () => rng.pick(kinds)());
}

describe(`POST /api/alerts under ${STORM} hostile posts`, () => {
  it('refuses each with its status, stores nothing from them, and still accepts valid alerts', async () => {
    console.log(`fuzz-alerts: seed ${SEED} (FUZZ_SEED=${SEED} reproduces), ${STORM} posts`);
    const posts = storm(new Rng(SEED));
    const results: { kind: string; expect: number; status: number; body: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < posts.length) {
        const p = posts[next++];
        results.push({ kind: p.kind, expect: p.expect, ...(await p.send()) });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));

    const byKind = new Map<string, { tried: number; held: number; statuses: Set<number> }>();
    for (const r of results) {
      const k = byKind.get(r.kind) ?? { tried: 0, held: 0, statuses: new Set<number>() };
      k.tried++;
      k.statuses.add(r.status);
      if (r.status === r.expect && !STACK_FRAME.test(r.body)) k.held++;
      byKind.set(r.kind, k);
    }
    const afterStorm = await stored();

    // Valid alerts still go through after the storm, once each.
    const first = await fetchPost(fired, SECRET);
    const again = await fetchPost(fired, SECRET);
    const resolved = alert();
    resolved.data.essentials.monitorCondition = 'Resolved';
    resolved.data.essentials.resolvedDateTime = '2026-11-21T09:02:00Z';
    const resolvedRes = await fetchPost(JSON.stringify(resolved), SECRET);
    const afterValid = await stored();
    const health = await fetch(`${app.url}/healthz`);

    const held = [...byKind.values()].reduce((s, k) => s + k.held, 0);
    record({
      area: 'fuzz',
      check:
        'POST /api/alerts: unsigned, wrong secrets, oversized (honest, chunked and lying Content-Length), malformed JSON, wrong schema; then valid alerts',
      tried: results.length,
      held,
      expectation:
        '401 / 413 / 400 as due, nothing stored from a refused post, valid alerts 202 after the storm',
      figures: Object.fromEntries(
        [...byKind].map(([kind, k]) => [
          kind,
          `${k.held}/${k.tried} (${[...k.statuses].join(',')})`,
        ]),
      ),
    });
    console.log(
      [...byKind]
        .map(([kind, k]) => `  ${kind}: ${k.held}/${k.tried} (${[...k.statuses]})`)
        .join('\n'),
    );

    for (const [kind, k] of byKind) expect({ kind, held: k.held }).toEqual({ kind, held: k.tried });
    expect(byKind.size).toBe(11);
    expect(afterStorm).toEqual({ alerts: [], outbox: [] });
    expect([first.status, again.status, resolvedRes.status]).toEqual([202, 202, 202]);
    expect(JSON.parse(first.body)).toEqual({ accepted: true, duplicate: false });
    expect(JSON.parse(again.body)).toEqual({ accepted: true, duplicate: true });
    expect(afterValid.alerts.map((k) => k.split('/').pop())).toEqual(['Fired', 'Resolved']);
    expect(afterValid.outbox.length).toBeGreaterThan(0);
    expect(health.status).toBe(200);
  });
});
