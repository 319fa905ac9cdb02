import { escapeMarkdown } from '../../cards';
import { AppError } from '../../errors';
import { parseTarget, type SyncGroupTarget } from '../../health/sync-group-target';

/** Matches `<name> <target>` (and `<name>` alone, so the usage can be explained). */
export function targetArgs(name: string, text: string): string[] | null {
  const m = new RegExp(`^/?${name}(?:\\s+(\\S+))?\\s*$`, 'i').exec(text.trim());
  return m ? [m[1] ?? ''] : null;
}

/** The sync group a command names, or the sentence that tells the person the form. */
export function targetOrUsage(
  arg: string,
  usage: string,
): { target: SyncGroupTarget } | { usage: string } {
  try {
    return { target: parseTarget(arg) };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return {
      // NOTE: message text is markdown: unescaped, `<resource-group>` would read as an HTML tag.
      usage: `Usage: ${escapeMarkdown(usage)} (resource-group/storage-sync-service/sync-group, or the sync group's resource id).`,
    };
  }
}

/** A target as text safe in a Teams message (names come from the person). */
export const shown = (t: SyncGroupTarget) =>
  escapeMarkdown(`${t.resourceGroup}/${t.service}/${t.group}`);
