import { recordSoak, runSoak } from '../bench/soak-run';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);

describe('soak (the short version CI runs; `npm run soak` runs ten minutes)', () => {
  it(
    `answers a steady ~100 turns/s for ${SECONDS} s without errors, memory levelling off`,
    async () => {
      const r = await runSoak(SECONDS, 100);
      recordSoak(r, ' (CI)');
      expect(r.errors).toBe(0);
      expect(r.rate).toBeGreaterThan(90);
      // A leak of a few KB a turn would show as several MB a minute at this rate.
      expect(Math.abs(r.slopeMbPerMin)).toBeLessThan(3);
      expect(r.rssPeakMb).toBeLessThan(250);
    },
    (SECONDS + 60) * 1000,
  );
});
