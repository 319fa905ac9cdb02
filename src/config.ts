import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { AppError } from './errors';
import { projectRoot } from './project-root';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An optional URL that must be https, or plain http to 127.0.0.1 (`what` says what runs there). */
const secureUrl = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .url('must be a URL')
      .refine((v) => {
        if (!URL.canParse(v)) return false;
        const u = new URL(v);
        return u.protocol === 'https:' || (u.protocol === 'http:' && u.hostname === '127.0.0.1');
      }, `must be https (or http://127.0.0.1 for ${what})`)
      .optional(),
  );

/** Environment variables read at start-up (README and .env.example), with their defaults. */
const Env = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: z.preprocess(blankToUndefined, z.string().min(1).optional()),
  MicrosoftAppId: z.preprocess(
    blankToUndefined,
    z.string().uuid('must be the bot app registration id (a GUID)').optional(),
  ),
  MicrosoftAppPassword: z.preprocess(blankToUndefined, z.string().optional()),
  MicrosoftAppType: z.preprocess(
    blankToUndefined,
    // NOTE: Azure creates new bot registrations single-tenant only; deploy.md and .env.example agree.
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  ),
  MicrosoftAppTenantId: z.preprocess(blankToUndefined, z.string().optional()),
  // NOTE: the keys that authenticate every request come from here: plain http only locally.
  BotOpenIdMetadata: secureUrl('a local test issuer'),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('data')),
  STORAGE: z.preprocess(blankToUndefined, z.enum(['sqlite', 'azure-blob']).default('sqlite')),
  AZURE_STORAGE_CONNECTION_STRING: z.preprocess(blankToUndefined, z.string().optional()),
  GAPS_RETENTION_DAYS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0).max(3650).default(0),
  ),
  GAPS_ADMINS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(10_000)
      .transform((v) => v.split(/[\s,;]+/).filter(Boolean))
      .pipe(
        z
          .array(z.string().uuid('each entry must be an Entra object id (a GUID)'))
          .max(200, 'at most 200 ids'),
      )
      .default([]),
  ),
  HEALTH_PROVIDER: z.preprocess(
    blankToUndefined,
    z.enum(['none', 'azure', 'http']).default('none'),
  ),
  AZURE_SUBSCRIPTION_ID: z.preprocess(
    blankToUndefined,
    z.string().uuid('must be the subscription id of the Storage Sync Services (a GUID)').optional(),
  ),
  AZURE_RESOURCE_MANAGER_ENDPOINT: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(
        /^https:\/\/[^\s/?#]+\/?$/,
        'must be an https URL with no path (e.g. https://management.usgovcloudapi.net)',
      )
      .optional(),
  ),
  // NOTE: the bearer token goes with every request: plain http only to this machine.
  HEALTH_API_URL: secureUrl('a local gateway'),
  HEALTH_API_TOKEN: z.preprocess(blankToUndefined, z.string().optional()),
  ALERT_WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  POLL_INTERVAL_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(0)
      .max(86_400)
      .refine((n) => n === 0 || n >= 10, 'must be 0 (no polling) or 10 seconds or more')
      .default(300),
  ),
  LEASE_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(15, 'must be 15 to 60 (the lease durations Azure Blob storage allows)')
      .max(60, 'must be 15 to 60 (the lease durations Azure Blob storage allows)')
      .default(30),
  ),
  ANSWER_CACHE_SIZE: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0).max(100_000).default(256),
  ),
  METRICS_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  ),
  RATE_LIMIT_PER_MINUTE: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0).max(100_000).default(120),
  ),
  AUDIENCE: z.preprocess(blankToUndefined, z.enum(['customer', 'support']).default('customer')),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

/**
 * How long a client may take: to send all request headers (a slow-header client holds a socket
 * and memory), to send the whole request, and how long an idle socket stays open. Fixed, not
 * read from the environment; a test may start a server with shorter ones.
 */
export const HTTP_BUDGETS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 30_000,
} as const;

/** The validated settings the server runs with. */
export interface Config {
  port: number;
  host: string;
  /** Null when the bot runs unauthenticated for local use. */
  appId: string | null;
  appPassword: string | null;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  appTenantId: string | null;
  /**
   * OpenID metadata document whose keys sign the channel's tokens; null for the public Bot
   * Framework's. Set only for a private issuer (a test, a sovereign deployment).
   */
  botOpenIdMetadata: string | null;
  dataDir: string;
  storage: 'sqlite' | 'azure-blob';
  azureStorageConnectionString: string | null;
  /** Days unanswered questions are kept for the gaps loop; 0 records nothing (the default). */
  gapsRetentionDays: number;
  /** Entra object ids of the people the `gaps` command answers. */
  gapsAdmins: string[];
  healthProvider: 'none' | 'azure' | 'http';
  /** Subscription of the Storage Sync Services (HEALTH_PROVIDER=azure). */
  azureSubscriptionId: string | null;
  /** ARM endpoint for sovereign clouds and tests; null for public Azure. */
  azureResourceManagerEndpoint: string | null;
  /** Server-endpoint list endpoint (HEALTH_PROVIDER=http). */
  healthApiUrl: string | null;
  /** Bearer token for HEALTH_API_URL (a secret). */
  healthApiToken: string | null;
  alertWebhookSecret: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Replies kept by message text (0: every message is worked out again). */
  answerCacheSize: number;
  /** Seconds between polls of the subscribed sync groups' health (0: no polling). */
  pollIntervalSeconds: number;
  /**
   * Seconds of the Blob lease that elects the instance that polls and sends (STORAGE=azure-blob):
   * a crashed leader is replaced about this long after it stopped renewing.
   */
  leaseSeconds: number;
  /** Bearer token for `/metrics` (a secret); required to read it whenever an app id is set. */
  metricsToken: string | null;
  /** Requests a minute per client address on /api/ask and /api/knowledge/* (0: no limit). */
  rateLimitPerMinute: number;
  /** Server budgets (HTTP_BUDGETS): all request headers within, the whole request, an idle socket. */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; idleTimeoutMs: number };
  /**
   * Who the bot answers: `customer` (support-only guides only when a message names their own
   * terms, such as ASC or Jarvis) or `support` (a support team: every entry).
   */
  audience: 'customer' | 'support';
}

/** Every variable the config reads: the deployment files must set these names. */
export const CONFIG_VARIABLES = Object.keys(Env.shape);

/**
 * The server's settings from an environment (a pure function: tests pass a literal object).
 * An invalid value throws an AppError that names the variable and says what it must be.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new AppError('config_invalid', `invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const appId = e.MicrosoftAppId ?? null;
  const need = (ok: boolean, name: string, why: string) => {
    if (!ok) throw new AppError('config_invalid', `invalid configuration: ${name}: ${why}`);
  };
  if (appId) {
    need(
      e.MicrosoftAppType === 'UserAssignedMSI' || !!e.MicrosoftAppPassword,
      'MicrosoftAppPassword',
      'required with MicrosoftAppId (the bot registration client secret)',
    );
    need(
      e.MicrosoftAppType === 'MultiTenant' || !!e.MicrosoftAppTenantId,
      'MicrosoftAppTenantId',
      `required when MicrosoftAppType is ${e.MicrosoftAppType}`,
    );
  }
  need(
    e.STORAGE !== 'azure-blob' || !!e.AZURE_STORAGE_CONNECTION_STRING,
    'AZURE_STORAGE_CONNECTION_STRING',
    'required when STORAGE is azure-blob',
  );
  need(
    e.HEALTH_PROVIDER !== 'azure' || !!e.AZURE_SUBSCRIPTION_ID,
    'AZURE_SUBSCRIPTION_ID',
    'required when HEALTH_PROVIDER is azure (the subscription of the Storage Sync Services)',
  );
  need(
    e.HEALTH_PROVIDER !== 'http' || !!e.HEALTH_API_URL,
    'HEALTH_API_URL',
    'required when HEALTH_PROVIDER is http (the server endpoint list URL)',
  );
  return {
    port: e.PORT,
    // NOTE: without an app id nothing authenticates callers, so listen on loopback only.
    host: e.HOST ?? (appId ? '0.0.0.0' : '127.0.0.1'),
    appId,
    appPassword: e.MicrosoftAppPassword ?? null,
    appType: e.MicrosoftAppType,
    appTenantId: e.MicrosoftAppTenantId ?? null,
    botOpenIdMetadata: e.BotOpenIdMetadata ?? null,
    dataDir: isAbsolute(e.DATA_DIR) ? e.DATA_DIR : join(projectRoot(), e.DATA_DIR),
    storage: e.STORAGE,
    azureStorageConnectionString: e.AZURE_STORAGE_CONNECTION_STRING ?? null,
    gapsRetentionDays: e.GAPS_RETENTION_DAYS,
    gapsAdmins: e.GAPS_ADMINS,
    healthProvider: e.HEALTH_PROVIDER,
    azureSubscriptionId: e.AZURE_SUBSCRIPTION_ID ?? null,
    azureResourceManagerEndpoint: e.AZURE_RESOURCE_MANAGER_ENDPOINT?.replace(/\/$/, '') ?? null,
    healthApiUrl: e.HEALTH_API_URL ?? null,
    healthApiToken: e.HEALTH_API_TOKEN ?? null,
    alertWebhookSecret: e.ALERT_WEBHOOK_SECRET ?? null,
    logLevel: e.LOG_LEVEL,
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    pollIntervalSeconds: e.POLL_INTERVAL_SECONDS,
    leaseSeconds: e.LEASE_SECONDS,
    metricsToken: e.METRICS_TOKEN ?? null,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    http: { ...HTTP_BUDGETS },
    audience: e.AUDIENCE,
  };
}

/** The config with secrets replaced by whether they are set: safe to log. */
export function describeConfig(c: Config): Record<string, unknown> {
  return {
    ...c,
    appPassword: c.appPassword ? '(set)' : null,
    azureStorageConnectionString: c.azureStorageConnectionString ? '(set)' : null,
    alertWebhookSecret: c.alertWebhookSecret ? '(set)' : null,
    healthApiToken: c.healthApiToken ? '(set)' : null,
    metricsToken: c.metricsToken ? '(set)' : null,
  };
}
