import { AppError } from '../errors';

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

function fill(value: unknown, values: Record<string, string>, path: string): unknown {
  if (typeof value === 'string')
    return value.replace(PLACEHOLDER, (_all, name: string) => {
      const v = values[name];
      if (v === undefined)
        throw new AppError(
          'manifest_invalid',
          `manifest template: ${path} uses {{${name}}}, which has no value (known: ${Object.keys(values).join(', ')})`,
        );
      return v;
    });
  if (Array.isArray(value)) return value.map((v, i) => fill(v, values, `${path}/${i}`));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fill(v, values, `${path}/${k}`)]),
    );
  return value;
}

/**
 * The manifest template with every `{{NAME}}` in its string values replaced.
 * Values are substituted into parsed strings, never into JSON text, so no value can change the
 * document's structure; a placeholder without a value is an error that names where it is.
 */
export function fillTemplate(template: unknown, values: Record<string, string>): unknown {
  return fill(template, values, '');
}
