/**
 * A TCP proxy in front of a local storage service (Azurite) that a test can make misbehave the
 * way networks do: `hang` holds every byte in both directions (requests neither fail nor
 * finish), `drop` cuts every connection and refuses new ones at once, `restore` forwards again
 * (held bytes flow on, as when a stalled connection heals).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

/** What the proxy does with traffic. */
export type ProxyMode = 'forward' | 'hang' | 'drop';

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Bytes held while hanging, per direction, in arrival order. */
  held: { to: Socket; data: Buffer }[];
}

/** One proxy: its own port, one target port on 127.0.0.1. */
export class StorageProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<Pair>();
  private mode: ProxyMode = 'forward';
  port = 0;
  /** Connections opened through the proxy (refused ones included): a retry storm shows here. */
  connections = 0;

  constructor(private targetPort: number) {}

  async start(): Promise<void> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** The connection string of `connectionString`'s account, through this proxy. */
  through(connectionString: string): string {
    return connectionString.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${this.port}`);
  }

  /** Points the proxy at another port (storage restarted elsewhere); open connections are cut. */
  retarget(port: number): void {
    this.targetPort = port;
    this.cutAll();
  }

  /** Holds all traffic, on open connections and new ones, until `restore`. */
  hang(): void {
    this.mode = 'hang';
  }

  /** Cuts every open connection and refuses new ones until `restore`. */
  drop(): void {
    this.mode = 'drop';
    this.cutAll();
  }

  /** Forwards again; what was held while hanging goes on its way. */
  restore(): void {
    this.mode = 'forward';
    for (const pair of this.pairs) {
      if (pair.client.destroyed || pair.upstream.destroyed) {
        // One side gave up while held (a client deadline): the other goes too.
        pair.client.destroy();
        pair.upstream.destroy();
        this.pairs.delete(pair);
        continue;
      }
      for (const { to, data } of pair.held.splice(0)) to.write(data);
    }
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server = null;
  }

  private cutAll(): void {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
  }

  private accept(client: Socket): void {
    this.connections++;
    if (this.mode === 'drop') {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    const pair: Pair = { client, upstream, held: [] };
    this.pairs.add(pair);
    const relay = (from: Socket, to: Socket) => {
      from.on('data', (data: Buffer) => {
        if (this.mode === 'hang') pair.held.push({ to, data });
        else if (!to.destroyed) to.write(data);
      });
      from.on('close', () => {
        // A hung connection stays open on the other side, as a stalled network path does.
        if (this.mode === 'hang') return;
        to.destroy();
        this.pairs.delete(pair);
      });
      from.on('error', () => from.destroy());
    };
    relay(client, upstream);
    relay(upstream, client);
  }
}
