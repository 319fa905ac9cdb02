import type { Product } from '../knowledge/schema';
import { analyze, stem } from './text';

/**
 * Words that place a message in this bot's field: Azure File Sync and the MARS agent. A
 * free-text question is answered confidently only in their company (stems, as analyzed).
 */
const DOMAIN = new Set(
  `afs filesync storagesync sync tier recall ghost endpoint cloudendpoint serverendpoint mar vault agent
  credential passphrase cbengine obengine scratch backup restore upload download itemresult
  filesyncerrorsreport afsdiag storagesyncagent filesyncsvc fltmc 9102 9302 9121 9003 9006 9059`
    .split(/\s+/)
    .filter(Boolean)
    .map(stem),
);

/** True when the message says something of Azure File Sync or the MARS agent. */
export function inDomain(text: string): boolean {
  return analyze(text).some((a) => DOMAIN.has(a.term));
}

/**
 * Words that name one product and not the other: Azure File Sync's sync, tiering and endpoints;
 * the backup agent's vault, passphrase and engine. Words both speak of (agent, restore, upload,
 * credential, scratch) name neither.
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
).map(([product, words]) => [product, new Set(words.split(/\s+/).filter(Boolean).map(stem))]);

/** The products a message names by words of one product alone (`PRODUCT_WORDS`). */
export function productsNamed(text: string): Set<Product> {
  const named = new Set<Product>();
  for (const a of analyze(text))
    for (const [product, words] of PRODUCT_WORDS) if (words.has(a.term)) named.add(product);
  return named;
}
