import AdmZip from 'adm-zip';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage } from '../../src/teams-app/build-package';
import { validateManifest } from '../../src/teams-app/validate-manifest';
import { ROOT } from '../helpers';
import { APP_ID, DOMAIN } from './fixtures';
import { readPng } from './png-reader';

const CLI = join(ROOT, 'dist', 'teams-app', 'package-cli.js');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'afsbot-package-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the compiled CLI with only the given variables (plus PATH) in its environment. */
function run(env: Record<string, string>, args: string[] = []) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run package', () => {
  it('writes a zip of exactly manifest.json, color.png and outline.png at its root', () => {
    const out = join(dir, 'app.zip');
    const r = run({ MicrosoftAppId: APP_ID, BOT_DOMAIN: DOMAIN }, ['--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(out);

    const zip = new AdmZip(out);
    const names = zip.getEntries().map((e) => e.entryName);
    expect(names.sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as Record<string, unknown>;
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.validDomains).toEqual([DOMAIN]);

    const color = readPng(zip.readFile('color.png')!);
    const outline = readPng(zip.readFile('outline.png')!);
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    expect([color.colourType, color.bitDepth]).toEqual([6, 8]);
  });

  it('gives the same bytes for the same inputs', () => {
    const a = buildPackage({ appId: APP_ID, domain: DOMAIN }).zip;
    const b = buildPackage({ appId: APP_ID, domain: DOMAIN }).zip;
    expect(a.equals(b)).toBe(true);
    const c = buildPackage({ appId: APP_ID, domain: 'other.example.com' }).zip;
    expect(a.equals(c)).toBe(false);
  });

  it('exits 2 naming MicrosoftAppId when it is missing or not a GUID', () => {
    const envs: Record<string, string>[] = [
      { BOT_DOMAIN: DOMAIN },
      { MicrosoftAppId: 'afsbot', BOT_DOMAIN: DOMAIN },
    ];
    for (const env of envs) {
      const r = run(env, ['--out', join(dir, 'never.zip')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/MicrosoftAppId: .*GUID/);
      expect(r.stderr).not.toMatch(/BOT_DOMAIN:/);
      expect(r.stdout).toBe('');
    }
  });

  it.each([
    ['a scheme', `https://${DOMAIN}`],
    ['a path', `${DOMAIN}/api/messages`],
    ['a port', `${DOMAIN}:443`],
    ['nothing', ''],
  ])('exits 2 naming BOT_DOMAIN when it has %s', (_what, value) => {
    const r = run({ MicrosoftAppId: APP_ID, BOT_DOMAIN: value }, ['--out', join(dir, 'no.zip')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/BOT_DOMAIN: /);
    expect(r.stderr).not.toMatch(/MicrosoftAppId:/);
    expect(() => readFileSync(join(dir, 'no.zip'))).toThrow();
  });

  it('exits 2 on an unknown argument', () => {
    const r = run({ MicrosoftAppId: APP_ID, BOT_DOMAIN: DOMAIN }, ['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown argument "--bogus"/);
  });
});
