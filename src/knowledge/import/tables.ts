import { hexOf, parseHex8, signedOf } from '../hresult';
import type { RemediationFlag } from '../schema';
import type { Diagnostics } from './diagnostics';
import { lineOf, oneLine, textOf, tidy, type MdNode } from './markdown-text';

/** One code row read from an article table, before any inference. */
export interface CodeRow {
  /** Null for a code known only by name (`"AuthorizationFailed"` in a title). */
  hresult: string | null;
  decimal: number | null;
  errorString: string | null;
  /** Spellings the article gives that disagree with the hex (kept so they still find the row). */
  badDecimals: string[];
  flag: RemediationFlag | null;
  line: number;
}

export type TableKind = 'codes' | 'per-item' | 'health' | 'mars' | 'other';

const cellText = (cell: MdNode | undefined) => (cell ? tidy(textOf(cell)) : '');
const key = (cell: MdNode | undefined) =>
  oneLine(cellText(cell)).toLowerCase().replace(/[*:]/g, '').trim();

/** Header cells of a table, lowercased. */
export function headerOf(table: MdNode): string[] {
  return (table.children?.[0]?.children ?? []).map((c) => key(c));
}

/** Decides what a table holds from its header. */
export function classifyTable(table: MdNode): TableKind {
  const h = headerOf(table);
  const firstKey = key(table.children?.[1]?.children?.[0]);
  if (
    h.length === 2 &&
    (h.join('|') === 'error|code' || h.join('|') === '|' || firstKey === 'hresult')
  ) {
    return 'codes';
  }
  if (h[0] === 'hresult' && h.includes('issue')) return 'per-item';
  if (h[0] === 'health status') return 'health';
  if (h.some((c) => /^recommended actions?$/.test(c))) return 'mars';
  return 'other';
}

/** Reads hex + decimal + name cells into a checked row; reports and returns null when unusable. */
export function readCode(
  hexText: string,
  decText: string,
  name: string,
  flagText: string,
  line: number,
  diag: Diagnostics,
): CodeRow | null {
  const hexClean = hexText.trim();
  const decClean = decText.trim().replace(/[\u2212\u2013]/g, '-');
  if (!hexClean && !decClean && !name.trim()) return null;
  let unsigned = hexClean ? parseHex8(hexClean) : null;
  if (hexClean && unsigned === null) {
    diag.error(line, `HRESULT "${hexClean}" is not a 32-bit hex code (0x + 8 hex digits)`);
    return null;
  }
  let decimal: number | null = null;
  if (decClean) {
    if (!/^-?\d+$/.test(decClean)) {
      diag.error(line, `HRESULT (decimal) "${decClean}" is not an integer`);
      return null;
    }
    decimal = Number(decClean);
  }
  const badDecimals: string[] = [];
  if (unsigned === null) {
    if (decimal === null || decimal < -0x8000_0000 || decimal > 0xffff_ffff) {
      diag.error(line, `row has no usable HRESULT (hex "${hexClean}", decimal "${decClean}")`);
      return null;
    }
    unsigned = decimal >>> 0;
    diag.warn(line, `HRESULT missing; derived ${hexOf(unsigned)} from the decimal ${decClean}`);
  } else if (decimal !== null && decimal !== signedOf(unsigned) && decimal !== unsigned) {
    const range = decimal < -0x8000_0000 || decimal > 0xffff_ffff ? ' (outside 32 bits)' : '';
    diag.warn(
      line,
      `hex and decimal disagree: ${hexOf(unsigned)} is ${signedOf(unsigned)}, the article gives ${decClean}${range}; hex kept, decimal kept as an alias`,
    );
    badDecimals.push(decClean);
  }
  const flagWord = flagText.trim().toLowerCase();
  let flag: RemediationFlag | null = null;
  if (flagWord === 'yes') flag = 'Yes';
  else if (flagWord === 'no') flag = 'No';
  else if (flagWord === 'maybe') flag = 'Maybe';
  else if (flagWord)
    diag.warn(
      line,
      `remediation required "${flagText.trim()}" is not Yes/No/Maybe; inferred instead`,
    );
  const errorString = name.trim().replace(/\s+/g, '') || null;
  return {
    hresult: hexOf(unsigned),
    decimal: signedOf(unsigned),
    errorString,
    badDecimals,
    flag,
    line,
  };
}

/** The code groups of a `| Error | Code |` table (one table may hold several codes). */
export function readCodeTable(table: MdNode, diag: Diagnostics): CodeRow[] {
  const rows = (table.children ?? []).slice(1);
  type Group = { hex: string; dec: string; name: string; flag: string; line: number; keys: number };
  const groups: Group[] = [];
  let g: Group | null = null;
  for (const row of rows) {
    const k = key(row.children?.[0]);
    const v = cellText(row.children?.[1]);
    if (!k) {
      g = null;
      continue;
    }
    if (!g || (k === 'hresult' && g.keys > 0)) {
      g = { hex: '', dec: '', name: '', flag: '', line: lineOf(row), keys: 0 };
      groups.push(g);
    }
    g.keys++;
    if (k === 'hresult') g.hex = v;
    else if (k === 'hresult (decimal)') g.dec = v;
    else if (k === 'error string') g.name = v;
    else if (k === 'remediation required') g.flag = v;
    else diag.warn(lineOf(row), `unknown row "${k}" in a code table`);
  }
  const out: CodeRow[] = [];
  for (const grp of groups) {
    if (!grp.hex && !grp.dec && !grp.name) {
      diag.warn(grp.line, 'empty code table: no HRESULT, decimal or error string');
      continue;
    }
    const row = readCode(grp.hex, grp.dec, grp.name, grp.flag, grp.line, diag);
    if (row) out.push(row);
  }
  if (groups.length === 0) diag.warn(lineOf(table), 'empty code table');
  return out;
}

/** A table as header → cell text records, with each row's line. Short rows are reported. */
export function readRecords(
  table: MdNode,
  diag: Diagnostics,
): { cells: Record<string, string>; raw: MdNode[]; line: number }[] {
  const header = headerOf(table);
  const out: { cells: Record<string, string>; raw: MdNode[]; line: number }[] = [];
  for (const row of (table.children ?? []).slice(1)) {
    const cells = row.children ?? [];
    const filled = cells.filter((c) => cellText(c)).length;
    if (filled === 0) continue;
    if (cells.length < header.length || filled < Math.min(2, header.length)) {
      diag.error(
        lineOf(row),
        `table row has ${filled} filled cells, the header has ${header.length}`,
      );
      continue;
    }
    const rec: Record<string, string> = {};
    header.forEach((h, i) => (rec[h] = cellText(cells[i])));
    out.push({ cells: rec, raw: cells, line: lineOf(row) });
  }
  return out;
}
