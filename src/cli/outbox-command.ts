import { AppError } from '../errors';
import { ParkedNotifications, type ParkedItem } from '../notify/outbox-parked';
import { parseArgs } from './args';

const USAGE = `usage: afsbot outbox list [--json]
       afsbot outbox retry KEY|--all`;

const cell = (s: string, width: number) =>
  s.length > width ? s.slice(0, width - 1) + '…' : s.padEnd(width);

/** One line per parked notification, widest columns last so a terminal keeps them readable. */
function table(items: ParkedItem[]): string {
  if (items.length === 0) return 'No failed or dropped notifications.';
  const header = `${cell('outcome', 8)} ${cell('attempts', 8)} ${cell('at', 20)} ${cell('sync group', 32)} ${cell('conversation', 40)} key / last error`;
  const rows = items.map(
    (i) =>
      `${cell(i.outcome, 8)} ${cell(String(i.attempts), 8)} ${cell(i.at.slice(0, 19), 20)} ${cell(i.syncGroup ?? '-', 32)} ${cell(i.conversationId, 40)} ${i.key}\n${' '.repeat(112)}${i.lastError}`,
  );
  return [
    header,
    ...rows,
    '',
    `${items.length} notification(s); re-queue with afsbot outbox retry KEY|--all`,
  ].join('\n');
}

/**
 * `afsbot outbox list|retry`: the notifications the sender gave up, from the store the
 * environment names (DATA_DIR, STORAGE, as `serve` reads them). Retried ones are sent by the
 * running bot at its next pass (within its idle interval, 30 s).
 */
export async function outboxCommand(argv: string[], out: (s: string) => void): Promise<number> {
  const { flags, positional } = parseArgs(argv, [], ['json', 'all']);
  const [sub, ...rest] = positional;
  if (sub !== 'list' && sub !== 'retry') throw new AppError('usage', USAGE);
  if (sub === 'retry' && (flags.has('all') ? rest.length !== 0 : rest.length !== 1))
    throw new AppError('usage', USAGE);
  const { loadConfig } = await import('../config');
  const { openSqlite } = await import('../storage/sqlite');
  const { openKvStore } = await import('../storage/open-store');
  const config = loadConfig();
  const db = openSqlite(config.dataDir);
  try {
    const parked = new ParkedNotifications(await openKvStore(config, db));
    if (sub === 'list') {
      const items = await parked.list();
      out(flags.has('json') ? items.map((i) => JSON.stringify(i)).join('\n') : table(items));
      return 0;
    }
    const keys = flags.has('all') ? await parked.retryAll() : (await parked.retry(rest[0]), rest);
    out(`queued again: ${keys.length} notification(s)${keys.length ? '\n' + keys.join('\n') : ''}`);
    return 0;
  } finally {
    db.close();
  }
}
