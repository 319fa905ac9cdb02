import type { TurnContext } from 'botbuilder';
import { escapeMarkdown } from '../../cards';
import { AppError } from '../../errors';
import { parseTarget, type SyncGroupTarget } from '../../health/sync-group-target';

/** Matches `<name> <target>` (and `<name>` alone, so the usage can be explained). */
export function targetArgs(name: string, text: string): string[] | null {
  const m = new RegExp(`^/?${name}(?:\\s+(\\S+))?\\s*$`, 'i').exec(text.trim());
  return m ? [m[1] ?? ''] : null;
}

/** The sync group a command names, or null after telling the person the form. */
export async function targetOrUsage(
  context: TurnContext,
  arg: string,
  usage: string,
): Promise<SyncGroupTarget | null> {
  try {
    return parseTarget(arg);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await context.sendActivity(
      // NOTE: message text is markdown: unescaped, `<resource-group>` would read as an HTML tag.
      `Usage: ${escapeMarkdown(usage)} (resource-group/storage-sync-service/sync-group, or the sync group's resource id).`,
    );
    return null;
  }
}

/** A target as text safe in a Teams message (names come from the person). */
export const shown = (t: SyncGroupTarget) =>
  escapeMarkdown(`${t.resourceGroup}/${t.service}/${t.group}`);
