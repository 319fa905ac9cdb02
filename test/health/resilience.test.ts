import { CircuitBreaker, HealthError } from '../../src/health';
import type { Clock } from '../../src/health/clock';
import { guardedCall, type CallContext } from '../../src/health/guarded-call';
import { parseRetryAfter } from '../../src/health/health-error';
import { backoffMs, withRetry } from '../../src/health/retry';

/** A clock that moves only when something sleeps on it. */
function fakeClock(start = 1_000_000): Clock & { slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
}

const unavailable = (retryAfterMs: number | null = null) =>
  new HealthError('health_api_unavailable', 'the health API answered 503', true, retryAfterMs);

const OPTS = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };
const never = new AbortController().signal;

describe('retries', () => {
  it('backs off exponentially with equal jitter, capped', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, { ...OPTS, maxDelayMs: 300 }, () => 0))).toEqual([
      50, 100, 150, 150,
    ]);
    expect(backoffMs(2, OPTS, () => 0.999)).toBe(200);
  });

  it('retries a retryable failure until it succeeds', async () => {
    const clock = fakeClock();
    let calls = 0;
    const out = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw unavailable();
        return 'ok';
      },
      OPTS,
      { clock, deadlineAt: clock.now() + 3000, signal: never, random: () => 0 },
    );
    expect(out).toBe('ok');
    expect(clock.slept).toEqual([50, 100]);
  });

  it('stops after the last attempt and throws the last error', async () => {
    const clock = fakeClock();
    let calls = 0;
    const run = withRetry(
      async () => {
        calls += 1;
        throw unavailable();
      },
      OPTS,
      { clock, deadlineAt: clock.now() + 3000, signal: never, random: () => 0 },
    );
    await expect(run).rejects.toMatchObject({ code: 'health_api_unavailable' });
    expect(calls).toBe(3);
  });

  it('does not retry what another attempt cannot fix (404, a bad payload)', async () => {
    const clock = fakeClock();
    let calls = 0;
    const run = withRetry(
      async () => {
        calls += 1;
        throw new HealthError('health_not_found', 'gone');
      },
      OPTS,
      { clock, deadlineAt: clock.now() + 3000, signal: never, random: () => 0 },
    );
    await expect(run).rejects.toMatchObject({ code: 'health_not_found' });
    expect(calls).toBe(1);
  });

  it('waits at least Retry-After, and gives up when that wait would pass the deadline', async () => {
    const clock = fakeClock();
    let calls = 0;
    const ctx = { clock, deadlineAt: clock.now() + 3000, signal: never, random: () => 0 };
    await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw unavailable(1200);
        return 'ok';
      },
      OPTS,
      ctx,
    );
    expect(clock.slept).toEqual([1200]);
    calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw unavailable(5000);
        },
        OPTS,
        { ...ctx, deadlineAt: clock.now() + 3000 },
      ),
    ).rejects.toMatchObject({ retryAfterMs: 5000 });
    expect(calls).toBe(1);
    expect(clock.slept).toEqual([1200]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('the circuit breaker', () => {
  const make = () => {
    const clock = fakeClock();
    return {
      clock,
      breaker: new CircuitBreaker({ failureThreshold: 3, coolDownMs: 10_000 }, clock),
    };
  };

  it('opens after N consecutive failures and fails fast with health_circuit_open', () => {
    const { breaker } = make();
    for (let i = 0; i < 2; i++) {
      breaker.enter();
      breaker.failure();
    }
    expect(breaker.state).toBe('closed');
    breaker.enter();
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(() => breaker.enter()).toThrow(expect.objectContaining({ code: 'health_circuit_open' }));
  });

  it('a success in between resets the count', () => {
    const { breaker } = make();
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
  });

  it('lets one trial through after the cool-down; its success closes the breaker', async () => {
    const { breaker, clock } = make();
    for (let i = 0; i < 3; i++) breaker.failure();
    await clock.sleep(10_000);
    expect(breaker.state).toBe('half-open');
    breaker.enter();
    // While the trial runs, everyone else still fails fast.
    expect(() => breaker.enter()).toThrow(expect.objectContaining({ code: 'health_circuit_open' }));
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(() => breaker.enter()).not.toThrow();
  });

  it('a failed trial opens it again for a whole cool-down', async () => {
    const { breaker, clock } = make();
    for (let i = 0; i < 3; i++) breaker.failure();
    await clock.sleep(10_000);
    breaker.enter();
    breaker.failure();
    expect(breaker.state).toBe('open');
    await clock.sleep(9_999);
    expect(breaker.state).toBe('open');
    await clock.sleep(1);
    expect(breaker.state).toBe('half-open');
  });
});

describe('a guarded call', () => {
  const ctx = (threshold = 2): CallContext => {
    const clock = fakeClock();
    return {
      clock,
      random: () => 0,
      policy: { timeoutMs: 3000, attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
      breaker: new CircuitBreaker({ failureThreshold: threshold, coolDownMs: 10_000 }, clock),
    };
  };

  it('counts a call that failed after its retries once, and a 404 as a working API', async () => {
    const c = ctx();
    await expect(guardedCall('g', async () => Promise.reject(unavailable()), c)).rejects.toThrow();
    await expect(
      guardedCall('g', async () => Promise.reject(new HealthError('health_not_found', 'x')), c),
    ).rejects.toMatchObject({ code: 'health_not_found' });
    await expect(guardedCall('g', async () => Promise.reject(unavailable()), c)).rejects.toThrow();
    expect(c.breaker.state).toBe('closed');
    await expect(guardedCall('g', async () => Promise.reject(unavailable()), c)).rejects.toThrow();
    expect(c.breaker.state).toBe('open');
  });

  it('turns a transport error into health_api_unavailable', async () => {
    await expect(
      guardedCall('g', async () => Promise.reject(new Error('socket hang up')), ctx()),
    ).rejects.toMatchObject({
      code: 'health_api_unavailable',
      message: expect.stringContaining('socket hang up'),
    });
  });

  it('passes the caller’s own cancellation through without counting it', async () => {
    const c = ctx(1);
    const caller = new AbortController();
    const run = guardedCall(
      'g',
      (signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      c,
      caller.signal,
    );
    caller.abort(new Error('poll cancelled'));
    await expect(run).rejects.toThrow('poll cancelled');
    expect(c.breaker.state).toBe('closed');
  });
});
