import { z } from 'zod';
import type { Entry, Product, RemediationFlag } from '../knowledge/schema';
import type { Matcher } from './ask';
import { extractCodes } from './extract-codes';

/** A browse request from the knowledge tab: text typed so far and the two filters. */
export const BrowseQuery = z
  .object({
    q: z.string().max(2000).default(''),
    product: z.enum(['azure-file-sync', 'mars-agent', '']).default(''),
    remediation: z.enum(['Yes', 'No', 'Maybe', '']).default(''),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type BrowseQuery = z.infer<typeof BrowseQuery>;

/** One code as the tab lists it. */
export interface CodeRow {
  code: string;
  decimal: number | null;
  name: string | null;
  remediationRequired: RemediationFlag;
  entryId: string;
  title: string;
  product: Product;
}

/** One entry in a result list: enough to show a row and open the entry. */
export interface BrowseItem {
  id: string;
  title: string;
  product: Product;
  kind: Entry['kind'];
  codes: { code: string; name: string | null; remediationRequired: RemediationFlag }[];
}

/** Results of a browse, best first, and how many matched before the limit. */
export interface BrowseResult {
  items: BrowseItem[];
  total: number;
}

const codeOf = (c: Entry['codes'][number]) => c.hresult ?? c.marsId ?? c.errorString ?? '';

function item(e: Entry): BrowseItem {
  return {
    id: e.id,
    title: e.title,
    product: e.product,
    kind: e.kind,
    codes: e.codes.slice(0, 6).map((c) => ({
      code: codeOf(c),
      name: c.errorString,
      remediationRequired: c.remediationRequired,
    })),
  };
}

/** A partly typed code: `0x80c8`, `80C83`, `-21343`, `ECS_E_SYNC` (4 characters or more). */
const PARTIAL_HEX = /^(?:0x)?([0-9a-f]{4,8})$/i;
const PARTIAL_DECIMAL = /^-?\d{4,10}$/;
const PARTIAL_NAME = /^[A-Z][A-Z0-9_]{3,}$/i;

/**
 * Searches the knowledge as the tab's search box types: exact codes first (any form the
 * matcher reads), then codes that start with what is typed, then free text ranked by the same
 * index the bot uses; an empty query lists every entry. Filters apply to all three.
 */
export function browse(matcher: Matcher, query: BrowseQuery): BrowseResult {
  const keep = (e: Entry) =>
    (!query.product || e.product === query.product) &&
    (!query.remediation || e.codes.some((c) => c.remediationRequired === query.remediation));
  const q = query.q.trim();
  const ordered: Entry[] = [];
  const add = (e: Entry | undefined) => {
    if (e && keep(e) && !ordered.includes(e)) ordered.push(e);
  };
  if (!q) {
    [...matcher.index.entries]
      .sort((a, b) => a.product.localeCompare(b.product) || a.title.localeCompare(b.title))
      .forEach(add);
  } else {
    for (const f of extractCodes(q, matcher.book)) for (const h of f.hits) add(h.entry);
    const token = q.replace(/\s+/g, '');
    const hex = PARTIAL_HEX.exec(token)?.[1]?.toLowerCase();
    if (hex || PARTIAL_DECIMAL.test(token) || PARTIAL_NAME.test(token)) {
      const upper = token.toUpperCase();
      for (const e of matcher.index.entries)
        for (const c of e.codes) {
          const hit =
            (hex && c.hresult?.slice(2).startsWith(hex)) ||
            (c.decimal !== null && String(c.decimal).startsWith(token)) ||
            (c.errorString && c.errorString.toUpperCase().includes(upper));
          if (hit) add(e);
        }
    }
    for (const h of matcher.text.search(q, 100).hits) add(h.entry);
  }
  return { items: ordered.slice(0, query.limit).map(item), total: ordered.length };
}

/** Every code the knowledge holds, once per entry that covers it, sorted by code. */
export function codeIndex(matcher: Matcher): CodeRow[] {
  const rows: CodeRow[] = [];
  for (const e of matcher.index.entries)
    for (const c of e.codes) {
      const code = c.hresult ?? c.marsId;
      if (!code) continue;
      rows.push({
        code,
        decimal: c.decimal,
        name: c.errorString,
        remediationRequired: c.remediationRequired,
        entryId: e.id,
        title: e.title,
        product: e.product,
      });
    }
  return rows.sort((a, b) => a.code.localeCompare(b.code) || a.title.localeCompare(b.title));
}
