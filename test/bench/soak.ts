/**
 * `npm run soak`: the bot under a steady mixed load at about 100 turns/s (SOAK_SECONDS, 600 by
 * default; CI runs 60 s through test/reliability/soak.test.ts). Prints the figures and records
 * them for docs/reliability.md.
 */
import { record } from '../reliability/record';
import { runSoak } from './soak-run';

async function main(): Promise<void> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 600);
  const r = await runSoak(seconds, Number(process.env.SOAK_RATE ?? 100));
  console.log(JSON.stringify(r, null, 2));
  const ok = r.errors === 0 && Math.abs(r.slopeMbPerMin) < 1;
  record({
    area: 'soak',
    check: `mixed load at ${Math.round(r.rate)} turns/s for ${seconds} s`,
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
  console.log(`${ok ? 'ok    ' : 'MISSED'} 0 errors and an RSS slope under 1 MB/min`);
  process.exitCode = ok ? 0 : 1;
}

void main();
