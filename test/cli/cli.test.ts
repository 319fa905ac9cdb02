import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const BIN = join(ROOT, 'bin', 'afsbot.js');
const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
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
