import { loadIndex } from '../../src/knowledge/load';
import { CodeBook } from '../../src/matching/code-book';
import { MAX_CODES, MAX_UNKNOWN_CODES, extractCodes } from '../../src/matching/extract-codes';

const book = new CodeBook(loadIndex());
const codes = (text: string) => extractCodes(text, book).map((c) => c.hresult);
const forms = (text: string) =>
  extractCodes(text, book).map((c) => `${c.hresult}:${c.form}:${c.known}`);

describe('finding codes in text', () => {
  it.each([
    ['0x80c8305f'],
    ['0X80C8305F'],
    ['sync fails with 80C8305F on FS01'],
    ['HResult: -2134364065,'],
    ['Error code: -2134364065'],
    ['unsigned 2160603231 in the log'],
    ['ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED'],
    ['ecs_e_external_storage_account_authorization_failed'],
    ['old name ECS_E_CANNOT_ACCESS_EXTERNAL_STORAGE_ACCOUNT'],
  ])('finds 0x80c8305f in %j', (text) => {
    expect(codes(text)).toEqual(['0x80c8305f']);
  });

  it('finds an error string from a distinctive fragment', () => {
    expect(forms('getting KNOWLEDGE_LIMIT_REACHED on the big share')).toEqual([
      '0x80c8021c:fragment:true',
    ]);
    expect(codes('SOFT_LIMIT_REACHED')).toEqual(['0x80c8023b']);
  });

  it('finds an error string with one or two typos', () => {
    expect(forms('ECS_E_SYNC_METADATA_KNOWLEGE_LIMIT_REACHED')).toEqual(['0x80c8021c:typo:true']);
    expect(codes('ECS_E_REPLCA_NOT_REDY')).toEqual(['0x80c8300f']);
  });

  it('maps a short Win32 code to its HRESULT when the knowledge has it', () => {
    expect(forms('error 0x4c3 when mapping the share')).toEqual(['0x800704c3:win32:true']);
  });

  it('takes the right code for a decimal an article gave to another row', () => {
    expect(codes('-2134364145')).toEqual(['0x80c8300f']);
    expect(forms('-2147942467')).toEqual(['0x80070043:alias:true']);
  });

  it('finds MARS ids in their written forms', () => {
    const marsIds = (t: string) =>
      extractCodes(t, book)
        .filter((c) => c.mars)
        .map((c) => c.decimal);
    expect(marsIds('Invalid vault credentials provided. (ID: 34513)')).toEqual([34513]);
    expect(marsIds('Error 34506. The encryption passphrase')).toEqual([34506]);
    expect(marsIds('internal service error [0x1FC07]')).toEqual([0x1fc07]);
    expect(marsIds('still 230006 after renaming')).toEqual([230006]);
  });

  it('finds several codes in one message, in order', () => {
    expect(codes('first 0x80c8305f then -2147023673 and ECS_E_SYNC_FILE_IN_USE')).toEqual([
      '0x80c8305f',
      '0x800704c7',
      '0x80c80018',
    ]);
  });

  it('reports a well-formed code the knowledge lacks as unknown', () => {
    expect(forms('0x80c8ffff')).toEqual(['0x80c8ffff:hex:false']);
  });

  it.each([
    ['a GUID', 'CorrelationId: {80C8305F-5B5C-461D-AAE6-4ED724762B65}'],
    ['a Unicode code point', 'the character 0x0000FDD0 renders as a box'],
    ['years and ports', 'since March 2024 on port 8080 and 443'],
    ['a small hex flag', 'flags 0x1 and 0x20'],
    ['a success result', 'HResult: 0, ErrorCode 0x0'],
    ['a hash in a stack trace', 'at com.example.Foo@6d06d69c'],
  ])('ignores %s', (_label, text) => {
    expect(codes(text)).toEqual([]);
  });
});

describe('codes in running text', () => {
  it.each([
    ['sync fails with -2134364065.', '0x80c8305f:decimal:true'],
    ['sync fails with -2134364065, then stops', '0x80c8305f:decimal:true'],
    ['the log says (-2134364065)', '0x80c8305f:decimal:true'],
    ['"-2134364065"', '0x80c8305f:decimal:true'],
    ["'-2134364065'", '0x80c8305f:decimal:true'],
    ['{-2134364065}', '0x80c8305f:decimal:true'],
    ['HResult: -2134364065;', '0x80c8305f:decimal:true'],
    ['[0x80c8305f]', '0x80c8305f:hex:true'],
    ['it failed with 0x80c8305f.', '0x80c8305f:hex:true'],
    ["hr='0x80c8305f',", '0x80c8305f:hex:true'],
    ['unsigned it reads 2160603231.', '0x80c8305f:unsigned:true'],
    ['(2160603231)', '0x80c8305f:unsigned:true'],
    ['codes 0x80c8305f, -2134364065.', '0x80c8305f:hex:true'],
  ])('finds the code in %j', (text, expected) => {
    expect(forms(text)).toEqual([expected]);
  });

  it.each([
    ['a decimal fraction', 'the ratio was -2134364065.5'],
    ['a dotted version', 'build 2160603231.1 of the tool'],
    ['a code point', 'file names with 0x0000FDD0 or 0x0000FFFE are not supported'],
    ['event ids', 'events 9102 and 9302 in the telemetry log, also 9121'],
    ['ports', 'open ports 443 and 5985 on the firewall'],
    ['agent versions', 'agent version 4.3.0.0, then 18.0.0.0 and 19.1.0.0'],
  ])('reads %s as what it is, not an HRESULT', (_what, text) => {
    expect(forms(text)).toEqual([]);
  });

  it.each([
    'Win32 error 1219 when mapping the share',
    'System error 1219 has occurred.',
    'net use fails with error 1219',
  ])('reads a Win32 error in %j as its HRESULT', (text) => {
    expect(forms(text)).toEqual(['0x800704c3:win32:true']);
  });

  it('decodes a Win32 error the knowledge lacks without calling it known', () => {
    expect(forms('Win32 error 5 on the share')).toEqual(['0x80070005:win32:true']);
    expect(forms('system error 1231')).toEqual(['0x800704cf:win32:false']);
  });

  it('keeps the first codes of a paste of hundreds, known codes always', () => {
    const unknown = Array.from({ length: 500 }, (_, i) => `0x80ff${(i + 0x1000).toString(16)}`);
    const found = extractCodes(`${unknown.join(', ')}, and 0x80c8305f`, book);
    expect(found.filter((f) => !f.known)).toHaveLength(MAX_UNKNOWN_CODES);
    expect(found.map((f) => f.hresult)).toContain('0x80c8305f');
    expect(found.length).toBeLessThanOrEqual(MAX_CODES);
  });
});
