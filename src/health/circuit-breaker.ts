import type { Clock } from './clock';
import { HealthError } from './health-error';

/** When the breaker opens and how long it stays open. */
export interface BreakerOptions {
  /** Consecutive failed calls that open the breaker. */
  failureThreshold: number;
  /** Time open before one trial call is let through (half-open). */
  coolDownMs: number;
}

/** The breaker's state, for logs and tests. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker for one API: after `failureThreshold` consecutive failures every call fails
 * fast (`health_circuit_open`) for `coolDownMs`, so a dead API is not hammered by every poll and
 * every `status`; then one trial call decides whether it closes again or stays open.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialRunning = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** The current state. */
  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.clock.now() - this.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  /** Throws `health_circuit_open` unless a call may go ahead now; call before each call. */
  enter(): void {
    const state = this.state;
    if (state === 'closed') return;
    if (state === 'half-open' && !this.trialRunning) {
      this.trialRunning = true;
      return;
    }
    const waitS = Math.ceil(
      Math.max(0, this.openedAt! + this.options.coolDownMs - this.clock.now()) / 1000,
    );
    throw new HealthError(
      'health_circuit_open',
      `the health API failed ${this.options.failureThreshold} times in a row; not calling it for ${waitS || 1} s more`,
    );
  }

  /** Records a call that succeeded (or failed in a way that says the API works, such as 404). */
  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialRunning = false;
  }

  /** Records a failed call; a failed trial re-opens the breaker for a full cool-down. */
  failure(): void {
    this.failures += 1;
    if (this.trialRunning || this.failures >= this.options.failureThreshold) {
      this.openedAt = this.clock.now();
    }
    this.trialRunning = false;
  }

  /** A call that ended without a verdict (the caller cancelled it): a trial may run again. */
  release(): void {
    this.trialRunning = false;
  }
}
