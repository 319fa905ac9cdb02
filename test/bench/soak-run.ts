/**
 * A soak: the bot in its own process, as `npm start` runs it, fed a steady mixed load (codes,
 * questions, event pastes, commands, card buttons) at a fixed rate, its memory sampled as it
 * goes. What it should show: no errors, and memory that levels off (an RSS slope near zero).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../../src/project-root';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { record } from '../reliability/record';
import { memoryOf } from './proc-memory';

// The package folder, from the TypeScript source (jest) and from the compiled bench alike.
const ROOT = projectRoot(__dirname);

export interface SoakResult {
  seconds: number;
  turns: number;
  rate: number;
  errors: number;
  p50: number;
  p99: number;
  rssStartMb: number;
  rssEndMb: number;
  rssPeakMb: number;
  /** Least-squares slope of RSS after the warm-up (or over the second half without one), MB/min. */
  slopeMbPerMin: number;
}

function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

/** The mixed workload: every evaluation message, event pastes, commands and invokes. */
function workload(serviceUrl: string): string[] {
  const queries: string[] = readFileSync(join(ROOT, 'test', 'eval', 'queries.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { q: string }).q);
  const paste = readFileSync(join(ROOT, 'test', 'fixtures', 'events', 'errors-report.txt'), 'utf8');
  const texts = [...queries, paste, 'help', 'subscriptions', 'status rg-files/sss-prod/sg-finance'];
  const bodies: string[] = [];
  texts.forEach((t, n) => {
    // Distinct conversations: references, welcome state and answers all see many chats.
    const make = n % 3 === 0 ? A.channel : n % 3 === 1 ? A.groupChat : A.personal;
    const activity = make(serviceUrl, t);
    const conversation = { ...(activity.conversation as object), id: `soak-${n % 50}` };
    bodies.push(JSON.stringify({ ...activity, conversation }));
  });
  return bodies;
}

/** Runs the bot for `seconds` at `rate` turns a second and reports what it saw. */
/**
 * Runs the bot at `rate` turns/s for `warmup` seconds (caches and the heap fill up; not sampled),
 * then for `seconds` more, sampling RSS each second.
 */
export async function runSoak(seconds: number, rate = 100, warmup = 0): Promise<SoakResult> {
  const connector = new FakeConnector({ record: false });
  await connector.start();
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=128', '--max-semi-space-size=8', 'bin/afsbot.js', 'serve'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        LOG_LEVEL: 'warn',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'afsbot-soak-')),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('the bot did not start in 15 s')), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the bot exited with ${code}`)));
  });
  child.stdout!.resume();
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const bodies = workload(connector.url);
  const times: number[] = [];
  let errors = 0;
  let inFlight = 0;
  const post = (body: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      inFlight++;
      const req = request(
        `${url}/api/messages`,
        { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => {
            inFlight--;
            times.push(performance.now() - t0);
            if (res.statusCode !== 200) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        inFlight--;
        errors++;
        resolve();
      });
      req.end(body);
    });

  const samples: [number, number][] = [];
  let start = memoryOf(child.pid!);
  const t0 = performance.now();
  let sent = 0;
  const pending: Promise<void>[] = [];
  // Open loop: messages leave on schedule whatever the answers do (bounded in flight).
  while (performance.now() - t0 < (warmup + seconds) * 1000) {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate);
    while (sent < due && inFlight < 256) pending.push(post(bodies[sent++ % bodies.length]));
    const elapsed = (performance.now() - t0) / 1000 - warmup;
    if (elapsed >= 0 && (samples.length === 0 || elapsed - samples[samples.length - 1][0] >= 1)) {
      if (samples.length === 0) start = memoryOf(child.pid!);
      samples.push([elapsed, memoryOf(child.pid!).rss]);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(pending);
  const end = memoryOf(child.pid!);
  const alive = child.exitCode === null;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  agent.destroy();
  await connector.stop();
  times.sort((a, b) => a - b);
  // After a warm-up the whole measured window is fitted; without one, its second half.
  const half = warmup > 0 ? samples : samples.filter(([t]) => t >= seconds / 2);
  return {
    seconds,
    turns: times.length,
    rate: times.length / (warmup + seconds),
    errors: errors + (alive ? 0 : 1),
    p50: times[Math.floor(times.length * 0.5)] ?? 0,
    p99: times[Math.floor(times.length * 0.99)] ?? 0,
    rssStartMb: start.rss,
    rssEndMb: end.rss,
    rssPeakMb: end.peak,
    slopeMbPerMin: slope(half) * 60,
  };
}

/** Keeps a soak's figures for docs/reliability.md. */
export function recordSoak(r: SoakResult, label: string, suite?: string): void {
  record({
    area: 'soak',
    ...(suite ? { suite } : {}),
    check: `mixed load at ${Math.round(r.rate)} turns/s for ${r.seconds} s${label}`,
    tried: r.turns,
    held: r.turns - r.errors,
    expectation: '0 errors; RSS slope near zero after the warm-up (or over the second half)',
    figures: {
      'p50 ms': r.p50.toFixed(1),
      'p99 ms': r.p99.toFixed(1),
      'RSS start/end/peak MB': `${r.rssStartMb.toFixed(0)} / ${r.rssEndMb.toFixed(0)} / ${r.rssPeakMb.toFixed(0)}`,
      'RSS slope MB/min': r.slopeMbPerMin.toFixed(2),
    },
  });
}
