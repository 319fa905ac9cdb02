import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { perItemContext, readEvents } from '../../src/matching/events';
import { FIXTURES } from '../helpers';

const sample = (name: string) => readFileSync(join(FIXTURES, 'events', name), 'utf8');

describe('reading pasted events', () => {
  it('reads a failed 9102 session', () => {
    const [ev] = readEvents(sample('9102-failed.txt'));
    expect(ev).toMatchObject({
      event: '9102',
      direction: 'Upload',
      hresult: '0x80c8305f',
      perItemErrorCount: 0,
    });
  });

  it('reads a successful 9102 with per-item errors, including a field written without a colon', () => {
    const [ev] = readEvents(sample('9102-peritem.txt'));
    expect(ev).toMatchObject({
      event: '9102',
      hresult: '0x00000000',
      perItemErrorCount: 4,
      appliedFileCount: 21,
      appliedTombstoneCount: 1,
    });
    expect(ev.correlationId).toBe('B41C7E20-93D5-4F6A-8E1B-2C7D9A05F6E8');
  });

  it('reads 9302 progress as a percentage', () => {
    const [ev] = readEvents(sample('9302.txt'));
    expect(ev).toMatchObject({
      event: '9302',
      direction: 'Upload',
      appliedItemCount: 14,
      totalItemCount: 28,
      progressPercent: 50,
      perItemErrorCount: 4,
    });
    expect(ev.syncGroup).toBe('SG-Finance');
    expect(ev.serverEndpoint).toBe('FS01-Finance');
  });

  it('reads the per-item error counts of a FileSyncErrorsReport.ps1 output', () => {
    const [ev] = readEvents(sample('errors-report.txt'));
    expect(ev.event).toBe('errors-report');
    expect(ev.itemErrors).toEqual([
      { hresult: '0x8007007b', count: 2 },
      { hresult: '0x80070020', count: 1 },
      { hresult: '0x80c80207', count: 1 },
    ]);
  });

  it('reads a 9102 pasted without its title line', () => {
    const [ev] = readEvents('SyncDirection: Download, HResult: -2147023673, PerItemErrorCount: 0');
    expect(ev).toMatchObject({ event: '9102', direction: 'Download', hresult: '0x800704c7' });
  });

  it('reads each of several pasted events', () => {
    const both = sample('9102-failed.txt') + '\n' + sample('9302.txt');
    expect(readEvents(both).map((e) => e.event)).toEqual(['9102', '9302']);
  });

  it('tells per-item context from session context', () => {
    expect(perItemContext('FileSyncErrorsReport shows 0x80070005 for some files', [])).toBe(true);
    expect(perItemContext('sync session fails with 0x80070005', [])).toBe(false);
    expect(perItemContext('', readEvents(sample('9102-failed.txt')))).toBe(false);
  });

  it('returns nothing for text that holds no event', () => {
    expect(readEvents('how do I monitor sync health?')).toEqual([]);
  });
});

describe('reading the other event samples', () => {
  it('reads per-item summaries (9121) and their codes', () => {
    const text = sample('9121.txt');
    const events = readEvents(text);
    expect(events.map((e) => e.event)).toEqual(['9121', '9121']);
    expect(events.map((e) => e.hresult)).toEqual(['0x8007007b', '0x80070020']);
    expect(perItemContext(text, events)).toBe(true);
  });

  it('reads a tiering error distribution (9003)', () => {
    const [ev] = readEvents(sample('9003.txt'));
    expect(ev.event).toBe('9003');
  });
});
