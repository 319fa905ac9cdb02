/**
 * Leadership without Azure: its own file so that a SQLite deployment never loads the Blob SDK
 * that `leadership.ts` (the blob lease) needs.
 */
/** Decides which of several bot instances sharing one store does the singleton work (polling). */
export interface Leadership {
  /**
   * True while this instance holds the lead; tries to take it when nobody does. Cheap while
   * the lead is held and confirmed (no storage call): senders ask it before every send.
   */
  isLeader(): Promise<boolean>;
  /** Gives the lead up at once (a clean shutdown), so another instance need not wait. */
  stop(): Promise<void>;
  /** How often an instance that does not lead should ask again. */
  readonly recheckMs: number;
}

/** SQLite lives in one process's data folder: that process is the only instance. */
export class SingleInstance implements Leadership {
  readonly recheckMs = 10_000;
  async isLeader(): Promise<boolean> {
    return true;
  }
  async stop(): Promise<void> {}
}
