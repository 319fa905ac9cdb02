import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from '../../src/storage/sqlite';
import { SqliteKvStore } from '../../src/storage/sqlite-kv-store';
import { FIXTURES } from '../helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const SECRET = 'alert-secret-0123456789abcdef';
const fired = readFileSync(join(FIXTURES, 'alerts', 'sync-session-result-fired.json'), 'utf8');
let app: TestApp;
let dataDir: string;

beforeAll(async () => {
  app = await startTestApp({ ALERT_WEBHOOK_SECRET: SECRET });
  dataDir = app.dataDir;
});
afterAll(() => app.close());

const post = (body: string, code?: string) =>
  fetch(`${app.url}/api/alerts${code === undefined ? '' : `?code=${encodeURIComponent(code)}`}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
const stored = () => new SqliteKvStore(openSqlite(dataDir)).list('alerts/');

describe('POST /api/alerts', () => {
  it('refuses posts without the secret or with a wrong one, and stores nothing', async () => {
    expect((await post(fired)).status).toBe(401);
    expect((await post(fired, 'wrong')).status).toBe(401);
    expect((await post(fired, SECRET.slice(0, -1))).status).toBe(401);
    expect(await stored()).toEqual([]);
  });

  it('refuses bodies over 256 KB with 413', async () => {
    const big = JSON.stringify({ ...JSON.parse(fired), padding: 'x'.repeat(300 * 1024) });
    expect((await post(big, SECRET)).status).toBe(413);
    expect(await stored()).toEqual([]);
  });

  it('refuses malformed JSON and other shapes with a clear 400', async () => {
    expect((await post('{"schemaId": ', SECRET)).status).toBe(400);
    const wrong = await post(
      JSON.stringify({ schemaId: 'Microsoft.Insights/activityLogs' }),
      SECRET,
    );
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toMatch(/common alert schema/);
    const noCondition = JSON.parse(fired);
    noCondition.data.essentials.monitorCondition = 'Maybe';
    expect((await post(JSON.stringify(noCondition), SECRET)).status).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it('accepts a valid alert after invalid ones, once', async () => {
    const res = await post(fired, SECRET);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: true, duplicate: false });
    const again = await post(fired, SECRET);
    expect(await again.json()).toEqual({ accepted: true, duplicate: true });
    expect(await stored()).toHaveLength(1);
    const resolved = JSON.parse(fired);
    resolved.data.essentials.monitorCondition = 'Resolved';
    resolved.data.essentials.resolvedDateTime = '2026-11-21T09:02:00Z';
    expect((await post(JSON.stringify(resolved), SECRET)).status).toBe(202);
    expect((await stored()).map((k) => k.split('/').pop())).toEqual(['Fired', 'Resolved']);
  });
});

describe('POST /api/alerts without a secret configured', () => {
  it('is off and says how to turn it on', async () => {
    const off = await startTestApp();
    try {
      const res = await fetch(`${off.url}/api/alerts?code=anything`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: fired,
      });
      expect(res.status).toBe(404);
      expect(JSON.stringify(await res.json())).toMatch(/ALERT_WEBHOOK_SECRET/);
    } finally {
      await off.close();
    }
  });
});
