import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers';

/** Azurite's well-known development account (public, documented, not a secret). */
const ACCOUNT = 'devstoreaccount1';
const KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Where Azurite keeps its data and which port it takes (both optional). */
export interface AzuriteOptions {
  /** Persist to this folder (survives a restart) instead of keeping everything in memory. */
  location?: string;
  /** A fixed port, so a restarted Azurite answers at the same address (0: any free port). */
  port?: number;
}

/** A local Azure Blob service: Azurite from npm, on a free loopback port, in memory by default. */
export class Azurite {
  private child: ChildProcess | null = null;
  connectionString = '';

  constructor(private readonly options: AzuriteOptions = {}) {}

  async start(): Promise<void> {
    const bin = join(ROOT, 'node_modules', '.bin', 'azurite-blob');
    const { location, port: fixed = 0 } = this.options;
    const args = [
      ...(location ? ['--location', location] : ['--inMemoryPersistence']),
      '--blobPort',
      String(fixed),
      '--blobHost',
      '127.0.0.1',
      '--disableTelemetry',
      '--skipApiVersionCheck',
    ];
    this.child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        () => reject(new Error(`Azurite did not start in 20 s: ${out}`)),
        20_000,
      );
      this.child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      this.child!.once('exit', (code) => reject(new Error(`Azurite exited with ${code}: ${out}`)));
    });
    this.child.stdout!.resume();
    this.child.stderr!.resume();
    this.connectionString = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
