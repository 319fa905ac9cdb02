import { runSoak } from '../bench/soak-run';
import { record } from './record';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);

describe('soak (the short version CI runs; `npm run soak` runs ten minutes)', () => {
  it(
    `answers a steady ~100 turns/s for ${SECONDS} s without errors, memory levelling off`,
    async () => {
      const r = await runSoak(SECONDS, 100);
      record({
        area: 'soak',
        check: `mixed load at ${Math.round(r.rate)} turns/s for ${SECONDS} s (CI)`,
        tried: r.turns,
        held: r.turns - r.errors,
        expectation: '0 errors; RSS slope near zero over the second half',
        figures: {
          'p50 ms': r.p50.toFixed(1),
          'p99 ms': r.p99.toFixed(1),
          'RSS start/end/peak MB': `${r.rssStartMb.toFixed(0)} / ${r.rssEndMb.toFixed(0)} / ${r.rssPeakMb.toFixed(0)}`,
          'RSS slope MB/min': r.slopeMbPerMin.toFixed(2),
        },
      });
      expect(r.errors).toBe(0);
      expect(r.rate).toBeGreaterThan(90);
      // A leak of a few KB a turn would show as several MB a minute at this rate.
      expect(Math.abs(r.slopeMbPerMin)).toBeLessThan(3);
      expect(r.rssPeakMb).toBeLessThan(250);
    },
    (SECONDS + 60) * 1000,
  );
});
