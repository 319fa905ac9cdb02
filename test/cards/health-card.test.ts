import { healthCard, MAX_ENDPOINTS_SHOWN } from '../../src/cards';
import type { CardNode } from '../../src/cards/types';
import {
  actionsOf,
  allText,
  byId,
  disguisedLinks,
  formattingIn,
  textsOf,
  unescapeMarkdown,
} from './card-text';
import { allHealthy, empty, explain, hostile, huge, mixed } from './health-fixtures';
import { validateCard } from '../support/validate-card';

const rowsOf = (card: ReturnType<typeof healthCard>) => byId(card, 'endpoints').items as CardNode[];

describe('the health card', () => {
  const card = healthCard(mixed, explain);
  const rows = rowsOf(card);

  it('is a valid Adaptive Card 1.5 and lists failing endpoints first', () => {
    expect(validateCard(card)).toEqual([]);
    expect(rows.map((r) => textsOf(r)[0])).toEqual([
      'FS02.contoso.local',
      'FS03.contoso.local',
      'FS01.contoso.local',
    ]);
    expect(textsOf(byId(card, 'summary'))).toEqual(['2 of 3 server endpoints need attention.']);
  });

  it('explains the last sync result with its knowledge entry and a show button', () => {
    const fs02 = allText(rows[0]);
    expect(fs02).toContain('**Upload failed with 0x80c8305f** (-2134364065)');
    expect(fs02).toContain(
      "Sync can't access the Azure file share specified in the cloud endpoint.",
    );
    expect(fs02).toContain('Last success: 2026-02-27 22:10 UTC');
    expect(actionsOf(rows[0])).toContainEqual(
      expect.objectContaining({
        type: 'Action.Execute',
        verb: 'show',
        title: 'Explain 0x80c8305f',
        data: { entryId: 'afs-err-80c8305f' },
      }),
    );
  });

  it('lists files not syncing by code, a known per-item code with its entry', () => {
    const fs02 = allText(rows[0]);
    expect(fs02).toMatch(
      /Files not syncing \(upload\) with 0x80070020, 2 transient: The file can't be synced because it's in use\./,
    );
    expect(fs02).toMatch(/with 0x80c8710d, 12 persistent: not in the knowledge/);
    expect(actionsOf(rows[0]).map((a) => (a.data as { entryId: string }).entryId)).toEqual([
      'afs-err-80c8305f',
      'afs-item-80070020',
    ]);
    expect(fs02).toContain('12 persistent, 2 transient');
  });

  it('shows the upload in progress as a percentage', () => {
    expect(allText(rows[0])).toContain('Uploading: 25% (3,120 of 12,480 items)');
    expect(allText(rows[2])).not.toContain('Uploading');
  });

  it('says when a code is not in the knowledge, without a button', () => {
    const fs03 = allText(rows[1]);
    expect(fs03).toContain(
      '**Upload failed with 0x80c92a9f** (-2134300001): not in the knowledge: ask me about the code',
    );
    expect(actionsOf(rows[1]).map((a) => a.title)).not.toContain('Explain 0x80c92a9f');
  });

  it('shows combined, upload and download health for every endpoint', () => {
    for (const row of rows) {
      const text = allText(row);
      expect(text).toMatch(/Upload\n(Healthy|Error) · last sync/);
      expect(text).toMatch(/Download\nHealthy · last sync succeeded/);
    }
    expect(textsOf(rows[0])).toContain('Error');
    expect(textsOf(rows[2])).toContain('Healthy');
  });

  it('is calm when all is well: no problems, no buttons', () => {
    const ok = healthCard(allHealthy, explain);
    expect(validateCard(ok)).toEqual([]);
    expect(textsOf(byId(ok, 'summary'))).toEqual(['All 2 server endpoints are healthy.']);
    expect(actionsOf(ok)).toEqual([]);
  });

  it('says so for a sync group without server endpoints', () => {
    const none = healthCard(empty, explain);
    expect(validateCard(none)).toEqual([]);
    expect(allText(none)).toContain('This sync group has no server endpoints.');
  });

  it('stays under the Teams limit for 10,000 endpoints and says how many more there are', () => {
    const big = healthCard(huge, explain);
    expect(validateCard(big)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(big))).toBeLessThan(38 * 1024);
    const shown = rowsOf(big).length;
    expect(shown).toBeLessThanOrEqual(MAX_ENDPOINTS_SHOWN);
    expect(rowsOf(big).every((r) => allText(r).includes('Upload failed'))).toBe(true);
    expect(textsOf(byId(big, 'more'))).toEqual([
      `… ${(10_000 - shown).toLocaleString('en-US')} more server endpoints not shown (${(1000 - shown).toLocaleString('en-US')} of them need attention).`,
    ]);
  });

  it('renders names from the API as written: no links, no formatting, no template leftovers', () => {
    const h = healthCard(hostile, explain);
    expect(validateCard(h)).toEqual([]);
    const [row] = rowsOf(h);
    const [title, subtitle] = textsOf(row);
    expect(formattingIn(title)).toEqual([]);
    expect(disguisedLinks(title)).toEqual([]);
    const shown = (t: string) => unescapeMarkdown(t).replace(/\u200b/g, '');
    expect(shown(title)).toBe('[click me](https://evil.example) **FS** ${leak}');
    expect(formattingIn(subtitle)).toEqual([]);
    expect(shown(subtitle)).toContain('<img src=x onerror=alert(1)> # D:\\share');
    expect(shown(textsOf(row)[2])).toBe('*Error*');
  });
});

describe('the health card in every theme', () => {
  it('uses the host semantic styles for state and never tints text (readable in light, dark and high contrast)', () => {
    for (const h of [mixed, allHealthy, empty]) {
      const json = JSON.stringify(healthCard(h, explain));
      expect(json).not.toMatch(/"color":/);
    }
    const summary = byId(healthCard(mixed, explain), 'summary');
    expect(summary).toMatchObject({ type: 'Container', style: 'attention' });
  });
});
