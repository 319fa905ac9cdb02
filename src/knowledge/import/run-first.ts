import { entryCommands } from '../display';
import type { Entry } from '../schema';
import { relateFirst } from './merge';

/** PowerShell's own variables, and `$env:…`: set by the shell, not by an earlier section. */
const AUTOMATIC = new Set(
  '_ true false null psitem args error this input matches host home pwd lastexitcode env'.split(
    ' ',
  ),
);

/** The variables a script sets: `$x =`, `-Variable x`, `-OutVariable x`, `foreach ($x in …)`. */
function assigned(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/\$(\w+)\s*[+-]?=(?!=)/g)) out.add(m[1].toLowerCase());
  for (const m of code.matchAll(/-(?:Out)?Variable\s+(\w+)/gi)) out.add(m[1].toLowerCase());
  for (const m of code.matchAll(/\bforeach\s*\(\s*\$(\w+)/gi)) out.add(m[1].toLowerCase());
  return out;
}

/** What an entry's commands set, and what they use without setting it. */
function variablesOf(e: Entry): { sets: Set<string>; needs: Set<string> } {
  const code = entryCommands(e)
    .map((c) => c.code)
    .join('\n');
  const sets = assigned(code);
  const needs = new Set<string>();
  for (const m of code.matchAll(/\$(\w+)/g)) {
    const v = m[1].toLowerCase();
    if (!sets.has(v) && !AUTOMATIC.has(v)) needs.add(v);
  }
  return { sets, needs };
}

/**
 * Sections of one procedure the articles split ("Verify the storage account exists.", then
 * "Ensure the Azure file share exists.", whose commands use `$storageAccount` and `$cloudEndpoint`
 * from the first): an entry whose commands use variables that only an earlier section of its
 * article sets names that section in `runFirst` (the nearest one that sets any of them), and
 * relates it first, after the deprovision guide of a destructive entry.
 */
export function assignRunFirst(entries: Entry[]): void {
  const vars = new Map(entries.map((e) => [e, variablesOf(e)]));
  for (const e of entries) {
    const { needs } = vars.get(e)!;
    if (needs.size === 0) continue;
    const earlier = entries
      .filter((o) => o.source.file === e.source.file && o.source.line < e.source.line)
      .sort((a, b) => b.source.line - a.source.line);
    const first = earlier.find((o) => [...needs].some((v) => vars.get(o)!.sets.has(v)));
    if (!first) continue;
    e.runFirst = first.id;
    relateFirst(e, first.id);
  }
}
