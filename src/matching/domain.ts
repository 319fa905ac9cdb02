import type { Product } from '../knowledge/schema';
import { analyze, stem, type Analyzed } from './text';

const stems = (words: string) => words.split(/\s+/).filter(Boolean).map(stem);

/**
 * Words that name one product and not the other: Azure File Sync's sync, tiering and endpoints;
 * the backup agent's vault, passphrase and engine.
 */
const PRODUCT_WORDS: [Product, Set<string>][] = (
  [
    [
      'azure-file-sync',
      `afs filesync storagesync sync tier recall ghost endpoint cloudendpoint serverendpoint itemresult
      filesyncerrorsreport afsdiag storagesyncagent filesyncsvc fltmc`,
    ],
    ['mars-agent', 'mars mab vault rsv passphrase cbengine obengine backup'],
  ] as const
).map(([product, words]) => [product, new Set(stems(words))]);

/**
 * Words that place a message in this bot's field: either product's own words, and those both
 * speak of (the agent, its credentials, the scratch folder, restores, transfers, the event ids).
 * A free-text question is answered confidently only in their company (stems, as analyzed).
 */
const DOMAIN = new Set([
  ...PRODUCT_WORDS.flatMap(([, words]) => [...words]),
  ...stems('agent credential scratch restore upload download 9102 9302 9121 9003 9006 9059'),
]);

/** Words of one product: what the thesaurus reads a word as places it only when it is one of them. */
const PRODUCT_ONLY = new Set(PRODUCT_WORDS.flatMap(([, words]) => [...words]));

/** A word of the field, or one the thesaurus reads as a product's own. */
const places = (a: Analyzed) => DOMAIN.has(a.term) || a.expansions.some((x) => PRODUCT_ONLY.has(x));

/**
 * True when the message says something of Azure File Sync or the MARS agent: a word of the field,
 * or one the thesaurus reads as a product's own ("SE" the server endpoint, "offloaded" tiered).
 * Words read as shared ones do not place it: a browser's cache is not the scratch folder.
 */
export function inDomain(text: string): boolean {
  return analyze(text).some(places);
}

/** The products a message names by words of one product alone (`PRODUCT_WORDS`). */
export function productsNamed(text: string): Set<Product> {
  const named = new Set<Product>();
  for (const a of analyze(text))
    for (const [product, words] of PRODUCT_WORDS) if (words.has(a.term)) named.add(product);
  return named;
}

/**
 * Other products and devices a helpdesk is asked about, which neither product's articles speak
 * of. Office's applications, browsers and antivirus products are not among them: files in use by
 * Excel, a browser that fails to download the vault credentials and a scan that recalls files are
 * questions of the field.
 */
const ELSEWHERE = new Set(
  stems(`vpn wifi printer iphone ipad android bluetooth keyboard mouse headset webcam zoom slack
  calendar meeting intune email mail`),
);
/**
 * Services that sync, back up and restore on their own: "OneDrive sync is stuck" or "restore a
 * deleted email in Outlook" speaks of them, not of this field, unless a word of the field's own
 * (not sync, backup or restore alone) says otherwise. Not Exchange: the MARS agent backs up an
 * Exchange server's files, and an alert email speaks of whatever it reports.
 */
const SYNCS_ELSEWHERE = new Set(stems('outlook mailbox onedrive sharepoint icloud dropbox gdrive'));
/** The field's words any service that syncs or backs up shares. */
const SHARED_VERBS = new Set(stems('sync backup restore upload download agent credential'));

/** Where a message stands: in the field (`inDomain`), about another product, or neither. */
export type Placement = 'field' | 'elsewhere' | 'unplaced';

/**
 * Where a message stands, from one reading of it. It is about another product or device when it
 * names one and no word of the field itself (for a service that syncs on its own, none but the
 * words every such service shares): a word the thesaurus only reads as one ("offload my iPhone
 * photos") does not outweigh it.
 */
export function placementOf(text: string): Placement {
  const analyzed = analyze(text);
  const own = (a: Analyzed) => DOMAIN.has(a.term) && !SHARED_VERBS.has(a.term);
  if (analyzed.some((a) => SYNCS_ELSEWHERE.has(a.term)) && !analyzed.some(own)) return 'elsewhere';
  if (analyzed.some((a) => ELSEWHERE.has(a.term)) && !analyzed.some((a) => DOMAIN.has(a.term)))
    return 'elsewhere';
  return analyzed.some(places) ? 'field' : 'unplaced';
}
