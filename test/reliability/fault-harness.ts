/**
 * What the fault and crash checks share: talking to the bot over HTTP, a TCP gate that can
 * refuse connections, free ports, a child `afsbot serve`, and a seeded PRNG.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import * as A from '../support/activities';
import type { FakeConnector } from '../support/fake-connector';
import { ROOT } from '../helpers';

/** Posts an activity to the bot's endpoint in `conversationId`; resolves with the HTTP status. */
export async function post(
  appUrl: string,
  activity: Record<string, unknown>,
  conversationId: string,
): Promise<number> {
  const conversation = { ...(activity.conversation as object), id: conversationId };
  const res = await fetch(`${appUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...activity, conversation }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Sends `text` from a channel and returns the bot's reply (its text, or that it was a card). */
export async function say(
  appUrl: string,
  connector: FakeConnector,
  conversationId: string,
  text: string,
): Promise<{ status: number; text: string; card: boolean }> {
  const before = connector.sentTo(conversationId).length;
  const status = await post(appUrl, A.channel(connector.url, text), conversationId);
  const replies = connector.sentTo(conversationId).slice(before);
  const last = replies[replies.length - 1] ?? {};
  return {
    status,
    text: typeof last.text === 'string' ? last.text : '',
    card: Array.isArray(last.attachments) && last.attachments.length > 0,
  };
}

/** A reply a person can read: one line, no stack frame, no raw error name. */
export function isClearLine(text: string): boolean {
  return (
    text.length > 20 &&
    text.length < 400 &&
    !text.includes('\n') &&
    !/\bat \S+ \(|\.(ts|js):\d+/.test(text) &&
    !/SqliteError|RestError|TypeError/.test(text)
  );
}

/** A port that was free a moment ago (for servers that must come back on the same one). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A TCP forwarder in front of a local server: closed, its port refuses connections (the API is
 * down); opened again, on the same port, it forwards as before.
 */
export class Gate {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly targetPort: number) {}

  async open(): Promise<void> {
    this.server = createNetServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server = null;
  }
}

/** Polls `check` every 25 ms until it is true or `ms` passed; returns its last value. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  ms: number,
): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A running `node bin/afsbot.js serve` and its URL. */
export interface ServeChild {
  child: ChildProcess;
  url: string;
  exited: Promise<number | string | null>;
  output: () => string;
}

/** Starts the compiled server in its own process (as `uid` when given) and waits for its URL. */
export async function serve(env: Record<string, string>, uid?: number): Promise<ServeChild> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'afsbot.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid !== undefined ? { uid, gid: uid } : {}),
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve did not start in 20 s: ${out}`)),
      20_000,
    );
    const onData = () => {
      const m = /listening: knowledge tab (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${out}`));
    });
  });
  return { child, url, exited, output: () => out };
}

/** Kills a child with SIGKILL and waits for it to be gone. */
export async function kill9(c: { child: ChildProcess; exited: Promise<unknown> }): Promise<void> {
  if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  await c.exited;
}

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
