import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from '../../src/config';

const ROOT = join(__dirname, '..', '..');
const bicep = readFileSync(join(ROOT, 'deploy', 'azure', 'main.bicep'), 'utf8');
const parameters = JSON.parse(
  readFileSync(join(ROOT, 'deploy', 'azure', 'main.parameters.json'), 'utf8'),
) as { parameters: Record<string, unknown> };
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** Settings the platform needs beyond the bot's own config. */
const PLATFORM_SETTINGS = ['AZURE_CLIENT_ID', 'SCM_DO_BUILD_DURING_DEPLOYMENT'];

/** `param <name> <type> [= default]`, with the decorators written just above it. */
function params(): { name: string; secure: boolean; hasDefault: boolean }[] {
  const out: { name: string; secure: boolean; hasDefault: boolean }[] = [];
  const lines = bicep.split('\n');
  lines.forEach((line, i) => {
    const m = /^param (\w+) \w+( =)?/.exec(line);
    if (!m) return;
    let secure = false;
    for (let j = i - 1; j >= 0 && lines[j].startsWith('@'); j--)
      if (lines[j].startsWith('@secure()')) secure = true;
    out.push({ name: m[1], secure, hasDefault: !!m[2] });
  });
  return out;
}

describe('the Azure deployment (deploy/azure)', () => {
  it('sets every variable the config reads as an app setting, and nothing unexplained', () => {
    const settings = [...bicep.matchAll(/\{ name: '([^']+)', value: /g)].map((m) => m[1]);
    expect(new Set(settings).size).toBe(settings.length);
    expect([...settings].sort()).toEqual([...CONFIG_VARIABLES, ...PLATFORM_SETTINGS].sort());
  });

  it('keeps state in Azure Blob storage and checks health at /healthz over HTTPS only', () => {
    expect(bicep).toContain("{ name: 'STORAGE', value: 'azure-blob' }");
    expect(bicep).toMatch(/healthCheckPath: '\/healthz'/);
    expect(bicep).toMatch(/httpsOnly: true/);
    expect(bicep).toMatch(/linuxFxVersion: 'NODE\|20-lts'/);
    expect(bicep).toMatch(/allowBlobPublicAccess: false/);
    expect(bicep).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(bicep).toMatch(
      /endpoint: 'https:\/\/\$\{web\.properties\.defaultHostName\}\/api\/messages'/,
    );
  });

  it('gives no secret a default value, and the parameters file names only declared parameters', () => {
    const declared = params();
    const secrets = declared.filter((p) => p.secure);
    expect(secrets.map((p) => p.name).sort()).toEqual(
      ['alertWebhookSecret', 'healthApiToken', 'metricsToken', 'microsoftAppPassword'].sort(),
    );
    for (const s of secrets) expect(s.hasDefault).toBe(false);
    const names = new Set(declared.map((p) => p.name));
    for (const p of Object.keys(parameters.parameters)) expect(names).toContain(p);
    for (const s of secrets) expect(Object.keys(parameters.parameters)).not.toContain(s.name);
  });
});

describe('the container image (Dockerfile)', () => {
  it('builds in one stage and runs as a non-root user in a slim one', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS runtime$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/node_modules/);
  });

  it('checks /healthz and starts the bot with its memory flags', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(dockerfile).toContain(
      'CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=8", "bin/afsbot.js", "serve"]',
    );
  });

  it('ships what the server reads at run time and bakes in no secret', () => {
    for (const dir of ['knowledge', 'cards', 'src/web', 'bin'])
      expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
    expect(dockerfile).not.toMatch(
      /MicrosoftAppPassword|ALERT_WEBHOOK_SECRET|HEALTH_API_TOKEN|AccountKey/,
    );
  });
});
