import { plainText } from './escape';
import { MAX_PRIMARY_ACTIONS } from './types';

/** Shown as a button, or moved to the overflow menu. */
export type ActionMode = 'primary' | 'secondary';

/** The view model of an Action.OpenUrl in a template. */
export interface OpenUrlView {
  title: string;
  url: string;
  mode: ActionMode;
}

/** The view model of an Action.Execute in a template (the bot answers its `adaptiveCard/action`). */
export interface ExecuteView {
  title: string;
  verb: string;
  data: Record<string, string | boolean>;
  mode: ActionMode;
}

/** Longest button title: Teams cuts longer ones anyway, mid-word. */
export const MAX_ACTION_TITLE = 40;

/** An Action.Execute that shows one entry (verb `show`). */
export function showAction(entryId: string, title: string): ExecuteView {
  return {
    title: plainText(title, MAX_ACTION_TITLE),
    verb: 'show',
    data: { entryId },
    mode: 'primary',
  };
}

/** The two feedback buttons of an answer (verb `feedback`). */
export function feedbackActions(entryId: string): ExecuteView[] {
  return [
    { title: 'Helpful', verb: 'feedback', data: { entryId, helpful: true }, mode: 'primary' },
    { title: 'Not helpful', verb: 'feedback', data: { entryId, helpful: false }, mode: 'primary' },
  ];
}

/**
 * Marks actions primary in order of importance until MAX_PRIMARY_ACTIONS, the rest secondary.
 * `ranked` lists them most important first; the card keeps its own order.
 */
export function assignModes<T extends { mode: ActionMode }>(ranked: T[]): void {
  ranked.forEach((a, i) => {
    a.mode = i < MAX_PRIMARY_ACTIONS ? 'primary' : 'secondary';
  });
}
