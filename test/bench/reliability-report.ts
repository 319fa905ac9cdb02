/**
 * `npm run reliability:report`: writes docs/reliability.md from the results the reliability
 * suites recorded (test-artifacts/reliability/results.jsonl), the latest run of each check, and
 * lists every reliability suite present, with or without recorded figures.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root';
import { RESULTS_FILE, type ReliabilityResult } from '../reliability/record';

const ROOT = projectRoot(__dirname);
const OUT = join(ROOT, 'docs', 'reliability.md');

type Row = ReliabilityResult & { at: string };

const AREAS: [string, string][] = [
  ['fuzz', 'Hostile and random input'],
  ['hostile', 'The hostile-input corpus'],
  ['auth', 'Authentication (token validation)'],
  ['faults', 'Faults in what the bot depends on'],
  ['crash', 'Crash safety (SIGKILL)'],
  ['scale-out', 'Three instances under storage faults'],
  ['notify', 'Notifications under throttling and server errors'],
  ['soak', 'Soak'],
];

/** The notification gaps closed, each with the test that failed before its fix. */
const FIXES: [string, string, string][] = [
  [
    'Re-subscribing after a 403 drop never delivered',
    'the memory of saved references lives in `ConversationRefs` and its removals clear it; `subscribe` always saves the reference',
    '`test/notify/notify-gaps-e2e.test.ts`, `test/storage/conversation-refs.test.ts`',
  ],
  [
    'A crash between the outbox’s two writes could lose a notification',
    'the queue entry is written first; a reader that finds an entry without its idempotency record completes the claim, at any timing (before: lost for good when the restart came within 30 s of the crash)',
    '`test/notify/outbox-contract.ts` (SQLite and Azure Blob)',
  ],
  [
    'Channel threads split subscriptions',
    'references and subscriptions belong to the channel id (`;messageid=…` removed); a notification starts a new post in the channel',
    '`test/notify/notify-gaps-e2e.test.ts`, `test/storage/conversation-refs.test.ts`',
  ],
  [
    'Out-of-order alerts stuck',
    'the latest condition per alert id is kept by the alert’s own timestamps; a Fired older than its Resolved queues nothing',
    '`test/notify/alert-notifier.test.ts`, `test/notify/notify-gaps-e2e.test.ts`',
  ],
  [
    'One 500 from the connector lost the notification',
    'every 5xx, 408, 412 and 429 is retried with backoff (8 attempts); then it is parked as failed, logged, counted in `afsbot_notifications_parked` and listed by `afsbot outbox list`. Measured before the fix: 18 of 1,000 cards lost with 2% random 500s (seed 20261203); since: none (above)',
    '`test/notify/sender.test.ts`, `test/reliability/notify-flaky.test.ts`, `test/cli/outbox-command.test.ts`',
  ],
  [
    'The notification card showed only the hex code, a double full stop, a dangling “following steps:” and markdown escapes',
    'the error name beside the code, title and cause joined once, the lead-in replaced by a pointer to the answer’s steps, fact values escaped only where they would format',
    '`test/notify/poller.test.ts`, `test/cards/escape.test.ts`',
  ],
];

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** One check across runs: the same words, whatever seed a run drew. */
const checkKey = (r: Row) =>
  [r.area, r.suite ?? '', r.check.replace(/,?\s*seed \d+/g, '')].join('\u0000');

/** Every reliability suite in the repository: the jest suites and the long soak. */
export function reliabilitySuites(root = ROOT): string[] {
  const dir = join(root, 'test', 'reliability');
  const suites = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => `test/reliability/${f}`);
  return [...suites, 'test/bench/soak.ts'];
}

function readResults(): Row[] {
  const latest = new Map<string, Row>();
  for (const line of readFileSync(RESULTS_FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Row;
    latest.set(checkKey(r), r);
  }
  return [...latest.values()];
}

function section(title: string, rows: Row[]): string[] {
  const lines = [
    `## ${title}`,
    '',
    '| check | suite | tried | held | expected of each | figures | run |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const figures = Object.entries(r.figures ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    const held = `${r.held}${r.held === r.tried ? '' : ` (**${r.tried - r.held} did not**)`}`;
    lines.push(
      `| ${cell(r.check)} | ${r.suite ? `\`${r.suite}\`` : '—'} | ${r.tried} | ${held} | ${cell(r.expectation)} | ${cell(figures)} | ${r.at.slice(0, 16).replace('T', ' ')} |`,
    );
  }
  return [...lines, ''];
}

async function main(): Promise<void> {
  if (!existsSync(RESULTS_FILE)) {
    console.error(
      `no results at ${RESULTS_FILE}: run the reliability suites (npx jest test/reliability) and npm run soak first`,
    );
    process.exitCode = 2;
    return;
  }
  const rows = readResults();
  const lines = [
    '# Reliability: what was tried and what held',
    '',
    'Generated by `npm run reliability:report` from the results the reliability suites record',
    '(`test-artifacts/reliability/results.jsonl`): the latest run of each check. Do not edit it by hand;',
    '`test/reliability/reliability-doc.test.ts` fails when a suite is missing from it.',
    '',
    `Runs made on a machine with ${cpus().length} cores and ${Math.round(totalmem() / 2 ** 30)} GB of memory, shared with other work:`,
    'times drift by a third between runs, so read them as orders of magnitude and ratios.',
    '',
    'The long versions: `FUZZ_MESSAGES=10000 FUZZ_ALERTS=2000 CRASH_RUNS=20 NOTIFY_CONVERSATIONS=1000`',
    '`npx jest test/reliability`, then `npm run soak` (ten minutes at about 100 turns/s), then this command.',
    'CI runs the same suites with their defaults on every change.',
    '',
  ];
  for (const [area, title] of AREAS) {
    const inArea = rows.filter((r) => r.area === area);
    if (inArea.length) lines.push(...section(title, inArea));
  }
  const known = new Set(AREAS.map(([a]) => a));
  for (const area of [...new Set(rows.map((r) => r.area))].filter((a) => !known.has(a)))
    lines.push(
      ...section(
        area,
        rows.filter((r) => r.area === area),
      ),
    );

  lines.push(
    '## Every reliability suite',
    '',
    '| suite | checks with figures | latest run |',
    '|---|---|---|',
  );
  for (const suite of reliabilitySuites()) {
    const mine = rows.filter((r) => r.suite === suite);
    const latest = mine
      .map((r) => r.at)
      .sort()
      .at(-1);
    lines.push(
      `| \`${suite}\` | ${mine.length || 'none recorded: its assertions are the record (pass or fail)'} | ${latest ? latest.slice(0, 16).replace('T', ' ') : '—'} |`,
    );
  }
  lines.push(
    '',
    '## Notification gaps closed',
    '',
    'Each fix came with a test that failed before it and passes since.',
    '',
    '| gap | fix | test |',
    '|---|---|---|',
    ...FIXES.map(([gap, fix, test]) => `| ${gap} | ${fix} | ${test} |`),
    '',
  );
  // Formatted as the repository's `prettier --check` expects it.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(OUT)) ?? {};
  writeFileSync(OUT, await prettier.format(lines.join('\n'), { ...options, filepath: OUT }));
  console.log(`wrote ${OUT}: ${rows.length} checks, ${reliabilitySuites().length} suites`);
}

if (require.main === module) void main();
