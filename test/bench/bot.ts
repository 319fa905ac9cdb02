/**
 * `npm run bench` (second part): the bot over HTTP against a bare botbuilder echo bot on the
 * same stack, each in its own process, replies captured by a local fake connector.
 * Targets: ≥ 0.85 of the echo bot's throughput, p99 < 25 ms at concurrency 16, RSS < 150 MB,
 * cold start to ready < 1 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeConnector } from '../support/fake-connector';
import * as A from '../support/activities';

const ROOT = join(__dirname, '..', '..', '..');
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const ROUNDS = 3;
/**
 * The V8 memory flags of `npm start` (package.json), for every bot measured: the same runtime
 * settings on the same stack. They trade some throughput for a smaller heap.
 */
const V8_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8'];

interface Target {
  name: string;
  child: ChildProcess;
  url: string;
  readyMs: number;
}

async function launch(name: string, args: string[], env: Record<string, string>): Promise<Target> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 10 s`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /listening:? (?:playground |knowledge tab )?(http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  child.stdout!.resume();
  return { name, child, url, readyMs: performance.now() - t0 };
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/messages`,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function load(
  url: string,
  bodies: string[],
  concurrency: number,
): Promise<{ rate: number; p50: number; p99: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  let i = 0;
  const end = performance.now() + DURATION_MS;
  const worker = async () => {
    while (performance.now() < end) {
      const body = bodies[i++ % bodies.length];
      const t0 = performance.now();
      const status = await post(url, body);
      times.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return {
    rate: times.length / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    errors,
  };
}

/** The share of answers the bot took from its answer cache, read from its /metrics. */
async function answerCacheHits(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const count = (result: string) =>
    Number(
      new RegExp(`afsbot_answer_cache_total\\{result="${result}"\\} (\\d+)`).exec(text)?.[1] ?? 0,
    );
  const hits = count('hit');
  return hits / Math.max(1, hits + count('miss'));
}

async function main(): Promise<void> {
  // The connector only counts: parsing and keeping every reply would slow this process, which
  // also generates the load, more for the bot with the larger replies.
  const connector = new FakeConnector({ record: false });
  await connector.start();
  const queries: string[] = readFileSync(join(ROOT, 'test', 'eval', 'queries.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { q: string }).q);
  const paste = (
    readFileSync(join(ROOT, 'test', 'fixtures', 'events', 'errors-report.txt'), 'utf8') + '\n'
  )
    .repeat(8)
    .slice(0, 28 * 1024);
  // Mixed workload: every evaluation message (codes, questions, events), one 28 KB paste in 20.
  const texts = queries.flatMap((q, n) => (n % 20 === 19 ? [q, paste] : [q]));
  const bodies = texts.map((t, n) =>
    JSON.stringify(
      (n % 3 === 0 ? A.channel : n % 3 === 1 ? A.groupChat : A.personal)(connector.url, t),
    ),
  );

  const bot = await launch('afsbot', [...V8_FLAGS, 'bin/afsbot.js', 'serve'], {
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'afsbot-bench-')),
  });
  // The same bot with every message worked out again: what a message never seen before costs.
  const uncached = await launch(
    'afsbot, no answer cache',
    [...V8_FLAGS, 'bin/afsbot.js', 'serve'],
    {
      PORT: '0',
      LOG_LEVEL: 'warn',
      ANSWER_CACHE_SIZE: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'afsbot-bench-')),
    },
  );
  const echo = await launch('echo bot', [...V8_FLAGS, join(__dirname, 'echo-server.js')], {});
  const rows: string[][] = [];
  let hitRatio = 0;
  const results: Record<string, Record<number, Awaited<ReturnType<typeof load>>>> = {};
  try {
    for (const target of [echo, bot, uncached]) {
      results[target.name] = {};
      await load(target.url, bodies.slice(0, 50), 4); // warm-up
      // The median of three runs: this 2-core machine's figures vary from run to run.
      for (const c of [1, 16]) {
        const runs = [];
        for (let r = 0; r < ROUNDS; r++) runs.push(await load(target.url, bodies, c));
        runs.sort((a, b) => a.rate - b.rate);
        results[target.name][c] = runs[Math.floor(runs.length / 2)];
      }
      const mem = rssMb(target.child.pid!);
      for (const c of [1, 16]) {
        const r = results[target.name][c];
        rows.push([
          target.name,
          String(c),
          r.rate.toFixed(0),
          r.p50.toFixed(2),
          r.p99.toFixed(2),
          String(r.errors),
          mem.peak.toFixed(0),
          target.readyMs.toFixed(0),
        ]);
      }
    }
    hitRatio = await answerCacheHits(bot.url);
  } finally {
    bot.child.kill('SIGTERM');
    uncached.child.kill('SIGTERM');
    echo.child.kill('SIGTERM');
    await connector.stop();
    agent.destroy();
  }
  console.log(
    `| bot | concurrency | turns/s | p50 ms | p99 ms | errors | peak RSS MB | ready ms |`,
  );
  console.log(`|---|---|---|---|---|---|---|---|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  const ratio = (c: number) => results.afsbot[c].rate / results['echo bot'][c].rate;
  console.log(
    `\nthroughput ratio afsbot/echo: c1 ${ratio(1).toFixed(2)}, c16 ${ratio(16).toFixed(2)} (target ≥ 0.85)`,
  );
  console.log(
    `answer cache: ${(hitRatio * 100).toFixed(1)}% of afsbot's messages answered from it (the workload repeats ${texts.length} messages)`,
  );
  const checks: [string, boolean][] = [
    ['throughput ≥ 0.85 of echo at c16', ratio(16) >= 0.85],
    ['p99 < 25 ms at c16', results.afsbot[16].p99 < 25],
    ['peak RSS < 150 MB', Number(rows.find((r) => r[0] === 'afsbot')![6]) < 150],
    ['ready < 1 s', bot.readyMs < 1000],
    ['no errors', rows.every((r) => r[5] === '0')],
  ];
  for (const [name, ok] of checks) console.log(`${ok ? 'ok    ' : 'MISSED'} ${name}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}

void main();
