import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Templating from 'adaptivecards-templating';
import { projectRoot } from '../project-root';
import { AppError } from '../errors';
import type { AdaptiveCard, CardNode } from './types';

/** The templates in `cards/`, by file name without `.json`. */
export const TEMPLATE_NAMES = [
  'answer',
  'event-summary',
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

const cache = new Map<TemplateName, Templating.Template>();

function load(name: TemplateName): Templating.Template {
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
  // Loaded on first use: the templating engine takes a noticeable share of start-up time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load
  const engine = require('adaptivecards-templating') as typeof Templating;
  const template = new engine.Template(json);
  cache.set(name, template);
  return template;
}

/**
 * Expands a template with a view model. Every field a template names must be defined in the
 * view model (the view-model types require them): the engine leaves `${field}` in place for an
 * undefined one. NOTE: the engine also warns for every `$when` that is simply false, so its
 * warnings cannot tell a defect from a hidden element; the tests check the output instead.
 */
export function expand(name: TemplateName, data: object): unknown {
  return load(name).expand({ $root: data });
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
