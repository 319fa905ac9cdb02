import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const BIN = join(ROOT, 'bin', 'afsbot.js');
const run = (args: string[], input?: string, cwd = ROOT) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    timeout: 20000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tmp = mkdtempSync(join(tmpdir(), 'afsbot-cli-'));

describe('afsbot CLI (compiled, as npx runs it)', () => {
  it('prints a readable answer', () => {
    const r = run(['ask', 'sync fails with 0x80c8305f']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "Sync can't access the Azure file share specified in the cloud endpoint.",
    );
    expect(r.out).toContain('remediation required: Yes (stated in the article)');
    expect(r.out).toMatch(/Source: https:\/\/learn\.microsoft\.com\/\S+#-2134364065/);
  });

  it('prints one AskResult as JSON', () => {
    const r = run(['ask', '--json', 'ECS_E_SYNC_FILE_IN_USE']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(Object.keys(result)).toEqual(['query', 'confident', 'verdict', 'codes', 'matches']);
    expect(result.verdict).toBe('answer');
    expect(result.codes[0]).toEqual({
      hresult: '0x80c80018',
      decimal: -2134376424,
      name: 'ECS_E_SYNC_FILE_IN_USE',
      known: true,
    });
  });

  it('answers a batch, one line per query in order, ids copied and newlines kept', () => {
    const file = join(tmp, 'batch.jsonl');
    writeFileSync(
      file,
      [
        '{"id":"a","q":"0x800704c7"}',
        '',
        '{"id":"b","q":"Replica Sync session completed.\\nHResult: -2134364065"}',
        '{"id":"c","q":"banana"}',
      ].join('\n'),
    );
    const r = run(['ask', '--json', '--batch', file]);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(lines[1].query).toContain('\n');
    expect(lines[1].codes[0].hresult).toBe('0x80c8305f');
    expect(lines[2].confident).toBe(false);
  });

  it('refuses a batch with a broken line: exit 2 and the line named, nothing printed', () => {
    const file = join(tmp, 'broken.jsonl');
    writeFileSync(file, '{"id":"a","q":"0x800704c7"}\n{"id":"b","q":\n{"id":"c"}\n');
    const r = run(['ask', '--json', '--batch', file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${file}:2: not JSON`);
    expect(r.err).toContain(`${file}:3: q:`);
  });

  it('explains bad usage with exit 2', () => {
    expect(run(['ask']).code).toBe(2);
    expect(run(['frobnicate']).err).toMatch(/unknown command frobnicate/);
    expect(run(['ask', '--batch']).err).toMatch(/--batch needs a value/);
  });

  it('answers questions line by line in interactive mode', () => {
    const r = run(['chat'], '0x80c8004c\n\nhow do I monitor recall activity\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('The user request was throttled by the service.');
    expect(r.out).toContain('How to monitor recall activity on a server');
  });

  it('says where commands work when one is typed into afsbot chat', () => {
    const r = run(['chat'], 'help\nsubscribe rg/sss/sg\n');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /"help" is a command of the bot\. Commands work in a Teams chat or channel/,
    );
    expect(r.out).toMatch(/"subscribe" is a command of the bot/);
    expect(r.out).toContain('npm run playground');
    expect(r.out).not.toMatch(/does not look like an Azure File Sync question/);
  });

  describe('serve', () => {
    /** A port something already listens on, for as long as the test holds it. */
    async function busyPort(): Promise<{ port: number; close: () => Promise<void> }> {
      const server = createServer();
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return {
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((r) => server.close(() => r())),
      };
    }
    const serveAsync = (args: string[], cwd = ROOT) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'serve', ...args], {
          cwd,
          env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'afsbot-serve-')) },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        const timer = setTimeout(() => child.kill(), 15_000);
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, out, err });
        });
      });

    it('refuses unknown flags and stray words as ask does', () => {
      const r = run(['serve', '--prot', '41005']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/unknown option --prot/);
      expect(run(['serve', 'now']).err).toMatch(/takes no arguments/);
      expect(run(['serve', '--port', 'http']).err).toMatch(/--port is a port number/);
    });

    it('takes --port, and says in one line when that port is busy and how to pick another', async () => {
      const busy = await busyPort();
      try {
        const r = await serveAsync(['--port', String(busy.port), '--host', '127.0.0.1']);
        expect(r.code).toBe(2);
        expect(r.err.trim().split('\n')).toEqual([
          `afsbot: port ${busy.port} is already in use (127.0.0.1:${busy.port}): choose another with --port <port> or PORT=<port> (0 picks a free one)`,
        ]);
        expect(r.err).not.toMatch(/DEP0111|EADDRINUSE|\n\s+at /);
      } finally {
        await busy.close();
      }
    });

    it('reads .env from the working directory, the environment winning', async () => {
      const busy = await busyPort();
      const dir = mkdtempSync(join(tmpdir(), 'afsbot-env-'));
      writeFileSync(join(dir, '.env'), `# local settings\nPORT=${busy.port}\nHOST=127.0.0.1\n`);
      try {
        const r = await serveAsync([], dir);
        expect(r.err).toContain(`port ${busy.port} is already in use`);
      } finally {
        await busy.close();
      }
    });

    it('starts without deprecation warnings', async () => {
      const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'afsbot-serve-')) },
      });
      let out = '';
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not listening: ${err}`)), 15_000);
        child.stdout.on('data', (d) => {
          out += d;
          if (/afsbot is listening/.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      expect(err).not.toMatch(/DeprecationWarning|DEP0111/);
    });
  });

  it('builds an index from fixtures, refuses to write one from bad input', () => {
    const out = join(tmp, 'index.json');
    const ok = run(['knowledge', 'build', join(ROOT, 'test/fixtures/articles/good'), '--out', out]);
    expect(ok.code).toBe(0);
    expect(ok.err).toMatch(/entries: \d+/);
    const bad = run([
      'knowledge',
      'build',
      join(ROOT, 'test/fixtures/articles/bad-hex'),
      '--out',
      join(tmp, 'bad.json'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad-hex\.md:9: error:/);
    expect(bad.err).toMatch(/left unchanged/);
    const check = run(['ask', '--json', '--index', out, '0x80c8306c']);
    expect(JSON.parse(check.out).codes[0].known).toBe(false);
  });
});
