/**
 * The load generator of the bot bench, a child process of `bot.ts` (forked, with IPC): it hosts
 * the fake Bot Connector the bots reply to and sends the Teams activities, so neither the bots
 * nor the process that orchestrates and prints share a CPU queue with the load.
 *
 * Requests (IPC): `{ op: 'first', url }` sends one message and answers when its reply came back;
 * `{ op: 'load', url, concurrency, ms, workload }` keeps `concurrency` requests in flight for `ms`
 * and answers with every latency, the time taken and the errors. A message counts as answered when
 * `/api/messages` answers 200, which the bot does after the connector accepted its reply.
 */
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeConnector } from '../support/fake-connector';
import * as A from '../support/activities';
import { BenchMessages } from './unique-messages';

/** What the orchestrator asks for. */
export type LoadRequest =
  | { op: 'first'; url: string }
  | {
      op: 'load';
      url: string;
      concurrency: number;
      ms: number;
      workload: 'unique' | 'repeated';
    };

/** One measured load: each answered message's latency (ms), in the order they ended. */
export interface LoadResult {
  latencies: number[];
  /** From the first request sent to the last answer, ms. */
  elapsedMs: number;
  errors: number;
}

const ROOT = join(__dirname, '..', '..', '..');
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const messages = new BenchMessages(ROOT);
const connector = new FakeConnector({ record: false });
/** Counters over the whole run: no unique text is sent twice, to any bot. */
let nextUnique = 0;
let nextRepeated = 0;

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

/** The activity for message n: personal chats, group chats and channels in turn. */
function body(text: string, n: number): string {
  const make = n % 3 === 0 ? A.channel : n % 3 === 1 ? A.groupChat : A.personal;
  return JSON.stringify(make(connector.url, text));
}

function nextBody(workload: 'unique' | 'repeated'): string {
  if (workload === 'unique') {
    const n = nextUnique++;
    return body(messages.unique(n), n);
  }
  const n = nextRepeated++;
  return body(messages.repeated(n), n);
}

async function load(
  url: string,
  concurrency: number,
  ms: number,
  workload: 'unique' | 'repeated',
): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < end) {
      const b = nextBody(workload);
      const t0 = performance.now();
      const status = await post(url, b);
      times.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies: times, elapsedMs: performance.now() - t0, errors };
}

async function handle(m: LoadRequest): Promise<unknown> {
  if (m.op === 'first') return { status: await post(m.url, nextBody('unique')) };
  return load(m.url, m.concurrency, m.ms, m.workload);
}

async function main(): Promise<void> {
  await connector.start();
  process.on('message', (m: LoadRequest & { seq: number }) => {
    handle(m).then(
      (result) => process.send!({ seq: m.seq, result }),
      (err: unknown) => process.send!({ seq: m.seq, error: String(err) }),
    );
  });
  process.on('disconnect', () => {
    agent.destroy();
    void connector.stop().then(() => process.exit(0));
  });
  process.send!({ ready: true });
}

void main();
