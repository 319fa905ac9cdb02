import { eventSummaryElement, eventView, formatBytes } from '../../src/cards/event-summary';
import type { EventSummary } from '../../src/matching/events';
import { allText, formattingIn } from './card-text';
import { events } from './fixtures';

const facts = (ev: EventSummary, names?: Record<string, string>) =>
  Object.fromEntries(
    eventView(ev, (h) => names?.[h]).facts.map((f) => [f.title, f.value] as const),
  );

describe('the summary of a pasted event', () => {
  it('explains a failed 9102: direction, result with its name, per-item errors', () => {
    const ev = events['9102-failed'];
    const v = eventView(ev, (h) =>
      h === '0x80c8305f' ? 'ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED' : undefined,
    );
    expect(v.verdict).toBe(
      'The session failed with 0x80c8305f ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED.',
    );
    expect(v.verdictColor).toBe('attention');
    const f = facts(ev);
    expect(f.Direction).toBe('Upload (server to Azure file share)');
    expect(f.Result).toBe('0x80c8305f');
    expect(f['Per-item errors']).toBe('0 items');
  });

  it('says a successful 9102 with per-item errors succeeded but left items behind, with applied counts', () => {
    const ev = events['9102-peritem'];
    const v = eventView(ev);
    expect(v.verdict).toBe(
      `The session succeeded, but ${ev.perItemErrorCount} items did not sync (per-item errors).`,
    );
    expect(v.verdictColor).toBe('warning');
    const f = facts(ev);
    expect(f.Result).toBe('succeeded (0x00000000)');
    expect(f.Applied).toBe(
      `${ev.appliedFileCount} files, ${ev.appliedDirCount} folders, ${ev.appliedTombstoneCount} deletion (${formatBytes(ev.appliedSizeBytes!)})`,
    );
    expect(f.Transferred).toContain(`${ev.failedToTransferFiles} failed`);
  });

  it('gives 9302 progress in percent of items and of bytes', () => {
    const ev = events['9302'];
    const bytesPct = Math.round((1000 * ev.appliedBytes!) / ev.totalBytes!) / 10;
    expect(eventView(ev).verdict).toBe(
      `Applied so far: ${ev.progressPercent}% of the items and ${bytesPct}% of the bytes.`,
    );
    const f = facts(ev);
    expect(f['Items applied']).toBe(
      `${ev.appliedItemCount} of ${ev.totalItemCount} (${ev.progressPercent}%)`,
    );
    expect(f['Bytes applied']).toBe(
      `${formatBytes(ev.appliedBytes!)} of ${formatBytes(ev.totalBytes!)} (${bytesPct}%)`,
    );
    expect(f['Per-item errors']).toBe(`${ev.perItemErrorCount} items`);
  });

  it('counts the per-item codes of an errors report, with their names', () => {
    const ev = events['errors-report'];
    const v = eventView(ev, (h) => (h === '0x8007007b' ? 'ERROR_INVALID_NAME' : undefined));
    const total = ev.itemErrors!.reduce((n, e) => n + e.count, 0);
    expect(v.verdict).toBe(
      `${total} items failing to sync, with ${ev.itemErrors!.length} error codes.`,
    );
    expect(v.itemErrors[0]).toEqual({ title: '0x8007007b', value: '2 items · ERROR_INVALID_NAME' });
    expect(v.itemErrors.map((f) => f.title)).toEqual(ev.itemErrors!.map((e) => e.hresult));
  });

  it('escapes names that came from the paste', () => {
    const ev: EventSummary = {
      event: '9102',
      syncGroup: '**[x](https://evil.example)**',
      serverEndpoint: '# FS01',
    };
    const f = facts(ev);
    expect(formattingIn(f['Sync group'])).toEqual([]);
    expect(formattingIn(f['Server endpoint'])).toEqual([]);
  });

  it('says so when a recognised event holds nothing to summarise', () => {
    const v = eventView({ event: '9006' });
    expect(v.verdict).toBe('It holds no counts or result to summarise.');
    expect(v.hasVerdict).toBe(true);
  });

  it('is a Container with the id "event" holding the facts', () => {
    const el = eventSummaryElement(events['9302']);
    expect(el).toMatchObject({ type: 'Container', id: 'event' });
    expect(allText(el)).toContain('event 9302, sync progress');
  });

  it('shows each fact on its own wrapping line and the verdict in a host style, default text', () => {
    const el = eventSummaryElement(events['9102-failed'], (h) =>
      h === '0x80c8305f' ? 'ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED' : undefined,
    );
    const json = JSON.stringify(el);
    expect(json).not.toContain('FactSet');
    expect(json).not.toMatch(/"color":/);
    const verdict = (el.items as { id?: string; style?: string }[]).find((n) => n.id === 'verdict');
    expect(verdict?.style).toBe('attention');
    expect(allText(el)).toContain('**Result:** 0x80c8305f ECS_\u200bE_\u200bEXTERNAL');
  });

  it('writes sizes the way Windows does', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(48211968)).toBe('46.0 MB');
  });
});
