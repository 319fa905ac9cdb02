import { RateLimiter, waitFor } from '../../src/notify/rate-limiter';

const T0 = 1_000_000;

/** Records `n` sends to a conversation at `at`, `at + step`, … */
function sends(limiter: RateLimiter, conv: string, n: number, at: number, step = 0): number {
  for (let i = 0; i < n; i++) limiter.record(conv, at + i * step);
  return at + (n - 1) * step;
}

describe('the Teams rate limits as sliding windows', () => {
  it('lets seven sends into a conversation in a second and holds the eighth until the first leaves', () => {
    const limiter = new RateLimiter();
    sends(limiter, 'c', 7, T0, 10);
    // The first send was at T0: the 1 s window frees up at T0 + 1000.
    expect(limiter.delayFor('c', T0 + 60)).toBe(940);
    expect(limiter.delayFor('c', T0 + 999)).toBe(1);
    expect(limiter.delayFor('c', T0 + 1000)).toBe(0);
  });

  it('holds the ninth send within two seconds even when each second has room', () => {
    const limiter = new RateLimiter();
    sends(limiter, 'c', 4, T0);
    sends(limiter, 'c', 4, T0 + 1000);
    // 4 in the last second (room for 3 more) but 8 in two seconds: wait for the T0 sends.
    expect(limiter.delayFor('c', T0 + 1500)).toBe(500);
    expect(limiter.delayFor('c', T0 + 2000)).toBe(0);
  });

  it('holds the 61st send within 30 seconds', () => {
    const limiter = new RateLimiter();
    // 60 sends, 4 every 2 s: never more than 7/s or 8/2 s, but 60 within 30 s.
    for (let i = 0; i < 15; i++) sends(limiter, 'c', 4, T0 + i * 2000);
    const last = T0 + 14 * 2000;
    expect(limiter.delayFor('c', last + 2000)).toBe(T0 + 30_000 - (last + 2000));
    expect(limiter.delayFor('c', T0 + 30_000)).toBe(0);
  });

  it('holds the 1801st send within an hour', () => {
    const limiter = new RateLimiter();
    // 60 every 30 s for 15 minutes: 1800 sends, each window respected.
    for (let i = 0; i < 30; i++) sends(limiter, 'c', 60, T0 + i * 30_000, 400);
    const now = T0 + 30 * 30_000;
    expect(limiter.delayFor('c', now)).toBe(T0 + 3_600_000 - now);
    expect(limiter.delayFor('c', T0 + 3_600_000)).toBe(0);
  });

  it('limits the app to 50 sends a second across conversations', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 50; i++) limiter.record(`c${i}`, T0 + i);
    expect(limiter.delayFor('fresh', T0 + 100)).toBe(900);
    expect(limiter.appDelay(T0 + 100)).toBe(900);
    expect(limiter.delayFor('fresh', T0 + 1000)).toBe(0);
  });

  it('keeps conversations apart', () => {
    const limiter = new RateLimiter();
    sends(limiter, 'a', 7, T0);
    expect(limiter.delayFor('a', T0 + 1)).toBeGreaterThan(0);
    expect(limiter.delayFor('b', T0 + 1)).toBe(0);
  });

  it('forgets conversations idle for an hour', () => {
    const limiter = new RateLimiter();
    limiter.record('a', T0);
    limiter.record('b', T0 + 3_000_000);
    limiter.sweep(T0 + 3_600_000);
    expect(limiter.size).toBe(1);
  });

  it('counts a send exactly at the window edge as gone', () => {
    expect(waitFor([0, 1, 2], [{ ms: 10, max: 3 }], 9)).toBe(1);
    expect(waitFor([0, 1, 2], [{ ms: 10, max: 3 }], 10)).toBe(0);
    expect(waitFor([], [{ ms: 10, max: 3 }], 10)).toBe(0);
  });
});
