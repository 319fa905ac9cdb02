import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config';

const ROOT = join(__dirname, '..', '..');
const bicep = readFileSync(join(ROOT, 'deploy', 'azure', 'main.bicep'), 'utf8');
const parameters = JSON.parse(
  readFileSync(join(ROOT, 'deploy', 'azure', 'main.parameters.json'), 'utf8'),
) as { parameters: Record<string, unknown> };
const identityParameters = JSON.parse(
  readFileSync(join(ROOT, 'deploy', 'azure', 'main.identity.parameters.json'), 'utf8'),
) as { parameters: Record<string, unknown> };
const deployMd = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');
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

  it('gives no secret a value (unused ones default to empty), and the parameters files name only declared parameters', () => {
    const declared = params();
    const secrets = declared.filter((p) => p.secure);
    expect(secrets.map((p) => p.name).sort()).toEqual(
      ['alertWebhookSecret', 'healthApiToken', 'metricsToken', 'microsoftAppPassword'].sort(),
    );
    // Unused secrets are optional: an empty default, never a value.
    for (const s of secrets)
      expect(bicep).toMatch(new RegExp(`^param ${s.name} string( = '')?$`, 'm'));
    const names = new Set(declared.map((p) => p.name));
    for (const file of [parameters, identityParameters]) {
      for (const p of Object.keys(file.parameters)) expect(names).toContain(p);
      for (const s of secrets) expect(Object.keys(file.parameters)).not.toContain(s.name);
    }
  });

  it('deploys the user-assigned identity route in one deployment: the identity is the app id', () => {
    expect(identityParameters.parameters.microsoftAppType).toEqual({ value: 'UserAssignedMSI' });
    expect(Object.keys(identityParameters.parameters)).not.toContain('microsoftAppId');
    expect(bicep).toMatch(/^param microsoftAppId string = ''$/m);
    expect(bicep).toMatch(
      /^var appId = microsoftAppType == 'UserAssignedMSI' \? identity\.properties\.clientId : microsoftAppId$/m,
    );
    expect(bicep).toContain("{ name: 'MicrosoftAppId', value: appId }");
    expect(bicep).toMatch(/msaAppId: appId\n/);
    expect(bicep).toMatch(
      /msaAppMSIResourceId: microsoftAppType == 'UserAssignedMSI' \? identity\.id/,
    );
    expect(deployMd).toContain('deploy/azure/main.identity.parameters.json');
  });
});

describe('settings in agreement: config, Bicep, .env.example, README, deploy.md', () => {
  const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const exampleNames = [...envExample.matchAll(/^([A-Za-z_]+)=/gm)].map((m) => m[1]);

  it('.env.example sets every variable the config reads, once, and nothing else', () => {
    expect([...exampleNames].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('the README names every variable the config reads', () => {
    const missing = CONFIG_VARIABLES.filter((v) => !readme.includes(`\`${v}\``));
    expect(missing).toEqual([]);
  });

  it('one tenant default everywhere: the code, .env.example, Bicep and deploy.md', () => {
    const code = loadConfig({}).appType;
    expect(code).toBe('SingleTenant');
    expect(envExample).toMatch(new RegExp(`^MicrosoftAppType=${code}$`, 'm'));
    expect(bicep).toMatch(new RegExp(`^param microsoftAppType string = '${code}'$`, 'm'));
    expect(parameters.parameters.microsoftAppType).toEqual({ value: code });
    expect(deployMd).toMatch(new RegExp(`${code} is the default`));
    expect(readme).not.toMatch(/MultiTenant is the default|defaults? to multi-tenant/i);
  });

  it('the Bicep app settings use the names .env.example documents', () => {
    const settings = [...bicep.matchAll(/\{ name: '([^']+)', value: /g)].map((m) => m[1]);
    for (const name of exampleNames) expect(settings).toContain(name);
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
