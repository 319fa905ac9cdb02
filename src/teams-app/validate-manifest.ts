import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/** The newest Teams manifest schema that `@microsoft/app-manifest` ships (the template's version). */
export const MANIFEST_SCHEMA_VERSION = '1.30';

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  // The official schema, read from the package on disk: validation works offline.
  const file = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${MANIFEST_SCHEMA_VERSION}/MicrosoftTeams.schema.json`,
  );
  const schema = JSON.parse(readFileSync(file, 'utf8')) as object;
  // NOTE: strict off: the official schema omits `type` beside some keywords, which strict mode
  // reports as errors in the schema itself, not in the manifest.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/**
 * Checks a manifest against the official Teams JSON schema (draft-04).
 * Returns one readable line per problem (`/bots/0/botId: must match pattern …`); empty when valid.
 */
export function validateManifest(manifest: unknown): string[] {
  validator ??= compile();
  if (validator(manifest)) return [];
  return (validator.errors ?? []).map((e) => {
    const where = e.instancePath || '/';
    const detail =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
        : e.keyword === 'enum'
          ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
          : '';
    return `${where}: ${e.message ?? e.keyword}${detail}`;
  });
}
