import type { GapRef } from './gaps';

type Json = Record<string, unknown>;

/** Every object under `root`, depth first (cards are small trees). */
function* objects(root: unknown): Generator<Json> {
  if (Array.isArray(root)) for (const x of root) yield* objects(x);
  else if (typeof root === 'object' && root !== null) {
    yield root as Json;
    for (const v of Object.values(root)) yield* objects(v);
  }
}

/**
 * Copies of `cards` whose feedback buttons (and, for a "did you mean", its choices) carry the
 * question's gap reference in their data, so the vote or the choice finds the question it
 * answers. Other actions are left as they are.
 */
export function tagCards<T extends object>(cards: T[], ref: GapRef, choices: boolean): T[] {
  return cards.map((card) => {
    const copy = structuredClone(card);
    for (const o of objects(copy)) {
      if (o.type !== 'Action.Execute' || typeof o.data !== 'object' || o.data === null) continue;
      if (o.verb === 'feedback' || (choices && o.verb === 'show'))
        o.data = { ...(o.data as Json), ...ref };
    }
    return copy;
  });
}
