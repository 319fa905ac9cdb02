/**
 * `npm run bench` (hostile part): the worst a message can cost. Every kind of hostile text
 * (test/bench/hostile-corpus.ts) at 1 KB, 28 KB and 1 MB, first through the matcher in this
 * process, then over HTTP to a served bot (answer cache off, rate limit off) on each public
 * endpoint, while /healthz is probed every 25 ms.
 * Targets: every message up to 28 KB answered within 50 ms at p99 whatever it holds; realistic
 * text p99 < 2 ms in the matcher; /healthz never waits more than 100 ms.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadIndex } from '../../src/knowledge/load';
import { Matcher } from '../../src/matching/ask';
import { cardForAnswer } from '../../src/cards';
import { FakeConnector } from '../support/fake-connector';
import * as A from '../support/activities';
import { HOSTILE_KINDS, HOSTILE_SIZES } from './hostile-corpus';

const ROOT = join(__dirname, '..', '..', '..');
const TEAMS_SIZE = 28 * 1024;
const kb = (n: number) => (n >= 1024 * 1024 ? `${n / 1024 / 1024} MB` : `${n / 1024} KB`);
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(0.99 * (xs.length - 1))];
const max = (xs: number[]) => Math.max(...xs);
const rounds = (size: number) => (size > TEAMS_SIZE ? 3 : 30);

function inProcess(): boolean {
  const matcher = new Matcher(loadIndex());
  const lookup = (id: string) => matcher.entry(id);
  // The lazily built parts (typo index, templating) are built before anything is timed.
  cardForAnswer(matcher.ask('how do I monitor sync health on a server endpont'), lookup);
  console.log('\n| matcher: kind | size | ask p99 ms | ask + card p99 ms | worst ms | target | |');
  console.log('|---|---|---|---|---|---|---|');
  let ok = true;
  for (const kind of HOSTILE_KINDS)
    for (const size of HOSTILE_SIZES) {
      const q = kind.make(size);
      const ask: number[] = [];
      const full: number[] = [];
      for (let r = 0; r < rounds(size) + 1; r++) {
        let t0 = performance.now();
        let answer;
        try {
          answer = matcher.ask(q);
        } catch {
          answer = null; // refused: over 1 MB
        }
        const t1 = performance.now();
        if (answer) cardForAnswer(answer, lookup);
        const t2 = performance.now();
        if (r === 0) continue; // one unrecorded round: a warm process, as a server runs
        ask.push(t1 - t0);
        full.push(t2 - t0);
        t0 = 0;
      }
      const target =
        size > TEAMS_SIZE ? 'reported' : kind.realistic ? 'ask p99 < 2 ms' : 'p99 < 50 ms';
      const met = size > TEAMS_SIZE || ((kind.realistic ? p99(ask) < 2 : true) && p99(full) < 50);
      ok &&= met;
      console.log(
        `| ${kind.name} | ${kb(size)} | ${p99(ask).toFixed(2)} | ${p99(full).toFixed(2)} | ${max(full).toFixed(1)} | ${target} | ${met ? 'ok' : 'MISSED'} |`,
      );
    }
  return ok;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

function send(url: string, method: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: body
          ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }
          : {},
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function serve(connectorUrl: string): Promise<boolean> {
  const child = spawn(process.execPath, ['bin/afsbot.js', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      ANSWER_CACHE_SIZE: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'afsbot-hostile-')),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('the bot did not start in 10 s')), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /listening:? (?:playground |knowledge tab )?(http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  child.stdout!.resume();
  // Warm-up: the server builds its typo index and card templates just after it listens; the
  // corpus measures a warm process, as a running bot is.
  for (let i = 0; i < 20; i++) {
    await send(`${url}/api/ask`, 'POST', JSON.stringify({ q: 'sync fails with 0x80c8305f' }));
    await send(`${url}/api/messages`, 'POST', JSON.stringify(A.personal(connectorUrl, 'tiering')));
  }
  await new Promise((r) => setTimeout(r, 1000));
  // /healthz is probed on its own socket every 25 ms for as long as the corpus runs.
  const probes: number[] = [];
  let probing = true;
  const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const prober = (async () => {
    while (probing) {
      const t0 = performance.now();
      await new Promise<void>((resolve) =>
        request(`${url}/healthz`, { agent: probeAgent }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        })
          .on('error', () => resolve())
          .end(),
      );
      probes.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();

  const endpoints: [string, (q: string) => Promise<number>][] = [
    [
      'POST /api/messages',
      (q) => send(`${url}/api/messages`, 'POST', JSON.stringify(A.personal(connectorUrl, q))),
    ],
    ['POST /api/ask', (q) => send(`${url}/api/ask`, 'POST', JSON.stringify({ q }))],
    [
      'GET /api/knowledge/search',
      (q) => send(`${url}/api/knowledge/search?q=${encodeURIComponent(q.slice(0, 600))}`, 'GET'),
    ],
  ];
  let ok = true;
  console.log(
    '\n| endpoint | p99 ms, ≤ 28 KB | worst ms, ≤ 28 KB (kind) | worst ms, 1 MB (kind) | statuses | |',
  );
  console.log('|---|---|---|---|---|---|');
  try {
    for (const [name, call] of endpoints) {
      const small: number[] = [];
      let worstSmall = { ms: 0, kind: '' };
      let worstBig = { ms: 0, kind: '' };
      const statuses = new Map<number, number>();
      for (const kind of HOSTILE_KINDS)
        for (const size of HOSTILE_SIZES) {
          const q = kind.make(size);
          for (let r = 0; r < rounds(size); r++) {
            const t0 = performance.now();
            const status = await call(q);
            const ms = performance.now() - t0;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (size <= TEAMS_SIZE) {
              small.push(ms);
              if (ms > worstSmall.ms) worstSmall = { ms, kind: `${kind.name}, ${kb(size)}` };
            } else if (ms > worstBig.ms) worstBig = { ms, kind: kind.name };
          }
        }
      const met = p99(small) < 50 && ![...statuses.keys()].some((s) => s >= 500);
      ok &&= met;
      console.log(
        `| ${name} | ${p99(small).toFixed(1)} | ${worstSmall.ms.toFixed(1)} (${worstSmall.kind}) | ${worstBig.ms.toFixed(1)} (${worstBig.kind}) | ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')} | ${met ? 'ok' : 'MISSED'} |`,
      );
    }
  } finally {
    probing = false;
    await prober;
    probeAgent.destroy();
    agent.destroy();
    child.kill('SIGTERM');
  }
  const healthOk = max(probes) < 100;
  console.log(
    `\n/healthz while the corpus ran: ${probes.length} probes, p99 ${p99(probes).toFixed(1)} ms, worst ${max(probes).toFixed(1)} ms (target < 100 ms) ${healthOk ? 'ok' : 'MISSED'}`,
  );
  return ok && healthOk;
}

async function main(): Promise<void> {
  // Absolute times on a shared machine drift with its load: say what it was.
  console.log(
    `load average at start: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (${cpus().length} cores)`,
  );
  const matcherOk = inProcess();
  const connector = new FakeConnector({ record: false });
  await connector.start();
  let httpOk = false;
  try {
    httpOk = await serve(connector.url);
  } finally {
    await connector.stop();
  }
  console.log(`\nhostile corpus: ${matcherOk && httpOk ? 'all targets met' : 'targets MISSED'}`);
  process.exitCode = matcherOk && httpOk ? 0 : 1;
}

void main();
