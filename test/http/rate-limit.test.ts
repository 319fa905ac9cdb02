import { RateLimiter } from '../../src/http/rate-limit';

describe('the per-address rate limiter', () => {
  it('allows the budget at once, then refuses with the seconds until the next request', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('10.0.0.1')).toBe(0);
    expect(limiter.take('10.0.0.1')).toBe(1);
    now += 1000;
    expect(limiter.take('10.0.0.1')).toBe(0);
    expect(limiter.take('10.0.0.1')).toBe(1);
  });

  it('keeps each address apart', () => {
    const limiter = new RateLimiter(1, () => 0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(60);
    expect(limiter.take('b')).toBe(0);
  });

  it('remembers at most 10,000 addresses', () => {
    const limiter = new RateLimiter(10, () => 0);
    for (let i = 0; i < 25_000; i++) limiter.take(`client-${i}`);
    expect(limiter.size).toBe(10_000);
  });
});
