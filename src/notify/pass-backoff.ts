import type { Logger } from '../log';

/** First and longest pause after failed passes. */
export interface BackoffLimits {
  first: number;
  max: number;
}

/** After failed passes (the store is down) a loop pauses from `first`, doubling up to `max`. */
export const PASS_BACKOFF: BackoffLimits = { first: 1000, max: 30_000 };

/**
 * The pauses of a background loop whose passes fail (the store down): doubling, with jitter so
 * that instances do not retry in step, capped; and one log line when the failing starts and one
 * when it ends, however many passes fail in between.
 */
export class PassBackoff {
  private failures = 0;
  private failingSince = 0;

  constructor(
    private readonly log: Logger,
    private readonly what: string,
    private readonly limits: BackoffLimits = PASS_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** Counts a failed pass; returns how long to pause (never 0). */
  failed(err: unknown): number {
    const { first, max } = this.limits;
    if (this.failures++ === 0) {
      this.failingSince = Date.now();
      this.log.error(
        { err },
        `${this.what} pass failed; retrying with backoff (logged again when it works)`,
      );
    }
    const ceiling = Math.min(max, first * 2 ** Math.min(this.failures - 1, 20));
    return Math.max(first / 2, ceiling / 2 + (this.random() * ceiling) / 2);
  }

  /** Counts a pass that worked; ends the episode (and says so) after failures. */
  passed(): void {
    if (this.failures === 0) return;
    this.log.info(
      { failedPasses: this.failures, failingMs: Date.now() - this.failingSince },
      `${this.what} working again`,
    );
    this.failures = 0;
  }
}
