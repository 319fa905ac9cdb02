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

/** What `tagCards` puts where. */
export interface CardTags {
  /** On feedback buttons, and on every `show` button when `choices`. */
  ref: GapRef;
  /** The buttons are the choices of a "did you mean". */
  choices: boolean;
  /** On the `show` buttons under "Other matches" (the element with id `others`). */
  others?: GapRef;
}

/**
 * Copies of `cards` whose feedback buttons (and, for a "did you mean", its choices; for an
 * answer, its other matches) carry the question's gap reference in their data, so the vote or
 * the choice finds the question it answers. Other actions (related entries) are left as they are.
 */
export function tagCards<T extends object>(cards: T[], tags: CardTags): T[] {
  return cards.map((card) => {
    const copy = structuredClone(card);
    for (const o of objects(copy)) {
      if (tags.others && o.id === 'others') tagShows(o, tags.others);
      if (o.type !== 'Action.Execute' || typeof o.data !== 'object' || o.data === null) continue;
      if (o.verb === 'feedback' || (tags.choices && o.verb === 'show'))
        o.data = { ...(o.data as Json), ...tags.ref };
    }
    return copy;
  });
}

/** The `show` buttons under `root`, tagged with `ref`. */
function tagShows(root: Json, ref: GapRef): void {
  for (const o of objects(root))
    if (o.type === 'Action.Execute' && o.verb === 'show' && typeof o.data === 'object' && o.data)
      o.data = { ...(o.data as Json), ...ref };
}
