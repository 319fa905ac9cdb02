import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { RunningApp } from '../../src/app';
import { type Config } from '../../src/config';
import { TAB_FRAME_ANCESTORS } from '../../src/http/security-headers';
import * as A from '../support/activities';
import { FIXTURES } from '../helpers';
import { startTestApp } from '../support/test-app';

const SECRET = 'alert-secret-0123456789abcdef';
const METRICS_TOKEN = 'metrics-token-0123456789';
const APP_ID = '00000000-0000-4000-8000-000000000042';

const start = (env: Record<string, string>, http?: Partial<Config['http']>) =>
  startTestApp({ HOST: '127.0.0.1', ...env }, { http });
const withAppId = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppType: 'MultiTenant',
};

/** `{"a":{"a":…}}` nested `depth` deep, built as text (a recursive stringify would overflow). */
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const postJson = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('bodies nested too deep', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({ ALERT_WEBHOOK_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(() => app.close());

  it('an alert with a field nested 10,000 deep gets a clear 400, not an internal error', async () => {
    const alert = JSON.parse(
      readFileSync(join(FIXTURES, 'alerts', 'sync-session-result-fired.json'), 'utf8'),
    );
    const text = JSON.stringify({ ...alert, extra: '@@' }).replace('"@@"', nested(10_000));
    const res = await postJson(`${app.url}/api/alerts?code=${SECRET}`, text);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toEqual({
      error: 'request_invalid',
      message: 'the body is nested deeper than 32 levels',
    });
  });

  it('a Teams activity with channel data nested 10,000 deep gets a clear 400', async () => {
    const activity = JSON.stringify({
      ...A.personal('http://127.0.0.1:9/', 'hi'),
      channelData: '@@',
    }).replace('"@@"', nested(10_000));
    const res = await postJson(`${app.url}/api/messages`, activity);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/nested deeper than 32 levels/);
  });

  it('a question with a value nested 10,000 deep gets the same 400', async () => {
    const res = await postJson(`${app.url}/api/ask`, `{"q":${nested(10_000)}}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/nested deeper than 32 levels/);
  });

  it('still answers an ordinary question afterwards', async () => {
    const res = await postJson(`${app.url}/api/ask`, JSON.stringify({ q: '0x80c8305f' }));
    expect(res.status).toBe(200);
  });
});

describe('refused requests and metric labels', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({ ...withAppId, METRICS_TOKEN });
  });
  afterAll(() => app.close());

  const metrics = async () =>
    (
      await fetch(`${app.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
  /** The exposition without the Node.js runtime's and the process's own series. */
  const ownSeries = (text: string) =>
    text
      .split('\n')
      .filter((l) => !/^(# (HELP|TYPE) )?afsbot_(nodejs|process)_/.test(l))
      .join('\n');

  it('counts 1,000 unauthenticated posts of made-up types as one refusal counter', async () => {
    const before = await metrics();
    // Refusals are counted, not written out one stack trace each.
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    for (let i = 0; i < 1000; i += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, j) => {
          const base = A.personal('https://smba.trafficmanager.net/amer/', 'hi') as unknown as {
            conversation: Record<string, unknown>;
          };
          const activity = {
            ...base,
            type: `made-up-type-${i + j}`,
            conversation: { ...base.conversation, conversationType: `conv-${i + j}` },
          };
          return postJson(`${app.url}/api/messages`, JSON.stringify(activity)).then((r) => {
            expect(r.status).toBe(401);
          });
        }),
      );
    const text = await metrics();
    expect(stderr).not.toHaveBeenCalled();
    stderr.mockRestore();
    expect(text).toMatch(/afsbot_requests_refused_total\{reason="unauthorized"\} 1000\n/);
    expect(text).not.toMatch(/made-up-type|conv-\d/);
    expect(text).not.toMatch(/afsbot_turns_total\{/);
    // The exposition does not grow with the number of refused requests. The runtime's own
    // series are left out: a garbage collection of a kind not seen before adds a labelled
    // series of its own, which depends on the load on the machine, not on these requests.
    expect(ownSeries(text).length).toBeLessThan(ownSeries(before).length + 1000);
  });

  it('serves /metrics only with the bearer token when an app id is set', async () => {
    const none = await fetch(`${app.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await fetch(`${app.url}/metrics`, {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toMatch(/nodejs_version|afsbot_/);
    expect(await metrics()).toMatch(/afsbot_turns_total/);
  });
});

describe('/metrics with an app id and no METRICS_TOKEN', () => {
  it('is off, and says how to turn it on', async () => {
    const app = await start(withAppId);
    try {
      const res = await fetch(`${app.url}/metrics`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(await res.json())).toMatch(/METRICS_TOKEN/);
    } finally {
      await app.close();
    }
  });
});

describe('budgets of the public API', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => app.close());

  it('refuses a question over 32 KB with 413 and says why', async () => {
    const res = await postJson(`${app.url}/api/ask`, JSON.stringify({ q: 'x'.repeat(33_000) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'query_too_long' });
  });

  it('refuses a search over 500 characters with 414 and says why', async () => {
    const res = await fetch(`${app.url}/api/knowledge/search?q=${'a'.repeat(501)}`);
    expect(res.status).toBe(414);
    expect(await res.json()).toMatchObject({ error: 'query_too_long' });
  });

  it('limits each address: 429 with Retry-After past the budget, health still answers', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${app.url}/api/knowledge/search?q=sync`);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    // Two requests of the budget went to the refusals above.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await postJson(`${app.url}/api/ask`, '{"q":"sync"}')).status).toBe(429);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe('server timeouts', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({}, { headersTimeoutMs: 500, requestTimeoutMs: 1000, idleTimeoutMs: 1000 });
  });
  afterAll(() => app.close());

  const closedWithin = (send: (s: ReturnType<typeof connect>) => void, ms: number) =>
    new Promise<number>((resolve, reject) => {
      const t0 = Date.now();
      const socket = connect(app.port, '127.0.0.1', () => send(socket));
      socket.on('error', () => undefined);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`still open after ${ms} ms`));
      }, ms);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(Date.now() - t0);
      });
    });

  it('closes a socket whose headers never finish', async () => {
    const took = await closedWithin((s) => {
      s.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const drip = setInterval(() => s.writable && s.write('X-Slow: 1\r\n'), 100);
      s.on('close', () => clearInterval(drip));
    }, 5000);
    expect(took).toBeLessThan(3000);
  });

  it('closes a socket that sends nothing', async () => {
    expect(await closedWithin(() => undefined, 5000)).toBeLessThan(3000);
  });
});

describe('security headers', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({});
  });
  afterAll(() => app.close());

  it.each(['/', '/tab', '/static/knowledge.js', '/static/teams.js'])(
    '%s carries a CSP that only Microsoft 365 hosts may frame, nosniff and a referrer policy',
    async (path) => {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1].split(' ');
      expect(ancestors).toEqual(["'self'", ...TAB_FRAME_ANCESTORS]);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    },
  );

  it('allows the hosts Microsoft documents for tabs', () => {
    for (const host of [
      'https://*.cloud.microsoft',
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
      'https://*.office.com',
      'https://outlook.office.com',
      'https://outlook.office365.com',
    ])
      expect(TAB_FRAME_ANCESTORS).toContain(host);
  });
});
