import {
  decodeHresult,
  describeDecoding,
  fromWin32,
  hexOf,
  parseHex8,
  signedOf,
  unsignedOf,
} from '../../src/knowledge/hresult';

describe('HRESULT arithmetic', () => {
  it('writes unsigned values as lowercase 0x + 8 digits', () => {
    expect(hexOf(0x80c8305f)).toBe('0x80c8305f');
    expect(hexOf(5)).toBe('0x00000005');
  });

  it('converts between signed and unsigned 32-bit readings', () => {
    expect(signedOf(0x80c8305f)).toBe(-2134364065);
    expect(unsignedOf(-2134364065)).toBe(0x80c8305f);
    expect(unsignedOf(2160603231)).toBe(2160603231);
    expect(unsignedOf(-2147942467)).toBeNull();
  });

  it('parses 8-digit hex with or without 0x in any case and rejects anything else', () => {
    expect(parseHex8('0X80C8305F')).toBe(0x80c8305f);
    expect(parseHex8('80c8305f')).toBe(0x80c8305f);
    expect(parseHex8('0x4c3')).toBeNull();
    expect(parseHex8('0x80ZZ004c')).toBeNull();
  });

  it('maps a Win32 error to the HRESULT Windows reports', () => {
    expect(hexOf(fromWin32(0x4c3))).toBe('0x800704c3');
    expect(hexOf(fromWin32(5))).toBe('0x80070005');
  });

  it('decodes severity, facility and code; facility 7 gives the Win32 error', () => {
    const d = decodeHresult(0x80070005);
    expect(d).toMatchObject({
      severity: 1,
      facility: 7,
      facilityName: 'FACILITY_WIN32',
      code: 5,
      win32: 5,
    });
    const afs = decodeHresult(0x80c8305f);
    expect(afs).toMatchObject({ severity: 1, facility: 200, code: 0x305f, win32: null });
    expect(describeDecoding(d)).toContain('Win32 error 5');
  });

  it('marks NTSTATUS-mapped values', () => {
    expect(decodeHresult(0xc00000c4)).toMatchObject({
      severity: 1,
      ntStatus: false,
      customer: false,
      facility: 0,
    });
    expect(decodeHresult(0x8e5e044e).facility).toBe(0x65e);
  });
});
