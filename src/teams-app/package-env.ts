import { z } from 'zod';
import { AppError } from '../errors';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// NOTE: a host name only. Teams compares validDomains with the host of every tab URL, and the
// template adds the scheme and paths itself, so `https://…` or a trailing `/api` would break both.
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A page people open from the app's details: https only. */
const httpsUrl = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .url(`must be the https URL of your ${what}`)
      .refine((v) => v.startsWith('https://'), `must be the https URL of your ${what}`)
      .optional(),
  );

const PackageEnvSchema = z.object({
  PRIVACY_URL: httpsUrl('privacy statement'),
  TERMS_URL: httpsUrl('terms of use'),
  MicrosoftAppId: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'required: the bot app registration id (a GUID)' })
      .uuid('must be the bot app registration id (a GUID)'),
  ),
  BOT_DOMAIN: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'required: the public host name of the bot, e.g. afsbot.azurewebsites.net' })
      .regex(
        HOST_NAME,
        'must be a public host name with no scheme, port or path (e.g. afsbot.azurewebsites.net)',
      ),
  ),
});

/** The settings the Teams app package is built from. */
export interface PackageEnv {
  /** The bot's Entra app id: also the Teams app id. */
  appId: string;
  /** The host name Teams reaches the bot and its tab on. */
  domain: string;
  /** The organisation's privacy statement (default: the bot's own page). */
  privacyUrl?: string;
  /** The organisation's terms of use (default: the bot's own page). */
  termsUrl?: string;
}

/**
 * Reads `MicrosoftAppId`, `BOT_DOMAIN` and the optional `PRIVACY_URL` and `TERMS_URL` from an
 * environment (a pure function).
 * Throws an AppError `package_env_invalid` naming every variable that is missing or wrong.
 */
export function readPackageEnv(env: Record<string, string | undefined>): PackageEnv {
  const parsed = PackageEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new AppError('package_env_invalid', `invalid environment: ${problems.join('; ')}`);
  }
  return {
    appId: parsed.data.MicrosoftAppId.toLowerCase(),
    domain: parsed.data.BOT_DOMAIN.toLowerCase(),
    ...(parsed.data.PRIVACY_URL ? { privacyUrl: parsed.data.PRIVACY_URL } : {}),
    ...(parsed.data.TERMS_URL ? { termsUrl: parsed.data.TERMS_URL } : {}),
  };
}
