import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex, listArticles, serializeIndex } from '../../src/knowledge/import/build';
import { loadIndex } from '../../src/knowledge/load';
import { ROOT, SEEDS, seedsPresent } from '../helpers';

const haveSeeds = seedsPresent();
const maybe = haveSeeds ? describe : describe.skip;

/** Every 8-digit hex code in a table row of the articles, found without the importer's help. */
function tableHresults(): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(SEEDS)) {
    for (const line of readFileSync(join(SEEDS, f), 'utf8').split('\n')) {
      if (!line.trimStart().startsWith('|')) continue;
      for (const m of line.matchAll(/\b0x([0-9a-f]{8})\b/gi)) {
        const v = parseInt(m[1], 16);
        // Unicode code points in the unsupported-characters table are not HRESULTs.
        if (v >= 0x8000_0000) out.add('0x' + m[1].toLowerCase());
      }
    }
  }
  return out;
}

maybe('the committed knowledge index (built from ../shared/seeds)', () => {
  const sources = JSON.parse(readFileSync(join(ROOT, 'knowledge', 'sources.json'), 'utf8'));
  const phrasings = JSON.parse(readFileSync(join(ROOT, 'knowledge', 'phrasings.json'), 'utf8'));
  const rebuilt = buildIndex(listArticles([SEEDS]), sources, phrasings);
  const committed = loadIndex();

  it('rebuilds without errors', () => {
    expect(rebuilt.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('is current: rebuilding gives the committed file byte for byte', () => {
    expect(serializeIndex(rebuilt.index!)).toBe(
      readFileSync(join(ROOT, 'knowledge', 'index.json'), 'utf8'),
    );
  });

  it('holds all 140 HRESULTs of the article tables', () => {
    const expected = tableHresults();
    expect(expected.size).toBe(140);
    const have = new Set(committed.entries.flatMap((e) => e.codes.map((c) => c.hresult)));
    expect([...expected].filter((h) => !have.has(h))).toEqual([]);
  });

  it('makes every section of every article reachable as an entry', () => {
    const anchors = new Set(committed.entries.flatMap((e) => e.anchors));
    for (const f of readdirSync(SEEDS)) {
      const text = readFileSync(join(SEEDS, f), 'utf8');
      for (const m of text.matchAll(/<a id="([^"]+)"><\/a>/g)) expect(anchors).toContain(m[1]);
    }
    for (const slug of [
      'scenario-1-i-want-to-delete-a-server-endpoint-and-i-dont-need-azure-file-sync-server-local-data',
      'scenario-2-i-want-to-delete-server-endpoint-and-i-need-the-azure-file-sync-server-to-have-the-entire-dataset',
      'how-to-check-for-sync-errors',
      'invalid-vault-credentials-provided',
      'salbitmaperror',
      'general-troubleshooting',
    ]) {
      expect(anchors).toContain(slug);
    }
  });

  it("keeps no other entry's title among an entry's keywords, and the headings no entry answers", () => {
    const titled = new Map(committed.entries.map((e) => [e.title.toLowerCase(), e.id]));
    const claimed = committed.entries.flatMap((e) =>
      e.keywords
        .filter((k) => (titled.get(k.toLowerCase()) ?? e.id) !== e.id)
        .map((k) => `${e.id}: ${k}`),
    );
    expect(claimed).toEqual([]);
    const healthy = committed.entries.find((e) => e.id === 'afs-health-healthy')!;
    expect(healthy.keywords).toContain('Sync health');
    expect(healthy.keywords).not.toContain('How do I monitor sync health?');
  });

  it('merges the article versions as the design says', () => {
    const byHex = (h: string) =>
      committed.entries.filter((e) => e.codes.some((c) => c.hresult === h));
    const renamed = byHex('0x80c8305f').find((e) => e.kind === 'session-error')!;
    expect(renamed.codes.find((c) => c.hresult === '0x80c8305f')!.aliases).toContain(
      'ECS_E_CANNOT_ACCESS_EXTERNAL_STORAGE_ACCOUNT',
    );
    expect(byHex('0x80c8306c')[0].codes[0].olderAgentOnly).toBe(true);
    expect(
      byHex('0x80070005')
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['per-item-error', 'session-error']);
    expect(byHex('0x80c80226')[0].codes[0].errorString).toBe('MgmtServerJobFailed');
    expect(
      committed.warnings.some((w) =>
        w.includes('0x80c8023b is -2134375877, the article gives -2134364145'),
      ),
    ).toBe(true);
  });
});
