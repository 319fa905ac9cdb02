import { displayItems } from './display';
import type { Entry } from './schema';

/** Steps that destroy sync state: removing an endpoint, a sync group, a registration or metadata. */
export const DESTRUCTIVE =
  /\b(remove|delete|deprovision|unregister)\b[^.]*\b(server endpoints?|cloud endpoint|sync group|registration|registered server|metadata|SyncService)\b|\bReset-StorageSyncServer\b|right-click \W*SyncService\W*,? and then select \W*Delete/i;

/**
 * The guidance on deprovisioning a server endpoint: the root of the article whose own warning is
 * about deprovisioning ("Don't try to resolve sync issues by deprovisioning a server endpoint").
 */
export function isDeprovisionGuide(e: Entry): boolean {
  return (
    e.kind === 'overview' &&
    displayItems(e).some((i) => i.role === 'warning' && /\bdeprovisioning\b/i.test(i.text))
  );
}
