import { loadIndex } from '../../src/knowledge/load';
import { Matcher } from '../../src/matching/ask';
import { BrowseQuery, browse, codeIndex } from '../../src/matching/browse';

const matcher = new Matcher(loadIndex());
const q = (input: Record<string, unknown>) => browse(matcher, BrowseQuery.parse(input));

describe('browsing the knowledge (the tab)', () => {
  it('lists every entry for an empty query, sorted by product then title', () => {
    const all = q({ limit: 200 });
    expect(all.total).toBe(matcher.index.entries.length);
    expect(all.items[0].product).toBe('azure-file-sync');
    expect(all.items.at(-1)!.product).toBe('mars-agent');
  });

  it('finds an exact code in any form first', () => {
    for (const form of [
      '0x80c8305f',
      '-2134364065',
      '2160603231',
      'ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED',
    ])
      expect(q({ q: form }).items[0].id).toBe('afs-err-80c8305f');
  });

  it('finds codes from their first digits while they are being typed', () => {
    const partial = q({ q: '0x80c830' });
    expect(partial.total).toBeGreaterThan(5);
    expect(
      partial.items.slice(0, 5).every((i) => i.codes.some((c) => c.code.startsWith('0x80c830'))),
    ).toBe(true);
    expect(partial.items.some((i) => i.id === 'afs-err-80c8305f')).toBe(true);
  });

  it('ranks free text with the same index as the bot', () => {
    expect(
      q({ q: 'files are not recalling from the cloud tier' })
        .items.slice(0, 5)
        .map((i) => i.title)
        .join(' '),
    ).toMatch(/recall/i);
  });

  it('applies the product and remediation filters to every kind of match', () => {
    const mars = q({ product: 'mars-agent', limit: 200 });
    expect(mars.total).toBeGreaterThan(5);
    expect(mars.items.every((i) => i.product === 'mars-agent')).toBe(true);
    const noAction = q({ q: 'sync', remediation: 'No', limit: 200 });
    expect(noAction.items.length).toBeGreaterThan(0);
    expect(noAction.items.every((i) => i.codes.some((c) => c.remediationRequired === 'No'))).toBe(
      true,
    );
    expect(q({ q: '0x80c8305f', remediation: 'No' }).items.map((i) => i.id)).not.toContain(
      'afs-err-80c8305f',
    );
  });

  it('refuses unknown filters and out-of-range limits', () => {
    expect(BrowseQuery.safeParse({ product: 'onedrive' }).success).toBe(false);
    expect(BrowseQuery.safeParse({ limit: '1000' }).success).toBe(false);
    expect(BrowseQuery.safeParse({ extra: '1' }).success).toBe(false);
  });

  it('indexes every code once per entry, sorted', () => {
    const rows = codeIndex(matcher);
    expect(rows.length).toBeGreaterThanOrEqual(147);
    expect(rows.map((r) => r.code)).toEqual(
      [...rows.map((r) => r.code)].sort((a, b) => a.localeCompare(b)),
    );
    expect(rows.find((r) => r.code === '0x80c8305f')).toMatchObject({
      entryId: 'afs-err-80c8305f',
      remediationRequired: 'Yes',
    });
  });
});
