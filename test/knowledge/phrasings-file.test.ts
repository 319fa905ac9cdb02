import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PHRASING_CHARS, MAX_PHRASINGS_PER_KEY, phrasingOf } from '../../src/gaps/phrasings';
import { scrub } from '../../src/gaps/scrub';
import { phrasingKey } from '../../src/knowledge/import/build';
import { loadIndex } from '../../src/knowledge/load';

/**
 * knowledge/phrasings.json holds questions as people ask them: it must hold them as the gaps loop
 * keeps them (no server, share, path, person or address left in), and every key must reach an entry.
 */
const file = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'knowledge', 'phrasings.json'), 'utf8'),
) as Record<string, string[]>;
const all = Object.entries(file).flatMap(([key, list]) => list.map((p) => ({ key, p })));

describe('knowledge/phrasings.json', () => {
  it('keeps no customer data: the scrubber finds nothing to remove in any phrasing', () => {
    const left = all.filter(({ p }) => scrub(p) !== p).map(({ key, p }) => `${key}: ${p}`);
    expect(left).toEqual([]);
  });

  it('holds each phrasing as the gaps loop would add it, within the limits', () => {
    const off = all.filter(({ p }) => phrasingOf(p) !== p || p.length > MAX_PHRASING_CHARS);
    expect(off).toEqual([]);
    for (const list of Object.values(file)) {
      expect(list.length).toBeLessThanOrEqual(MAX_PHRASINGS_PER_KEY);
      expect(new Set(list.map((p) => p.toLowerCase())).size).toBe(list.length);
    }
  });

  it('files every phrasing under the key of an entry in the index', () => {
    const keys = new Set(loadIndex().entries.map((e) => phrasingKey(e)));
    expect(Object.keys(file).filter((k) => !keys.has(k))).toEqual([]);
  });
});
