/**
 * `npm run bench` (second part): afsbot over HTTP against a bare botbuilder echo bot on the same
 * stack (`echo-server.ts`), with the V8 flags of `npm start`, each bot in its own process and the
 * load from a third (`load-generator.ts`, which also hosts the fake connector the replies go to);
 * this process only starts them, reads /proc and prints. Every target is a ratio to the echo bot
 * measured in the same run: rounds alternate which bot goes first, and each figure is the median
 * over the rounds. Messages are unique (`unique-messages.ts`) and the answer cache is off, so the
 * figures are those of messages never seen before; one row repeats the old workload (a text
 * again every 325 messages) with the cache on, to show what it buys.
 *
 * Per round and bot: a cold start (spawn to the first answered message), RSS then, a warm-up of
 * 50 messages, concurrency 1 and 16 for BENCH_SECONDS each (5 by default), and the peak RSS of
 * the process (VmHWM) after them. BENCH_ROUNDS (3) rounds.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LoadRequest, LoadResult } from './load-generator';

const ROOT = join(__dirname, '..', '..', '..');
const LOAD_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/**
 * The V8 flags of `npm start` (package.json `start`), read from there so the bench runs what
 * production runs, for every bot measured.
 */
const V8_FLAGS = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((w) => w.startsWith('--'));

/** The load generator, driven over IPC. */
class LoadGenerator {
  private readonly child: ChildProcess;
  private seq = 0;
  private readonly waiting = new Map<number, (m: { result?: unknown; error?: string }) => void>();
  readonly ready: Promise<void>;

  constructor() {
    this.child = fork(join(__dirname, 'load-generator.js'), [], { cwd: ROOT });
    this.ready = new Promise((resolve) => {
      this.child.on(
        'message',
        (m: { ready?: boolean; seq?: number; result?: unknown; error?: string }) => {
          if (m.ready) resolve();
          else this.waiting.get(m.seq!)?.(m);
        },
      );
    });
  }

  ask<T>(request: LoadRequest): Promise<T> {
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, (m) => {
        this.waiting.delete(seq);
        if (m.error) reject(new Error(m.error));
        else resolve(m.result as T);
      });
      this.child.send({ ...request, seq });
    });
  }

  stop(): void {
    this.child.disconnect();
  }
}

interface Started {
  child: ChildProcess;
  url: string;
  /** Spawn to the first message answered, ms. */
  startMs: number;
  /** RSS right after that first answer, MB. */
  readyRss: number;
}

function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function launch(
  gen: LoadGenerator,
  name: string,
  args: string[],
  env: Record<string, string>,
): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...V8_FLAGS, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 10 s`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /listening:? (?:knowledge tab )?(http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  child.stdout!.resume();
  const { status } = await gen.ask<{ status: number }>({ op: 'first', url });
  if (status !== 200) throw new Error(`${name} answered its first message ${status}`);
  const startMs = performance.now() - t0;
  return { child, url, startMs, readyRss: memory(child.pid!).rss };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** One bot's figures in one round. */
interface Figures {
  startMs: number;
  readyRss: number;
  peakRss: number;
  c1: LoadResult;
  c16: LoadResult;
  repeated?: LoadResult;
}

const ECHO: [string[], Record<string, string>] = [[join(__dirname, 'echo-server.js')], {}];
const botArgs = (cacheSize: number): [string[], Record<string, string>] => [
  ['bin/afsbot.js', 'serve'],
  {
    PORT: '0',
    LOG_LEVEL: 'warn',
    ANSWER_CACHE_SIZE: String(cacheSize),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'afsbot-bench-')),
  },
];

async function measure(gen: LoadGenerator, name: string, isEcho: boolean): Promise<Figures> {
  const [args, env] = isEcho ? ECHO : botArgs(0);
  const t = await launch(gen, name, args, env);
  try {
    const run = (concurrency: number, workload: 'unique' | 'repeated', ms = LOAD_MS) =>
      gen.ask<LoadResult>({ op: 'load', url: t.url, concurrency, ms, workload });
    await run(4, 'unique', 300); // warm-up
    const c1 = await run(1, 'unique');
    const c16 = await run(16, 'unique');
    const peakRss = memory(t.child.pid!).peak;
    // The echo bot has no cache: its repeated row is measured in the same process.
    const repeated = isEcho ? await run(16, 'repeated') : undefined;
    return { startMs: t.startMs, readyRss: t.readyRss, peakRss, c1, c16, repeated };
  } finally {
    await stop(t.child);
  }
}

/** The bot with its answer cache on (the default size), under the repeating workload. */
async function measureCached(gen: LoadGenerator): Promise<LoadResult> {
  const [args, env] = botArgs(256);
  const t = await launch(gen, 'afsbot, answer cache on', args, env);
  try {
    await gen.ask<LoadResult>({
      op: 'load',
      url: t.url,
      concurrency: 4,
      ms: 300,
      workload: 'repeated',
    });
    return await gen.ask<LoadResult>({
      op: 'load',
      url: t.url,
      concurrency: 16,
      ms: LOAD_MS,
      workload: 'repeated',
    });
  } finally {
    await stop(t.child);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const gen = new LoadGenerator();
  await gen.ready;
  const bot: Figures[] = [];
  const echo: Figures[] = [];
  const cached: LoadResult[] = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first, so neither always meets the machine fresher.
      if (r % 2 === 0) {
        echo.push(await measure(gen, 'echo bot', true));
        bot.push(await measure(gen, 'afsbot', false));
      } else {
        bot.push(await measure(gen, 'afsbot', false));
        echo.push(await measure(gen, 'echo bot', true));
      }
      cached.push(await measureCached(gen));
    }
  } finally {
    gen.stop();
  }

  const m = (fs: Figures[], pick: (f: Figures) => number) => median(fs.map(pick));
  type Row = [string, number, number, 'ratio' | 'plus', number, string];
  const rows: Row[] = [
    [
      'cold start to first answer, ms',
      m(bot, (f) => f.startMs),
      m(echo, (f) => f.startMs),
      'ratio',
      1.2,
      '≤ 1.2×',
    ],
    [
      'RSS at ready, MB',
      m(bot, (f) => f.readyRss),
      m(echo, (f) => f.readyRss),
      'plus',
      25,
      '≤ echo + 25 MB',
    ],
    [
      'peak RSS under load, MB',
      m(bot, (f) => f.peakRss),
      m(echo, (f) => f.peakRss),
      'plus',
      25,
      '≤ echo + 25 MB',
    ],
    [
      'turns/s at c16, unique, cache off',
      m(bot, (f) => f.c16.rate),
      m(echo, (f) => f.c16.rate),
      'ratio',
      0.9,
      '≥ 0.9×',
    ],
    ['p99 at c16, ms', m(bot, (f) => f.c16.p99), m(echo, (f) => f.c16.p99), 'ratio', 1.3, '≤ 1.3×'],
    [
      'p50 at c1, ms',
      m(bot, (f) => f.c1.p50),
      m(echo, (f) => f.c1.p50),
      'plus',
      1,
      '≤ echo + 1 ms',
    ],
  ];
  const lines: string[] = [
    '| measure | afsbot | echo bot | ratio | target | verdict |',
    '|---|---|---|---|---|---|',
  ];
  let allMet = true;
  for (const [name, b, e, kind, limit, target] of rows) {
    const ratio = b / e;
    const higherIsBetter = name.startsWith('turns/s');
    const met =
      kind === 'ratio' ? (higherIsBetter ? ratio >= limit : ratio <= limit) : b <= e + limit;
    allMet &&= met;
    const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
    lines.push(
      `| ${name} | ${fmt(b)} | ${fmt(e)} | ${ratio.toFixed(2)}× | ${target} | ${met ? 'met' : 'MISSED'} |`,
    );
  }
  const cachedRate = median(cached.map((c) => c.rate));
  const echoRepeated = median(echo.map((f) => f.repeated!.rate));
  lines.push(
    `| turns/s at c16, repeating texts, cache on | ${cachedRate.toFixed(0)} | ${echoRepeated.toFixed(0)} | ${(cachedRate / echoRepeated).toFixed(2)}× | (what the cache buys) | — |`,
  );
  const errors = [...bot, ...echo].reduce(
    (n, f) => n + f.c1.errors + f.c16.errors + (f.repeated?.errors ?? 0),
    cached.reduce((n, c) => n + c.errors, 0),
  );
  console.log(lines.join('\n'));
  console.log(
    `\n${ROUNDS} rounds of ${LOAD_MS / 1000} s per load, medians; V8 flags ${V8_FLAGS.join(' ')}; ` +
      `afsbot c1 ${m(bot, (f) => f.c1.rate).toFixed(0)} turns/s, echo c1 ${m(echo, (f) => f.c1.rate).toFixed(0)}; ` +
      `per-round c16 ratios ${bot.map((b, i) => (b.c16.rate / echo[i].c16.rate).toFixed(2)).join(', ')}; ` +
      `${errors} errors`,
  );
  process.exitCode = allMet && errors === 0 ? 0 : 1;
}

void main();
