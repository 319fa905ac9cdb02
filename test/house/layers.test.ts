/** The layers of docs/architecture.md, as the lint rules hold them: what may import what. */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { ROOT } from '../helpers';

// The config is passed in rather than found: ESLint loads a config file by dynamic import,
// which jest's CommonJS runtime does not offer.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the project's own config, CommonJS
const config = require(join(ROOT, 'eslint.config.js')) as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });

async function refusals(file: string, from: string): Promise<string[]> {
  const code = `import type { X } from '${from}';\nexport type Y = X;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** The refusals of a lazy load, `import()` or `require()`, which no-restricted-imports does not see. */
async function lazyRefusals(file: string, load: string): Promise<string[]> {
  const [result] = await eslint.lintText(`export const load = () => ${load};\n`, {
    filePath: join(ROOT, file),
  });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('the layer rules', () => {
  it.each([
    ['src/knowledge/x.ts', '../matching/ask'],
    ['src/matching/x.ts', '../cards/answer-card'],
    ['src/health/x.ts', '../notify/outbox'],
    ['src/storage/x.ts', '../health/types'],
    ['src/cards/x.ts', '../notify/outbox'],
    ['src/notify/x.ts', '../bot/services'],
    ['src/cli/x.ts', '../http/server'],
    ['src/knowledge/import/x.ts', '../../matching/ask'],
    ['src/health/x.ts', 'restify'],
    ['src/notify/x.ts', 'botbuilder'],
    ['src/app.ts', 'botbuilder'],
    ['src/answers/x.ts', 'botbuilder'],
    ['src/answers/x.ts', 'restify'],
    ['src/answers/x.ts', '../bot/reply'],
    ['src/answers/x.ts', '../http/server'],
    ['src/answers/x.ts', '../notify/outbox'],
    ['src/cards/x.ts', '../answers/answers'],
  ])('refuses %s importing %s', async (file, from) => {
    expect(await refusals(file, from)).toHaveLength(1);
  });

  it.each([
    ['src/matching/x.ts', '../knowledge/schema'],
    ['src/notify/x.ts', '../health/sync-group-target'],
    ['src/cards/x.ts', '../health/types'],
    ['src/bot/x.ts', '../notify/outbox'],
    ['src/bot/x.ts', 'botbuilder'],
    ['src/http/x.ts', 'restify'],
    ['src/http/x.ts', '../bot/services'],
    ['src/app.ts', './http/server'],
    ['src/answers/x.ts', '../cards'],
    ['src/answers/x.ts', '../gaps/gaps'],
    ['src/bot/x.ts', '../answers'],
    ['src/http/x.ts', '../answers/answers'],
  ])('lets %s import %s', async (file, from) => {
    expect(await refusals(file, from)).toEqual([]);
  });

  it.each([
    ['src/cli/x.ts', "import('../bot/routes')"],
    ['src/cli/x.ts', "import('../http/server')"],
    ['src/matching/x.ts', "import('../cards')"],
    ['src/matching/x.ts', "require('../notify/outbox')"],
    ['src/knowledge/import/x.ts', "import('../../matching/ask')"],
  ])('refuses %s loading %s lazily', async (file, load) => {
    expect(await lazyRefusals(file, load)).toHaveLength(1);
  });

  it.each([
    ['src/cli/x.ts', "import('../app')"],
    ['src/cli/x.ts', "import('../storage/open-store')"],
    ['src/storage/x.ts', "import('@azure/storage-blob')"],
    ['src/matching/x.ts', "import('../knowledge/load')"],
  ])('lets %s load %s lazily', async (file, load) => {
    expect(await lazyRefusals(file, load)).toEqual([]);
  });

  // The CLI's one module from a folder it does not depend on: the command names, which load no
  // Bot Framework; the rest of src/bot stays out of reach.
  it('lets the CLI name the commands and nothing else of the bot', async () => {
    expect(await refusals('src/cli/x.ts', '../bot/commands/where')).toEqual([]);
    expect(await lazyRefusals('src/cli/x.ts', "import('../bot/commands/where')")).toEqual([]);
    expect(await refusals('src/cli/x.ts', '../bot/commands/index')).toHaveLength(1);
    expect(await lazyRefusals('src/cli/x.ts', "import('../bot/commands')")).toHaveLength(1);
  });
});
