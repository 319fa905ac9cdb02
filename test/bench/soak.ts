/**
 * `npm run soak`: the bot under a steady mixed load at about 100 turns/s (SOAK_SECONDS, 600 by
 * default; CI runs 60 s through test/reliability/soak.test.ts). Prints the figures and records
 * them for docs/reliability.md.
 */
import { recordSoak, runSoak } from './soak-run';

async function main(): Promise<void> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 600);
  const r = await runSoak(seconds, Number(process.env.SOAK_RATE ?? 100));
  console.log(JSON.stringify(r, null, 2));
  recordSoak(r, '', 'test/bench/soak.ts');
  const ok = r.errors === 0 && Math.abs(r.slopeMbPerMin) < 1;
  console.log(`${ok ? 'ok    ' : 'MISSED'} 0 errors and an RSS slope under 1 MB/min`);
  process.exitCode = ok ? 0 : 1;
}

void main();
