/**
 * What loads without the Bot Framework or restify, followed through every import that is not
 * `import type` (those are erased): the answers layer, and the command table `afsbot chat` and
 * /api/ask read to say where commands work (loading botbuilder cost `chat` about 300 ms).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from '../helpers';

const TRANSPORT = /^(botbuilder|botframework-|restify)/;
/** `import … from 'x'`, `export … from 'x'`, `import 'x'` and `import('x')`, but not `import type`. */
const RUNTIME_IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveTs(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const file of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(file)) return file;
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** The packages a source file loads at run time, through its own files, transitively. */
function packagesLoadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [join(ROOT, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(RUNTIME_IMPORT)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) queue.push(resolveTs(file, spec));
      else packages.add(spec);
    }
  }
  return packages;
}

describe('modules that load without the transport', () => {
  it.each(['src/bot/commands/where.ts', 'src/answers/index.ts'])('%s', (entry) => {
    const packages = [...packagesLoadedBy(entry)];
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((p) => TRANSPORT.test(p))).toEqual([]);
  });

  it('sees a runtime import of botbuilder where there is one', () => {
    expect([...packagesLoadedBy('src/bot/conversation-ref.ts')]).toContain('botbuilder');
  });
});
