import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { AskResult } from '../matching/ask';
import type { Scored } from './quality';

const Anchor = z.object({ anchor: z.string().min(1) }).strict();

/** A line of the independent question set (`../shared/eval/questions.jsonl`, see its README). */
export const SharedQuery = z
  .object({
    id: z.string(),
    category: z.string(),
    q: z.string(),
    expect: z.union([
      Anchor,
      z.object({ any: z.array(Anchor).min(1).max(20) }).strict(),
      z.object({ none: z.literal(true) }).strict(),
    ]),
  })
  .strict();
export type SharedQuery = z.infer<typeof SharedQuery>;

/** Where the independent set lives, when the shared folder is beside the project. */
export const SHARED_SET = '../shared/eval/questions.jsonl';

/** True when the set can be read. */
export const sharedSetPresent = (path: string) => existsSync(path);

/**
 * Scores one answer the way the set's README does: anchors compared case-insensitively, `any`
 * accepting each; `none` is a probe, right when not confident.
 */
export function scoreShared(q: SharedQuery, r: AskResult): Scored {
  if ('none' in q.expect) return { probe: true, top1: false, top3: false, result: r };
  const want = new Set(
    ('any' in q.expect ? q.expect.any : [q.expect]).map((x) => x.anchor.toLowerCase()),
  );
  const hit = (m: AskResult['matches'][number] | undefined) =>
    !!m && m.anchors.some((a) => want.has(a.toLowerCase()));
  return {
    probe: false,
    top1: hit(r.matches[0]),
    top3: r.matches.slice(0, 3).some(hit),
    result: r,
  };
}
