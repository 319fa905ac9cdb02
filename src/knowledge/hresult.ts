/** HRESULT arithmetic shared by the importer and the matcher. */

const TWO_32 = 0x1_0000_0000;

/** Lowercase `0x` + 8 hex digits for an unsigned 32-bit value. */
export function hexOf(unsigned: number): string {
  return '0x' + (unsigned >>> 0).toString(16).padStart(8, '0');
}

/** The signed 32-bit reading of an unsigned value. */
export function signedOf(unsigned: number): number {
  return unsigned | 0;
}

/** The unsigned reading of a signed (or unsigned) 32-bit value; null when out of range. */
export function unsignedOf(value: number): number | null {
  if (!Number.isInteger(value) || value < -0x8000_0000 || value >= TWO_32) return null;
  return value < 0 ? value + TWO_32 : value;
}

/** Parses `0x80c8305f` / `80C8305F` (8 hex digits); null for anything else. */
export function parseHex8(text: string): number | null {
  const m = /^(?:0x)?([0-9a-f]{8})$/i.exec(text.trim());
  return m ? parseInt(m[1], 16) : null;
}

/** HRESULT_FROM_WIN32: a Win32 error number as the HRESULT Windows reports. */
export function fromWin32(code: number): number {
  return code <= 0 ? code >>> 0 : ((code & 0xffff) | 0x8007_0000) >>> 0;
}

const FACILITIES: Record<number, string> = {
  0: 'FACILITY_NULL',
  1: 'FACILITY_RPC',
  2: 'FACILITY_DISPATCH',
  3: 'FACILITY_STORAGE',
  4: 'FACILITY_ITF',
  7: 'FACILITY_WIN32',
  8: 'FACILITY_WINDOWS',
  9: 'FACILITY_SECURITY',
  10: 'FACILITY_CONTROL',
  11: 'FACILITY_CERT',
  12: 'FACILITY_INTERNET',
  19: 'FACILITY_URT',
  25: 'FACILITY_HTTP',
  200: 'FACILITY_AZURE_FILE_SYNC',
  1630: 'FACILITY_ESE',
};

/** The parts of an HRESULT, as Windows lays them out. */
export interface HresultDecoding {
  hresult: string;
  decimal: number;
  unsigned: number;
  /** 1 when the code reports a failure. */
  severity: 0 | 1;
  /** The NTSTATUS-style customer bit (0x20000000). */
  customer: boolean;
  /** The N bit: the value is an NTSTATUS mapped into an HRESULT. */
  ntStatus: boolean;
  facility: number;
  facilityName: string | null;
  code: number;
  /** For facility 7 (WIN32), the Win32 error number. */
  win32: number | null;
}

/** Splits an HRESULT into severity, facility and code. */
export function decodeHresult(unsigned: number): HresultDecoding {
  const u = unsigned >>> 0;
  const facility = (u >>> 16) & 0x7ff;
  const code = u & 0xffff;
  const severity = (u >>> 31) as 0 | 1;
  return {
    hresult: hexOf(u),
    decimal: signedOf(u),
    unsigned: u,
    severity,
    customer: (u & 0x2000_0000) !== 0,
    ntStatus: (u & 0x1000_0000) !== 0,
    facility,
    facilityName: FACILITIES[facility] ?? null,
    code,
    win32: facility === 7 ? code : null,
  };
}

/** One line that explains a decoding to a person. */
export function describeDecoding(d: HresultDecoding): string {
  const parts = [
    `severity ${d.severity === 1 ? 'failure' : 'success'}`,
    `facility ${d.facility}${d.facilityName ? ` (${d.facilityName})` : ''}`,
    `code ${d.code} (0x${d.code.toString(16)})`,
  ];
  if (d.win32 !== null) parts.push(`Win32 error ${d.win32}`);
  if (d.ntStatus) parts.push('NTSTATUS-mapped');
  return `${d.hresult} = ${d.decimal}: ${parts.join(', ')}`;
}
