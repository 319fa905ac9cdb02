import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_SCRUBBED_CHARS, scrub } from '../../src/gaps/scrub';
import { extractCodes } from '../../src/matching/extract-codes';
import { CodeBook } from '../../src/matching/code-book';
import { loadIndex } from '../../src/knowledge/load';
import { FIXTURES } from '../helpers';

const book = new CodeBook(loadIndex());
const codesOf = (t: string) => extractCodes(t, book).map((c) => c.hresult ?? c.name);

/** Every one of `secrets` is gone from the scrubbed text, and every code found before is still found. */
function expectScrubbed(text: string, secrets: string[], opts = {}): string {
  const out = scrub(text, opts);
  for (const s of secrets) expect(out.toLowerCase()).not.toContain(s.toLowerCase());
  expect(codesOf(out)).toEqual(codesOf(text));
  return out;
}

describe('scrub', () => {
  it('removes e-mail addresses, UPNs and down-level logon names', () => {
    const out = expectScrubbed(
      'Sync for jane.doe@contoso.com fails, UPN admin@contoso.onmicrosoft.com, run as CONTOSO\\svc-afs with 0x80c8305f',
      ['jane.doe', 'contoso', 'svc-afs'],
    );
    expect(out).toContain('[email]');
    expect(out).toContain('[user]');
    expect(out).toContain('0x80c8305f');
  });

  it('removes UNC paths, long paths and drive paths, spaces in folder names included', () => {
    const out = expectScrubbed(
      'Files under \\\\FS01\\Finance Share\\Q3 Reports\\budget.xlsx and \\\\?\\E:\\Shares\\Finance and D:\\Data\\HR Team\\x do not sync (0x80c80207)',
      ['FS01', 'Finance', 'Q3 Reports', 'budget', 'HR Team', 'Shares'],
    );
    expect(out).toMatch(/\[path\].*\[path\].*\[path\]/);
    expect(scrub('why is \\\\FS03\\Finance slow? Thanks')).toBe('why is [path] slow? Thanks');
    expect(scrub('copy to D:\\Data\\x.')).toBe('copy to [path].');
  });

  it('removes server, share and account names in prose but keeps the question words', () => {
    const out = expectScrubbed(
      'sync on FS01 fails with 0x80c8305f after we moved share finance-docs to storage account contosofiles01 in rg-prod-files',
      ['FS01', 'finance-docs', 'contosofiles01', 'rg-prod-files'],
    );
    expect(out).toMatch(/^sync on \[server\] fails with 0x80c8305f after we moved share \[share\]/);
    expect(out).toContain('storage account [account]');
  });

  it('removes IP addresses (v4 with ports, v6) but keeps agent versions and times', () => {
    const out = expectScrubbed(
      'server 10.0.4.21:443 and 2001:db8::7 cannot reach the service; agent version 17.2.0.0 at 10:30:00',
      ['10.0.4.21', '2001:db8::7'],
    );
    expect(out).toContain('17.2.0.0');
    expect(out).toContain('10:30:00');
    expect(out.match(/\[ip\]/g)).toHaveLength(2);
  });

  it('removes GUIDs, braced or not, and resource ids, keeping HRESULTs in hex and decimal', () => {
    const out = expectScrubbed(
      'HResult: -2134364065 on /subscriptions/3f6c2a91-5d4e-4b7a-9c1e-8a2b7d0e4f13/resourceGroups/rg-files/providers/Microsoft.StorageSync/storageSyncServices/sss-prod, CorrelationId: {6E2D1B7A-4C9F-4E3B-A1D2-0F5C8B7E9A34} volume 7c1a9e42-0000-0000-0000-100000000000',
      ['3f6c2a91', 'rg-files', 'sss-prod', '6E2D1B7A', '7c1a9e42'],
    );
    expect(out).toContain('-2134364065');
    expect(out).toContain('[resource-id]');
  });

  it('scrubs a pasted 9302 event: endpoint, sync group and share names go, the fields stay', () => {
    const text = readFileSync(join(FIXTURES, 'events', '9302.txt'), 'utf8');
    const out = expectScrubbed(text, ['FS01-Finance', 'SG-Finance', 'finance-share', 'B41C7E20']);
    expect(out).toContain('ServerEndpointName: [name]');
    expect(out).toContain('SyncGroupName: [name]');
    expect(out).toContain('AppliedItemCount: 14');
  });

  it('scrubs a pasted 9102 event and keeps its HResult so the answer is the same', () => {
    const text = readFileSync(join(FIXTURES, 'events', '9102-failed.txt'), 'utf8');
    const out = expectScrubbed(text, ['SG-Finance', '3f6c2a91', '6E2D1B7A']);
    expect(out).toContain('HResult: -2134364065');
  });

  it('scrubs the Event Viewer header: computer and user go, the event id and source stay', () => {
    const text = [
      'Log Name:      Microsoft-FileSync-Agent/Telemetry',
      'Source:        Microsoft-FileSync-Agent',
      'Event ID:      9102',
      'Level:         Error',
      'User:          CONTOSO\\afs-svc',
      'Computer:      FS01.corp.contoso.com',
      'HResult: -2134364065',
    ].join('\r\n');
    const out = expectScrubbed(text, ['afs-svc', 'FS01', 'contoso']);
    expect(out).toContain('Event ID:      9102');
    expect(out).toContain('Microsoft-FileSync-Agent/Telemetry');
  });

  it('scrubs PowerShell output and parameters: names and paths go, results stay', () => {
    const text = [
      'PS C:\\Users\\jdoe> Get-AzStorageSyncServerEndpoint -ResourceGroupName rg-files -StorageSyncServiceName sss-prod -SyncGroupName "Finance Sync"',
      '',
      'ServerLocalPath        : D:\\Shares\\Finance',
      'ServerResourceId       : /subscriptions/0000/resourceGroups/rg-files/x',
      'FriendlyName           : FS01',
      'SyncGroupName          : Finance Sync',
      'LastSyncResult         : -2134364065',
      'CloudTiering           : On',
    ].join('\n');
    const out = expectScrubbed(text, ['jdoe', 'rg-files', 'sss-prod', 'Finance', 'FS01']);
    expect(out).toContain('-ResourceGroupName [name]');
    expect(out).toContain('LastSyncResult         : -2134364065');
    expect(out).toContain('CloudTiering           : On');
  });

  it('scrubs event XML and JSON error details, keeping the codes', () => {
    const xml =
      '<Event><System><EventID>9102</EventID><Computer>FILESERVER</Computer><Security UserID="S-1-5-21-1004336348-1177238915-682003330-512" /></System>' +
      '<EventData><Data Name="ServerEndpointName">Finance</Data><Data Name="SyncGroupName">Finance Sync</Data>' +
      '<Data Name="HResult">-2134364065</Data><Data Name="ServerDataPath">\\\\?\\E:\\Shares\\Finance</Data></EventData></Event>';
    const out = expectScrubbed(xml, ['FILESERVER', 'Finance', '1004336348']);
    expect(out).toContain('<EventID>9102</EventID>');
    expect(out).toContain('<Data Name="HResult">-2134364065</Data>');
    const json =
      '{"error":{"code":"MgmtServerJobFailed","details":{"storageAccountName":"contosofiles","resourceGroupName":"Finance","serverName":"FILESERVER"}}}';
    const j = expectScrubbed(json, ['contosofiles', 'Finance', 'FILESERVER']);
    expect(j).toContain('"code":"MgmtServerJobFailed"');
  });

  it('removes the sender name, greetings, signatures and @mentions', () => {
    const out = expectScrubbed(
      'Hi Bob, Ada here: Azure File Sync shows 0x80c8305f on our server. @Carol Smith saw it too. Thanks, Ada Lovelace',
      ['Bob', 'Ada', 'Lovelace', 'Carol', 'Smith'],
      { names: ['Ada Lovelace'] },
    );
    expect(out).toContain('Azure File Sync shows 0x80c8305f on our server');
  });

  it('keeps error names, MARS ids and product terms', () => {
    const text =
      'ECS_E_SYNC_METADATA_KNOWLEDGE_SOFT_LIMIT_REACHED on Windows Server 2019 R2, MARS error ID: 34513 [0x1FC07], TLS1.2 and SMB3 over x64';
    expect(scrub(text)).toBe(text);
  });

  it('leaves plain questions untouched, words after "share" and "account" included', () => {
    for (const q of [
      'endpoint stuck on No Activity but the server shows Online?',
      'how do I verify the storage account behind my cloud endpoint still exists',
      'copied a folder into the azure file share thru the portal, when will it show up on the servers??',
      'our pdf generator shows a box for U+FDD0 (0x0000FDD0), which font has a glyph for it',
    ])
      expect(scrub(q)).toBe(q);
  });

  it('bounds what it keeps', () => {
    expect(scrub('sync fails '.repeat(10_000)).length).toBe(MAX_SCRUBBED_CHARS);
  });
});
