import type Database from 'better-sqlite3';

/** One "helpful / not helpful" click on an answer card. */
export interface Feedback {
  entryId: string;
  helpful: boolean;
  /** Teams user id (AAD object id when present); kept to count one vote per person and entry. */
  userId: string;
  conversationId: string;
  at: string;
}

/** What the bot keeps between turns: answer feedback, ask counts, which chats were welcomed. */
export interface BotStore {
  /** Records a vote; a person's later vote on the same entry replaces the earlier one. */
  recordFeedback(f: Feedback): void;
  /** Counts one more answer given with this entry (kept in memory, written within seconds). */
  recordAsked(entryId: string): void;
  /** Writes what is kept in memory; called on shutdown. */
  flush(): void;
  /** Entries answered most often, most first. */
  mostAsked(limit: number): string[];
  feedbackCounts(entryId: string): { helpful: number; notHelpful: number };
  /** True the first time it is called for a conversation: a welcome is sent once. */
  markWelcomed(conversationId: string): boolean;
  /** Throws when the store cannot be read. */
  ping(): void;
}

/** How long ask counts wait in memory before they are written. */
const FLUSH_MS = 2000;

/** BotStore on the embedded SQLite database. */
export class SqliteBotStore implements BotStore {
  private readonly upsert: Database.Statement;
  private readonly asked: Database.Statement;
  private readonly flushAll: (counts: [string, number][]) => void;
  /** Ask counts not yet written: one write a few seconds, not one a turn. */
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private readonly top: Database.Statement;
  private readonly counts: Database.Statement;
  private readonly probe: Database.Statement;
  private readonly welcome: Database.Statement;

  constructor(db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS feedback (
        entry_id TEXT NOT NULL, user_id TEXT NOT NULL, conversation_id TEXT NOT NULL,
        helpful INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (entry_id, user_id));
      CREATE TABLE IF NOT EXISTS asked (entry_id TEXT PRIMARY KEY, count INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS welcomed (conversation_id TEXT PRIMARY KEY, at TEXT NOT NULL);`);
    this.welcome = db.prepare(`INSERT OR IGNORE INTO welcomed (conversation_id, at) VALUES (?, ?)`);
    this.upsert = db.prepare(
      `INSERT INTO feedback (entry_id, user_id, conversation_id, helpful, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entry_id, user_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at,
       conversation_id = excluded.conversation_id`,
    );
    this.asked = db.prepare(
      `INSERT INTO asked (entry_id, count) VALUES (?, ?) ON CONFLICT (entry_id) DO UPDATE SET count = count + excluded.count`,
    );
    this.flushAll = db.transaction((counts: [string, number][]) => {
      for (const [id, n] of counts) this.asked.run(id, n);
    });
    this.top = db.prepare(`SELECT entry_id FROM asked ORDER BY count DESC, entry_id LIMIT ?`);
    this.counts = db.prepare(
      `SELECT COALESCE(SUM(helpful), 0) AS helpful, COUNT(*) - COALESCE(SUM(helpful), 0) AS notHelpful FROM feedback WHERE entry_id = ?`,
    );
    this.probe = db.prepare('SELECT 1');
  }

  recordFeedback(f: Feedback): void {
    this.upsert.run(f.entryId, f.userId, f.conversationId, f.helpful ? 1 : 0, f.at);
  }

  recordAsked(entryId: string): void {
    this.pending.set(entryId, (this.pending.get(entryId) ?? 0) + 1);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        try {
          this.flush();
        } catch {
          // NOTE: thrown from a timer this would end the process. The store is locked or
          // read-only: the counts stay in memory and the next answer schedules another try.
        }
      }, FLUSH_MS);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    // Forgotten only once written: a failed write keeps them for the next flush.
    this.flushAll([...this.pending]);
    this.pending = new Map();
  }

  mostAsked(limit: number): string[] {
    this.flush();
    return (this.top.all(limit) as { entry_id: string }[]).map((r) => r.entry_id);
  }

  feedbackCounts(entryId: string): { helpful: number; notHelpful: number } {
    return this.counts.get(entryId) as { helpful: number; notHelpful: number };
  }

  markWelcomed(conversationId: string): boolean {
    return this.welcome.run(conversationId, new Date().toISOString()).changes === 1;
  }

  ping(): void {
    this.probe.get();
  }
}
