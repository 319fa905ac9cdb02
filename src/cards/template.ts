import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root';
import { AppError } from '../errors';
import { CardTemplate } from './expand-template';
import type { AdaptiveCard, CardNode } from './types';

/** The templates in `cards/`, by file name without `.json`. */
export const TEMPLATE_NAMES = [
  'answer',
  'event-summary',
  'other-matches',
  'multi-code',
  'did-you-mean',
  'unknown-code',
  'off-topic',
  'welcome',
  'help',
  'notification',
  'health',
  'gaps',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Where the templates live: `cards/` at the package root. */
export const TEMPLATE_DIR = join(projectRoot(), 'cards');

const cache = new Map<TemplateName, CardTemplate>();

function load(name: TemplateName): CardTemplate {
  const hit = cache.get(name);
  if (hit) return hit;
  const path = join(TEMPLATE_DIR, `${name}.json`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError(
      'card_template_missing',
      `cannot read the card template ${path} (${(err as Error).message}); it ships in cards/ beside package.json`,
    );
  }
  const template = new CardTemplate(json, `cards/${name}.json`);
  cache.set(name, template);
  return template;
}

/**
 * Expands a template with a view model. Every field a template names must be defined in the
 * view model (the view-model types require them): an undefined one is left as `${field}`, as
 * the Adaptive Cards templating engine leaves it; the tests check the output for that.
 */
export function expand(name: TemplateName, data: object): unknown {
  return load(name).expand(data);
}

/** Expands a card template and checks that the result is a card. */
export function expandCard(name: TemplateName, data: object): AdaptiveCard {
  const out = expand(name, data) as Partial<AdaptiveCard> | null;
  if (!out || out.type !== 'AdaptiveCard' || !Array.isArray(out.body)) {
    throw new AppError('card_template_invalid', `cards/${name}.json did not expand to a card`);
  }
  return { ...out, actions: Array.isArray(out.actions) ? out.actions : [] } as AdaptiveCard;
}

/** Expands a fragment template (one element). */
export function expandElement(name: TemplateName, data: object): CardNode {
  const out = expand(name, data) as CardNode | null;
  if (!out || typeof out.type !== 'string') {
    throw new AppError('card_template_invalid', `cards/${name}.json did not expand to an element`);
  }
  return out;
}
