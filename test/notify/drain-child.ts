import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const DIST = join(ROOT, 'dist');

/**
 * A drain process: the compiled sender and Bot Framework transport on DATA_DIR, as the server
 * runs them; prints "drained" and exits 0 once the outbox is empty. Tests kill it with SIGKILL.
 */
const CHILD = `
const d = (m) => require(${JSON.stringify(DIST)} + '/' + m);
const { openSqlite } = d('storage/sqlite');
const { SqliteKvStore } = d('storage/sqlite-kv-store');
const { ConversationRefs } = d('storage/conversation-refs');
const { Subscriptions } = d('notify/subscriptions');
const { Outbox } = d('notify/outbox');
const { Sender } = d('notify/sender');
const { createProactiveTransport } = d('bot/proactive-transport');
const { loadConfig } = d('config');
const { createLogger } = d('log');
const kv = new SqliteKvStore(openSqlite(process.env.DATA_DIR));
const refs = new ConversationRefs(kv);
const outbox = new Outbox(kv);
const transport = createProactiveTransport(loadConfig({ LOG_LEVEL: 'silent' }), refs);
const sender = new Sender({ outbox, transport, refs, subscriptions: new Subscriptions(kv), log: createLogger('warn') });
sender.start();
setInterval(async () => {
  if ((await outbox.pendingCount()) > 0) return;
  await sender.stop();
  process.stdout.write('drained\\n');
  process.exit(0);
}, 50);
`;

/** Starts a drain process on `dataDir`; `exited` gives its exit code or the signal that ended it. */
export function startDrain(dataDir: string): {
  child: ChildProcess;
  exited: Promise<number | string | null>;
} {
  const child = spawn(process.execPath, ['-e', CHILD], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.resume();
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, exited };
}
