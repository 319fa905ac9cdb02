import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the connector. */
export interface Recorded {
  method: string;
  path: string;
  conversationId: string;
  activity: Record<string, unknown>;
  authorization?: string;
}

/**
 * A local stand-in for the Bot Connector service: records every activity the bot sends and
 * answers as the real service does (201 with a resource id).
 */
export class FakeConnector {
  readonly received: Recorded[] = [];
  /** Activities answered when not recording (the benchmark only counts). */
  count = 0;
  private server: Server | null = null;
  private nextId = 1;
  url = '';

  /** `record: false` answers without parsing or keeping anything: for load tests. */
  constructor(private readonly options: { record: boolean } = { record: true }) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Activities sent into a conversation, in order (typing indicators left out unless asked). */
  sentTo(conversationId: string, withTyping = false): Record<string, unknown>[] {
    return this.received
      .filter(
        (r) => r.conversationId === conversationId && (withTyping || r.activity.type !== 'typing'),
      )
      .map((r) => r.activity);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(path);
    // NOTE: restify patches http.ServerResponse in this process; writeHead no longer returns `this`.
    if (!m) {
      res.writeHead(404);
      res.end();
      return;
    }
    this.count++;
    if (!this.options.record) {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(`{"id":"reply-${this.nextId++}"}`);
      return;
    }
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    this.received.push({
      method: req.method ?? '',
      path,
      conversationId: m[1],
      activity: body,
      authorization: req.headers.authorization,
    });
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: `reply-${this.nextId++}` }));
  }
}
