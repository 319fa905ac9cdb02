/**
 * `afsbot serve` with the embedded defaults (SQLite, no health API, no Azure settings) loads only
 * what it runs: not the Azure Storage or Storage Sync SDKs, nor the card templating engine, which
 * cost start-up time and memory.
 * NOTE: `@azure/identity` is not checked: botframework-connector itself requires it, so the bare
 * echo bot loads it too.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeConnector } from '../support/fake-connector';
import * as A from '../support/activities';
import { ROOT } from '../helpers';

/**
 * Runs `bin/afsbot.js serve` as the CLI does, with a hook that writes the npm packages the
 * process had loaded to LOADED_PACKAGES_FILE when it exits.
 */
const SERVE_AND_LIST = `
process.on('exit', () => {
  const packages = new Set();
  for (const path of Object.keys(require.cache)) {
    const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(path);
    if (m) packages.add(m[1]);
  }
  require('node:fs').writeFileSync(process.env.LOADED_PACKAGES_FILE, [...packages].join('\\n'));
});
process.argv = [process.argv[0], 'bin/afsbot.js', 'serve'];
require('./bin/afsbot.js');
`;

/** Starts the CLI, answers one message through the connector, stops it; the packages it loaded. */
async function packagesOfOneTurn(connector: FakeConnector): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'afsbot-loads-'));
  const file = join(dir, 'packages.txt');
  const child = spawn(process.execPath, ['-e', SERVE_AND_LIST], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
      LOADED_PACKAGES_FILE: file,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`afsbot serve exited with ${code}`)));
  });
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(A.personal(connector.url, 'sync fails with 0x80c8305f')),
  });
  expect(res.status).toBe(200);
  child.kill('SIGTERM');
  await exited;
  return readFileSync(file, 'utf8').split('\n');
}

describe('afsbot serve with the embedded defaults', () => {
  const connector = new FakeConnector();
  let packages: string[];

  beforeAll(async () => {
    await connector.start();
    packages = await packagesOfOneTurn(connector);
  });
  afterAll(() => connector.stop());

  it('answers a message with a card', () => {
    const cards = connector.sentTo('a:personal-1').flatMap((a) => a.attachments as unknown[]);
    expect(cards).toHaveLength(1);
  });

  it('does not load the Azure Storage Blob SDK', () => {
    expect(packages).toContain('botbuilder');
    expect(packages).not.toContain('@azure/storage-blob');
    expect(packages).not.toContain('@azure/core-lro');
  });

  it('builds its cards without the Adaptive Cards templating engine or the card SDK', () => {
    expect(packages).not.toContain('adaptivecards-templating');
    expect(packages).not.toContain('adaptive-expressions');
    expect(packages).not.toContain('adaptivecards');
  });

  it('does not load the Storage Sync management SDK', () => {
    expect(packages).not.toContain('@azure/arm-storagesync');
  });
});
