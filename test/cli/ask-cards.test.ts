/** `afsbot ask --cards`: the answers layer from the CLI gives the cards the HTTP host gives. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const BIN = join(ROOT, 'bin', 'afsbot.js');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('afsbot ask --cards', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  // A code, a question, a vague question (a chooser), an unknown code and an off-topic text: every
  // verdict, so every card kind is compared.
  it.each([
    '0x80c8305f',
    'how do I see the recall activity on a server',
    'sync error',
    '0x80c8ffff',
    'what is the best pizza in Naples',
  ])('prints the result and the cards /api/ask answers for %s', async (text) => {
    const r = cli(['ask', '--cards', text]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out) as { result: unknown; cards: unknown[] };
    const res = await fetch(`${app.url}/api/ask`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ q: text }),
    });
    expect(res.status).toBe(200);
    const served = (await res.json()) as { result: unknown; cards: unknown[] };
    expect(printed.cards.length).toBeGreaterThan(0);
    expect(printed).toEqual({ result: served.result, cards: served.cards });
  });

  it('refuses --json with --cards', () => {
    const r = cli(['ask', '--json', '--cards', '0x80c8305f']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not both/);
  });
});
