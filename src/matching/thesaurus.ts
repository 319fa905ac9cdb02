/**
 * The field's concepts as people name them, expanded on the question's side (by `text.ts`): a
 * word on the left also searches the stems on the right. The entries are indexed as written:
 * expanding them too would add the synonyms to every entry that has the word, changing their
 * lengths and the terms' rarity. Only general vocabulary of Azure File Sync, Windows servers and
 * the MARS agent; never the wording of a particular question.
 */
export const THESAURUS: Record<string, string[]> = {
  // Failing and errors: an admin says "failure", the article says "error" or "fails".
  failure: ['fail', 'error'],
  failures: ['fail', 'error'],
  failing: ['fail'],
  // Seeing what happens: the articles say "monitor".
  watch: ['monitor'],
  track: ['monitor'],
  tracking: ['monitor'],
  logged: ['log', 'event'],
  logs: ['log', 'event'],
  // Identity and rights.
  auth: ['authentication'],
  authn: ['authentication'],
  authorization: ['authorize', 'permission'],
  unauthorized: ['authorize', 'permission'],
  rights: ['permission', 'access'],
  permissions: ['permission', 'access'],
  // Time: a server clock that is off is the server time.
  clock: ['time'],
  expiry: ['expire'],
  expiration: ['expire'],
  expired: ['expire'],
  // Storage on the server: drives and disks are volumes.
  drive: ['volume'],
  drives: ['volume'],
  disk: ['volume', 'disk'],
  disks: ['volume', 'disk'],
  // Azure side: a "share" in this field is the Azure file share of a cloud endpoint.
  share: ['share', 'azure'],
  vm: ['virtual', 'machine'],
  // Cloud tiering as people name it: files offloaded (dehydrated) to Azure, pulled back (hydrated).
  offload: ['tier'],
  offloaded: ['tier'],
  offloading: ['tier'],
  dehydrate: ['tier'],
  dehydrated: ['tier'],
  dehydrating: ['tier'],
  hydrate: ['recall'],
  hydrated: ['recall'],
  hydrating: ['recall'],
  hydration: ['recall'],
  rehydrate: ['recall'],
  rehydrated: ['recall'],
  rehydrating: ['recall'],
  rehydration: ['recall'],
  // A session that stops before it ends: the articles say cancelled.
  abort: ['cancel', 'cancelled'],
  aborts: ['cancel', 'cancelled'],
  aborted: ['cancel', 'cancelled'],
  aborting: ['cancel', 'cancelled'],
  // Numbers about what happens: the articles monitor.
  metrics: ['monitor'],
  statistics: ['monitor', 'stat'],
  stats: ['monitor', 'stat'],
  // Letting traffic through: an allow list is a firewall's.
  whitelist: ['allow', 'firewall'],
  whitelisted: ['allow', 'firewall'],
  allowlist: ['allow', 'firewall'],
  allowlisted: ['allow', 'firewall'],
  // Antivirus products by name: their scans open files, and recall tiered ones.
  defender: ['antivirus'],
  sophos: ['antivirus'],
  mcafee: ['antivirus'],
  symantec: ['antivirus'],
  crowdstrike: ['antivirus'],
  sentinelone: ['antivirus'],
  kaspersky: ['antivirus'],
  bitdefender: ['antivirus'],
  eset: ['antivirus'],
  malwarebytes: ['antivirus'],
  webroot: ['antivirus'],
  trendmicro: ['antivirus'],
  cylance: ['antivirus'],
  reboot: ['restart'],
  rebooted: ['restart'],
  reboots: ['restart'],
};
