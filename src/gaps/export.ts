import { z } from 'zod';
import { clusterGaps, type Cluster } from './cluster';
import { GapIdSchema, GapRecord, type KeyedGap } from './record';

/** One line of a gaps export (JSON Lines): a record, its id and the cluster it fell in. */
export const ExportLine = GapRecord.extend({
  id: GapIdSchema,
  cluster: z.string().max(20),
}).strict();
export type ExportLine = z.infer<typeof ExportLine>;

/** Records as export lines, clusters computed, most frequent cluster first. */
export function exportLines(records: KeyedGap[]): { clusters: Cluster[]; lines: ExportLine[] } {
  const clusters = clusterGaps(records);
  const byId = new Map(records.map((r) => [r.key, r]));
  const lines: ExportLine[] = [];
  for (const c of clusters)
    for (const id of c.memberIds) {
      const { key, ...r } = byId.get(id) as KeyedGap;
      lines.push({ id: key, cluster: c.id, ...r });
    }
  return { clusters, lines };
}

/** Export lines back to records (for clustering and phrasings from a file). */
export function recordsOf(lines: ExportLine[]): KeyedGap[] {
  return lines.map(({ id, cluster: _cluster, ...r }) => ({ ...r, key: id }));
}
