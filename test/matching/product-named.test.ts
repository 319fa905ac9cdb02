import { loadIndex } from '../../src/knowledge/load';
import type { Entry } from '../../src/knowledge/schema';
import { Matcher } from '../../src/matching/ask';
import { OTHER_PRODUCT_SHARE, preferNamedProduct } from '../../src/matching/product-named';

const index = loadIndex();
const matcher = new Matcher(index);
const byId = new Map(index.entries.map((e) => [e.id, e]));
const productOf = (id: string) => byId.get(id)!.product;

describe('a question that names one product', () => {
  it.each([
    // "uninstall" and "reinstall" are rare words, and an Azure File Sync upgrade section has both.
    ['is it ok to uninstall the MARS agent and reinstall it', 'mars-agent'],
    ['MARS agent keeps failing with access denied', 'mars-agent'],
    ["the sync agent can't get through our proxy", 'azure-file-sync'],
  ])('%j is answered from the product it names', (q, product) => {
    const { result } = matcher.ask(q);
    expect(productOf(result.matches[0].id)).toBe(product);
  });

  it('is not answered confidently from the other product', () => {
    const { result } = matcher.ask('is it ok to uninstall the MARS agent and reinstall it');
    // Either a choice, or a confident answer of the backup agent.
    expect({ confident: result.confident, product: productOf(result.matches[0].id) }).not.toEqual({
      confident: true,
      product: 'azure-file-sync',
    });
  });
});

describe('preferNamedProduct', () => {
  const afs = index.entries.find((e) => e.product === 'azure-file-sync')!;
  const mars = index.entries.find((e) => e.product === 'mars-agent')!;
  const hit = (entry: Entry, score: number) => ({ entry, score });

  it('scales the other product down and keeps the order by score', () => {
    const hits = [hit(afs, 10), hit(mars, 6)];
    const out = preferNamedProduct(hits, 'the MARS agent fails');
    expect(out.map((h) => h.entry.id)).toEqual([mars.id, afs.id]);
    expect(out[1].score).toBeCloseTo(10 * OTHER_PRODUCT_SHARE);
    expect(out[0].score).toBe(6);
  });

  it('keeps an entry of the other product first when it still scores higher', () => {
    const hits = [hit(afs, 10), hit(mars, 1)];
    expect(preferNamedProduct(hits, 'MARS backup').map((h) => h.entry.id)).toEqual([
      afs.id,
      mars.id,
    ]);
  });

  it.each([
    ['names both products', 'sync and MARS backup both fail'],
    ['names neither', 'the agent cannot reach the proxy'],
  ])('leaves the hits as they are when the text %s', (_, text) => {
    const hits = [hit(afs, 10), hit(mars, 6)];
    expect(preferNamedProduct(hits, text)).toBe(hits);
  });
});
