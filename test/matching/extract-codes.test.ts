import { loadIndex } from '../../src/knowledge/load';
import { CodeBook } from '../../src/matching/code-book';
import { extractCodes } from '../../src/matching/extract-codes';

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
