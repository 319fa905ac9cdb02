import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex, listArticles } from '../../src/knowledge/import/build';
import type { Entry } from '../../src/knowledge/schema';
import { ROOT, SEEDS, seedsPresent } from '../helpers';

/** Entries read against the articles; the importer's output must match them field by field. */
const golden = JSON.parse(readFileSync(join(__dirname, 'golden', 'entries.json'), 'utf8')) as {
  entries: Omit<Entry, 'keywords'>[];
};

const maybe = seedsPresent() ? describe : describe.skip;

maybe('the importer against the reviewed golden entries', () => {
  const sources = JSON.parse(readFileSync(join(ROOT, 'knowledge', 'sources.json'), 'utf8'));
  const built = buildIndex(listArticles([SEEDS]), sources).index!;

  it('covers at least 40 entries of every kind', () => {
    expect(golden.entries.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(golden.entries.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(
      [
        'health-status',
        'mars-error',
        'overview',
        'per-item-error',
        'procedure',
        'question',
        'session-error',
      ].sort(),
    );
  });

  it.each(golden.entries.map((e) => [e.id, e] as const))(
    '%s matches field by field',
    (id, want) => {
      const got = built.entries.find((e) => e.id === id);
      expect(got).toBeDefined();
      const fields = new Set([...Object.keys(want), ...Object.keys(got!)]);
      fields.delete('keywords');
      for (const f of fields)
        expect({ field: f, value: got![f as keyof Entry] }).toEqual({
          field: f,
          value: want[f as keyof typeof want],
        });
    },
  );
});
