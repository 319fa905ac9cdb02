/** Gap records shaped like real ones (scrubbed questions, real entry ids) for the card and export tests. */
import { clusterGaps } from '../../src/gaps/cluster';
import { gapId, type KeyedGap, type Verdict } from '../../src/gaps/record';
import { loadIndex } from '../../src/knowledge/load';
import { hostileQuery } from '../cards/fixtures';

export const index = loadIndex();
export const entryIds = index.entries.map((e) => e.id);
export const title = (id: string) => index.entries.find((e) => e.id === id)?.title;

/** A record for a scrubbed question. */
export function gap(
  q: string,
  count: number,
  extra: Partial<Omit<KeyedGap, 'q' | 'count' | 'key'>> = {},
): KeyedGap {
  return {
    v: 1,
    q,
    verdict: 'did-you-mean' as Verdict,
    shown: entryIds.slice(0, 3),
    chosen: {},
    notHelpful: {},
    firstSeen: '2026-11-01T08:00:00.000Z',
    lastSeen: '2026-11-20T08:00:00.000Z',
    ...extra,
    count,
    key: gapId(q),
  };
}

export const records: KeyedGap[] = [
  gap('files on [server] show a grey x and never come back from the cloud', 7, {
    chosen: { [entryIds[5]]: 4, [entryIds[6]]: 1 },
  }),
  gap('files on [server] show a grey x and never come back', 3, { chosen: { [entryIds[5]]: 2 } }),
  gap('why does our sync use so much bandwidth at night', 4, { verdict: 'off-topic', shown: [] }),
  gap('sync on [server] fails with 0x80c8ffff', 2, { verdict: 'unknown-code', shown: [] }),
  gap('how do I read the telemetry event log', 1, {
    verdict: 'answer',
    shown: [entryIds[2]],
    notHelpful: { [entryIds[2]]: 1 },
  }),
  gap(hostileQuery, 1),
];

export const clusters = clusterGaps(records);
export const cardOptions = { questions: records.length, retentionDays: 30, title };
