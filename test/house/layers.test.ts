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
});
