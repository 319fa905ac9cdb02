import type { Entry } from '../knowledge/schema';
import { productsNamed } from './domain';

/**
 * What an entry of the other product keeps of its score when a text names one product only: a
 * question about "the MARS agent" is about the backup agent, though a sync section may share its
 * rarest words ("uninstall", "reinstall"). A share, not a filter: an entry of the other product
 * that fits much better still comes first (the question's words may name the wrong product).
 */
export const OTHER_PRODUCT_SHARE = 0.5;

/**
 * The hits with those of the product the text does not name scaled down, best first, when the
 * text names exactly one product (`productsNamed`); otherwise the hits as they are.
 */
export function preferNamedProduct<H extends { entry: Entry; score: number }>(
  hits: H[],
  text: string,
): H[] {
  const named = productsNamed(text);
  if (named.size !== 1 || hits.length === 0) return hits;
  const [product] = named;
  if (hits.every((h) => h.entry.product === product)) return hits;
  return hits
    .map((h) => (h.entry.product === product ? h : { ...h, score: h.score * OTHER_PRODUCT_SHARE }))
    .sort((a, b) => b.score - a.score || (a.entry.id < b.entry.id ? -1 : 1));
}
