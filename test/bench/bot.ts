/**
 * `npm run bench` (second part): afsbot over HTTP against a bare botbuilder echo bot on the same
 * stack (`echo-server.ts`), with the V8 flags of `npm start`, each bot in its own process and the
 * load from a third (`load-generator.ts`, which also hosts the fake connector the replies go to);
 * this process only starts them, reads /proc and prints. Every target is a ratio to the echo bot
 * measured in the same run, alternating the two: cold starts one after the other (which goes
 * first changes every round), loads in short slices taken in turn while both run. Each figure
 * is the median over BENCH_ROUNDS rounds (3). Messages are unique (`unique-messages.ts`) and the
 * answer cache is off, so the figures are those of messages never seen before; one row repeats
 * 200 messages over and over with the cache on, to show what it buys. A third bot, the card echo
 * bot (`echo-server.ts` with ECHO_CARDS=1), takes the same loads in the same alternation: it
 * replies with afsbot's answer cards and does nothing else, so its rows are the floor that card
 * replies alone set on this stack, whatever matching and card building cost.
 *
 * Per round and bot: START_SAMPLES cold starts (spawn to the first answered message) and the RSS
 * then (their median), a warm-up of 300 ms, concurrency 1 and 16 for BENCH_SECONDS each (5 by
 * default, in SLICES slices), and the peak RSS of the process (VmHWM) after them.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LoadRequest, LoadResult } from './load-generator';
import { memoryOf } from './proc-memory';

const ROOT = join(__dirname, '..', '..', '..');
const LOAD_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Cold starts of each bot per round (the median counts), taken in turn. */
const START_SAMPLES = 3;
/** Slices per load and bot: each bot gets LOAD_MS in all, in slices taken in turn with the other. */
const SLICES = 6;
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
  return { child, url, startMs, readyRss: memoryOf(child.pid!).rss };
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
  c1: Load;
  c16: Load;
  repeated?: Load;
}

/** Loads of one bot, pooled over its slices. */
interface Load {
  rate: number;
  p50: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function pooled(slices: LoadResult[]): Load {
  const all = slices.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const ms = slices.reduce((n, s) => n + s.elapsedMs, 0);
  return {
    rate: all.length / (ms / 1000),
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    errors: slices.reduce((n, s) => n + s.errors, 0),
  };
}

/**
 * The same load on several bots, in SLICES short slices taken in turn (a, b, a, b … with the
 * first bot changing every slice pair), so that whatever else the machine does falls on both
 * alike; each bot's figures pool its slices.
 */
async function alternate(
  gen: LoadGenerator,
  urls: string[],
  concurrency: number,
  workload: 'unique' | 'repeated',
): Promise<Load[]> {
  const slices: LoadResult[][] = urls.map(() => []);
  const ms = LOAD_MS / SLICES;
  for (let s = 0; s < SLICES; s++) {
    const order = s % 2 === 0 ? urls.map((_, i) => i) : urls.map((_, i) => i).reverse();
    for (const i of order)
      slices[i].push(
        await gen.ask<LoadResult>({ op: 'load', url: urls[i], concurrency, ms, workload }),
      );
  }
  return slices.map(pooled);
}

const ECHO: [string[], Record<string, string>] = [[join(__dirname, 'echo-server.js')], {}];
/** The echo bot replying with afsbot's answer cards, doing no work for them (`echo-server.ts`). */
const CARD_ECHO: [string[], Record<string, string>] = [
  [join(__dirname, 'echo-server.js')],
  { ECHO_CARDS: '1' },
];
const botArgs = (cacheSize: number): [string[], Record<string, string>] => [
  ['bin/afsbot.js', 'serve'],
  {
    PORT: '0',
    LOG_LEVEL: 'warn',
    ANSWER_CACHE_SIZE: String(cacheSize),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'afsbot-bench-')),
  },
];

/**
 * One round: cold starts one after the other (which bot first alternates by round), then the
 * loads in alternating slices while both run, then each process's peak RSS.
 */
async function round(
  gen: LoadGenerator,
  echoFirst: boolean,
): Promise<{ bot: Figures; echo: Figures; cached: Load; cards: { c1: Load; c16: Load } }> {
  const started: Started[] = [];
  // Extra cold starts before the ones that take the load: a start is one sample, and slow.
  const starts = { echo: [] as Started[], bot: [] as Started[] };
  try {
    const launchEcho = () => launch(gen, 'echo bot', ...ECHO);
    const launchBot = () => launch(gen, 'afsbot', ...botArgs(0));
    const pair = async (): Promise<[Started, Started]> => {
      const [echo, bot] = echoFirst
        ? [await launchEcho(), await launchBot()]
        : (([b, e]) => [e, b])([await launchBot(), await launchEcho()]);
      starts.echo.push(echo);
      starts.bot.push(bot);
      return [echo, bot];
    };
    for (let k = 1; k < START_SAMPLES; k++) for (const t of await pair()) await stop(t.child);
    const [echo, bot] = await pair();
    started.push(echo, bot);
    const cached = await launch(gen, 'afsbot, answer cache on', ...botArgs(256));
    started.push(cached);
    const cardEcho = await launch(gen, 'card echo bot', ...CARD_ECHO);
    started.push(cardEcho);
    for (const t of started) {
      const workload = t === cached ? 'repeated' : 'unique';
      await gen.ask<LoadResult>({ op: 'load', url: t.url, concurrency: 4, ms: 300, workload });
    }
    const loaded = [bot.url, echo.url, cardEcho.url];
    const [botC1, echoC1, cardsC1] = await alternate(gen, loaded, 1, 'unique');
    const [botC16, echoC16, cardsC16] = await alternate(gen, loaded, 16, 'unique');
    const figures = (t: Started, c1: Load, c16: Load): Figures => ({
      startMs: median((t === bot ? starts.bot : starts.echo).map((x) => x.startMs)),
      readyRss: median((t === bot ? starts.bot : starts.echo).map((x) => x.readyRss)),
      peakRss: memoryOf(t.child.pid!).peak,
      c1,
      c16,
    });
    const result = { bot: figures(bot, botC1, botC16), echo: figures(echo, echoC1, echoC16) };
    // The echo bot has no cache: its row of repeating texts is the same work as unique ones.
    const [cachedC16, echoRepeated] = await alternate(gen, [cached.url, echo.url], 16, 'repeated');
    result.echo.repeated = echoRepeated;
    return { ...result, cached: cachedC16, cards: { c1: cardsC1, c16: cardsC16 } };
  } finally {
    for (const t of started) await stop(t.child);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const gen = new LoadGenerator();
  await gen.ready;
  const bot: Figures[] = [];
  const echo: Figures[] = [];
  const cached: Load[] = [];
  const cards: { c1: Load; c16: Load }[] = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which starts first, so neither always meets the machine fresher.
      const figures = await round(gen, r % 2 === 0);
      bot.push(figures.bot);
      echo.push(figures.echo);
      cached.push(figures.cached);
      cards.push(figures.cards);
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
  // The floor: the echo bot sending the same kind of answer cards and doing nothing else.
  const floor = (pick: (c: { c1: Load; c16: Load }) => number) => median(cards.map(pick));
  const echoOf = (pick: (f: Figures) => number) => m(echo, pick);
  for (const [name, c, e] of [
    ['turns/s at c16', floor((c) => c.c16.rate), echoOf((f) => f.c16.rate)],
    ['p99 at c16, ms', floor((c) => c.c16.p99), echoOf((f) => f.c16.p99)],
    ['p50 at c1, ms', floor((c) => c.c1.p50), echoOf((f) => f.c1.p50)],
  ] as const)
    lines.push(
      `| card echo bot (answer cards, no work): ${name} | ${c < 10 ? c.toFixed(2) : c.toFixed(0)} | ${e < 10 ? e.toFixed(2) : e.toFixed(0)} | ${(c / e).toFixed(2)}× | (the floor of any bot sending these cards) | — |`,
    );
  const loads: Load[] = [
    ...[...bot, ...echo].flatMap((f) => [f.c1, f.c16, ...(f.repeated ? [f.repeated] : [])]),
    ...cards.flatMap((c) => [c.c1, c.c16]),
    ...cached,
  ];
  const errors = loads.reduce((n, l) => n + l.errors, 0);
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
