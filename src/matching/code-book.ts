import type { Entry, KnowledgeIndex } from '../knowledge/schema';

/** What one exact code spelling points at. */
export interface CodeHit {
  entry: Entry;
  /** The entry's code that matched (index into entry.codes). */
  code: number;
}

/** Uppercase with the usual prefixes removed: `ECS_E_SYNC_FILE_IN_USE` -> `SYNC_FILE_IN_USE`. */
export function stemName(name: string): string {
  return name
    .toUpperCase()
    .replace(/^(ECS_E_|ECS_|ERROR_|E_|COR_E_|SYNC_E_|WININET_E_|JET_ERR)/, '');
}

/** Exact lookups from every code spelling the knowledge holds to its entries. */
export class CodeBook {
  readonly byHex = new Map<string, CodeHit[]>();
  /** Decimal spellings the articles give that disagree with the hex. */
  readonly byAlias = new Map<string, CodeHit[]>();
  /** Error strings and names, uppercased. */
  readonly byName = new Map<string, CodeHit[]>();
  /** MARS ids: decimal as written, hex uppercased with `0x`. */
  readonly byMarsId = new Map<string, CodeHit[]>();
  /** Every name, for fragment and typo matching. */
  readonly names: string[] = [];
  readonly stems = new Map<string, string[]>();
  /** Names and their stems, each to the names it spells, for typo lookups (a few hundred). */
  readonly spellingOf = new Map<string, string[]>();

  constructor(readonly index: KnowledgeIndex) {
    const add = (map: Map<string, CodeHit[]>, key: string, hit: CodeHit) => {
      const list = map.get(key) ?? [];
      if (!list.some((h) => h.entry === hit.entry)) list.push(hit);
      map.set(key, list);
    };
    for (const entry of index.entries) {
      entry.codes.forEach((c, code) => {
        const hit = { entry, code };
        if (c.hresult) add(this.byHex, c.hresult, hit);
        if (c.marsId) add(this.byMarsId, c.marsId.toUpperCase().replace(/^0X/, '0x'), hit);
        for (const name of [c.errorString, ...c.aliases]) {
          if (!name) continue;
          if (/^-?\d+$/.test(name)) add(this.byAlias, name, hit);
          else add(this.byName, name.toUpperCase(), hit);
        }
      });
    }
    this.names.push(...[...this.byName.keys()].sort());
    for (const n of this.names) {
      const s = stemName(n);
      this.stems.set(s, [...(this.stems.get(s) ?? []), n]);
      for (const spelling of [n, s]) {
        const list = this.spellingOf.get(spelling) ?? [];
        if (!list.includes(n)) list.push(n);
        this.spellingOf.set(spelling, list);
      }
    }
  }

  /** Name of the code behind an HRESULT (the newest article's error string). */
  nameOf(hex: string): string | undefined {
    const hit = this.byHex.get(hex)?.[0];
    return hit ? (hit.entry.codes[hit.code].errorString ?? undefined) : undefined;
  }
}
