/**
 * The `language` values Teams' CodeBlock accepts (as in microsoft/teams.ts `CodeLanguage`).
 * Anything else falls back to plain text rather than risk a rejected card.
 */
export const CODE_BLOCK_LANGUAGES = [
  'Bash',
  'C',
  'Cpp',
  'CSharp',
  'Css',
  'Dos',
  'Go',
  'Graphql',
  'Html',
  'Java',
  'JavaScript',
  'Json',
  'ObjectiveC',
  'Perl',
  'Php',
  'PlainText',
  'PowerShell',
  'Python',
  'Sql',
  'TypeScript',
  'VbNet',
  'Verilog',
  'Vhdl',
  'Xml',
] as const;
export type CodeBlockLanguage = (typeof CODE_BLOCK_LANGUAGES)[number];

/** Fence names the importer keeps that are not Teams names. */
const ALIASES: Record<string, CodeBlockLanguage> = {
  cmd: 'Dos',
  bat: 'Dos',
  batch: 'Dos',
  ps: 'PowerShell',
  ps1: 'PowerShell',
  pwsh: 'PowerShell',
  sh: 'Bash',
  shell: 'Bash',
  console: 'PlainText',
  output: 'PlainText',
  text: 'PlainText',
  txt: 'PlainText',
  'c#': 'CSharp',
  cs: 'CSharp',
  'c++': 'Cpp',
  js: 'JavaScript',
  ts: 'TypeScript',
  kusto: 'PlainText',
};

const BY_LOWER = new Map<string, CodeBlockLanguage>(
  CODE_BLOCK_LANGUAGES.map((l) => [l.toLowerCase(), l]),
);

/** The CodeBlock language for an entry's fence name (`powershell`, `cmd`, `output` …). */
export function codeBlockLanguage(fence: string): CodeBlockLanguage {
  const key = fence.trim().toLowerCase();
  return ALIASES[key] ?? BY_LOWER.get(key) ?? 'PlainText';
}
