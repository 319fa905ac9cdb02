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
