import { AppError } from '../errors';

/** A sync group, as `resource-group/storage-sync-service/sync-group`. */
export interface SyncGroupTarget {
  resourceGroup: string;
  service: string;
  group: string;
}

const NAME = /^[\w.()-]{1,90}$/;
const ARM_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.StorageSync\/storageSyncServices\/([^/]+)\/syncGroups\/([^/]+)\/?$/i;

/** Reads `rg/service/group` or a sync group's ARM resource id; the error shows the form. */
export function parseTarget(text: string): SyncGroupTarget {
  const t = text.trim();
  const arm = ARM_ID.exec(t);
  const parts = arm ? arm.slice(1, 4) : t.split('/');
  if (parts.length !== 3 || !parts.every((p) => NAME.test(p))) {
    throw new AppError(
      'request_invalid',
      'name the sync group as resource-group/storage-sync-service/sync-group',
    );
  }
  const [resourceGroup, service, group] = parts;
  return { resourceGroup, service, group };
}

/** The target's canonical text: names are case-insensitive in Azure. */
export function targetKey(t: SyncGroupTarget): string {
  return `${t.resourceGroup}/${t.service}/${t.group}`.toLowerCase();
}
