import { recordSoak, runSoak } from '../bench/soak-run';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
/** Caches, the sent-card memory and the heap fill up over the first minute (RSS levels off near 180 MB
 * by about 75 s at this rate); the slope is read after that. */
const WARMUP = Number(process.env.SOAK_WARMUP_SECONDS ?? 60);

describe('soak (the short version CI runs; `npm run soak` runs ten minutes)', () => {
  it(
    `answers a steady ~100 turns/s for ${SECONDS} s after a ${WARMUP} s warm-up without errors, memory levelling off`,
    async () => {
      const r = await runSoak(SECONDS, 100, WARMUP);
      recordSoak(r, ` (CI, after a ${WARMUP} s warm-up)`);
      expect(r.errors).toBe(0);
      expect(r.rate).toBeGreaterThan(90);
      // A leak of 1 KB a turn is 6 MB a minute at this rate (6,000 turns); a level RSS still
      // moves 1-3.5 MB a minute over one minute as V8 grows and trims its old space.
      expect(Math.abs(r.slopeMbPerMin)).toBeLessThan(6);
      expect(r.rssPeakMb).toBeLessThan(250);
    },
    (WARMUP + SECONDS + 60) * 1000,
  );
});
