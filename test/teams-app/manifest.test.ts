import type { MessagingExtensionQuery } from 'botbuilder';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { commands } from '../../src/bot/commands';
import { searchExtension } from '../../src/bot/message-extension';
import { Answers } from '../../src/answers';
import { loadIndex } from '../../src/knowledge/load';
import { Matcher } from '../../src/matching/ask';
import { Metrics } from '../../src/metrics';
import { SqliteBotStore } from '../../src/storage/bot-store';
import { openSqlite } from '../../src/storage/sqlite';
import { buildPackage, TEMPLATE_DIR } from '../../src/teams-app/build-package';
import { ACCENT } from '../../src/teams-app/draw-icons';
import { fillTemplate } from '../../src/teams-app/fill-template';
import { AppError } from '../../src/errors';
import { readPackageEnv } from '../../src/teams-app/package-env';
import { MANIFEST_SCHEMA_VERSION, validateManifest } from '../../src/teams-app/validate-manifest';
import { search } from '../support/activities';
import { APP_ID, DOMAIN } from './fixtures';

interface Manifest {
  manifestVersion: string;
  $schema: string;
  id: string;
  accentColor: string;
  validDomains: string[];
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  composeExtensions: {
    botId: string;
    commands: { id: string; type: string; parameters: { name: string }[] }[];
  }[];
  staticTabs: { entityId: string; name?: string; contentUrl?: string; websiteUrl?: string }[];
  configurableTabs: { configurationUrl: string; scopes: string[] }[];
}

const manifest = buildPackage({ appId: APP_ID, domain: DOMAIN }).manifest as unknown as Manifest;

/** Every string in a JSON value, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}/${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}/${k}`));
  return [];
}

describe('the Teams manifest', () => {
  it('is on the newest schema the package ships and valid against it', () => {
    expect(manifest.manifestVersion).toBe(MANIFEST_SCHEMA_VERSION);
    const shipped = readdirSync(
      join(dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams'),
    )
      .map((d) => /^v(\d+)\.(\d+)$/.exec(d))
      .filter((m) => m !== null)
      .map((m) => [Number(m[1]), Number(m[2])])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(shipped.at(-1)?.join('.')).toBe(MANIFEST_SCHEMA_VERSION);
    expect(manifest.$schema).toContain(`/v${MANIFEST_SCHEMA_VERSION}/MicrosoftTeams.schema.json`);
    expect(validateManifest(manifest)).toEqual([]);
    expect(strings(manifest).filter(([, v]) => v.includes('{{'))).toEqual([]);
  });

  it('fails validation with errors that say where and what', () => {
    const broken = JSON.parse(JSON.stringify(manifest)) as Record<string, unknown> & Manifest;
    broken.bots[0].botId = 'not-a-guid';
    broken.accentColor = 'blue';
    delete (broken as Partial<Manifest>).manifestVersion;
    broken.colour = '#fff';
    broken.configurableTabs[0].scopes = ['personal'];
    const problems = validateManifest(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/bots\/0\/botId: must match pattern/),
        expect.stringMatching(/^\/accentColor: must match pattern/),
        "/: must have required property 'manifestVersion'",
        '/: must NOT have additional properties (colour)',
        expect.stringMatching(/^\/configurableTabs\/0\/scopes\/0: must be equal to one of/),
      ]),
    );
    expect(validateManifest({ ...manifest, manifestVersion: '1.29' })).toEqual([
      '/manifestVersion: must be equal to constant',
    ]);
  });

  it('is refused by the package step when the template is broken', () => {
    expect(() => fillTemplate({ name: '{{NOPE}}' }, { BOT_DOMAIN: DOMAIN })).toThrow(
      /\/name uses \{\{NOPE\}\}/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'afsbot-template-'));
    const template = JSON.parse(readFileSync(join(TEMPLATE_DIR, 'manifest.json'), 'utf8'));
    delete template.developer;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(template));
    let error: unknown;
    try {
      buildPackage({ appId: APP_ID, domain: DOMAIN }, dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'manifest_invalid' });
    expect((error as Error).message).toMatch(/must have required property 'developer'/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the bot in every place that needs its id', () => {
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots.map((b) => b.botId)).toEqual([APP_ID]);
    expect(manifest.composeExtensions.map((c) => c.botId)).toEqual([APP_ID]);
    expect(manifest.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.accentColor).toBe(ACCENT);
  });

  it('lists exactly the commands of the bot, with their descriptions, in every bot scope', () => {
    const lists = manifest.bots[0].commandLists;
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists)
      expect(list.commands).toEqual(
        commands.map((c) => ({ title: c.name, description: c.description })),
      );
    // Each listed title is a command the bot runs, not a question for the matcher.
    for (const { title } of lists[0].commands)
      expect(commands.some((c) => c.match(title))).toBe(true);
  });

  it('sends Teams the search command the bot answers', () => {
    const [command] = manifest.composeExtensions[0].commands;
    expect(command.type).toBe('query');
    expect(command.parameters.map((p) => p.name)).toEqual(['query']);
    // The bot tests post the same command id.
    expect((search('https://example.test', 'x').value as MessagingExtensionQuery).commandId).toBe(
      command.id,
    );
    const answers = new Answers({
      matcher: new Matcher(loadIndex()),
      store: new SqliteBotStore(openSqlite(mkdtempSync(join(tmpdir(), 'afsbot-manifest-')))),
      metrics: new Metrics(),
      cacheSize: 0,
      now: () => new Date(),
    });
    const query: MessagingExtensionQuery = {
      commandId: command.id,
      parameters: [{ name: command.parameters[0].name, value: '0x80c8305f' }],
    };
    const found = searchExtension(query, { answers }).composeExtension?.attachments ?? [];
    expect(found.length).toBeGreaterThan(0);
    expect(JSON.stringify(found[0].content)).toMatch(/0x80c8305f/i);
  });

  it('serves every URL from BOT_DOMAIN over https, and allows only that domain', () => {
    expect(manifest.validDomains).toEqual([DOMAIN]);
    const urls = strings(manifest).filter(([path, v]) => path !== '/$schema' && /:\/\//.test(v));
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const [path, url] of urls) {
      expect([path, new URL(url).protocol]).toEqual([path, 'https:']);
      expect([path, new URL(url).host]).toEqual([path, DOMAIN]);
    }
    const knowledge = manifest.staticTabs.find((t) => t.name === 'Knowledge');
    expect(knowledge).toMatchObject({
      contentUrl: `https://${DOMAIN}/tab`,
      websiteUrl: `https://${DOMAIN}/`,
    });
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: `https://${DOMAIN}/tab?config=1`,
        scopes: ['team', 'groupChat'],
      }),
    ]);
  });
});

describe('privacy and terms pages', () => {
  it('are parameters of the manifest (PRIVACY_URL, TERMS_URL), https only', () => {
    const env = readPackageEnv({
      MicrosoftAppId: APP_ID,
      BOT_DOMAIN: DOMAIN,
      PRIVACY_URL: 'https://contoso.example/privacy',
      TERMS_URL: 'https://contoso.example/terms',
    });
    const m = buildPackage(env).manifest as { developer: Record<string, string> };
    expect(m.developer.privacyUrl).toBe('https://contoso.example/privacy');
    expect(m.developer.termsOfUseUrl).toBe('https://contoso.example/terms');
    expect(() =>
      readPackageEnv({
        MicrosoftAppId: APP_ID,
        BOT_DOMAIN: DOMAIN,
        TERMS_URL: 'http://x.example/t',
      }),
    ).toThrow(/TERMS_URL: must be the https URL of your terms of use/);
  });
});
