import type { Agent } from 'node:https';
import type * as StorageSync from '@azure/arm-storagesync';
import type * as Pipeline from '@azure/core-rest-pipeline';
import type * as Identity from '@azure/identity';
import type { TokenCredential } from '@azure/identity';
import type { SyncGroupTarget } from './sync-group-target';
import { HealthError, statusError } from './health-error';
import type { CallContext } from './guarded-call';
import { readPages, type PageSource } from './read-pages';
import type { HealthProvider } from './types';

/** The Storage Sync API version the bot reads (the SDK's own default is 2020-09-01). */
export const STORAGE_SYNC_API_VERSION = '2022-09-01';

/** Public Azure Resource Manager. */
export const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';

/** Sovereign clouds whose ARM token audience is their own endpoint; anything else is public ARM's. */
const OWN_AUDIENCE = new Set(['management.usgovcloudapi.net', 'management.chinacloudapi.cn']);

/** What the `azure` provider needs. */
export interface AzureProviderOptions {
  subscriptionId: string;
  /** ARM endpoint (sovereign clouds, tests); public ARM when null. */
  endpoint: string | null;
  /** DefaultAzureCredential (managed identity in Azure) unless given. */
  credential?: TokenCredential;
  /** An HTTPS agent for the SDK's pipeline (tests trust a self-signed certificate with it). */
  agent?: Agent;
  call: CallContext;
}

/** The OAuth scope for an ARM endpoint. */
export function armScope(endpoint: string): string {
  const url = new URL(endpoint);
  return `${OWN_AUDIENCE.has(url.hostname) ? url.origin : PUBLIC_ARM_ENDPOINT}/.default`;
}

interface RestErrorLike {
  name: string;
  code?: string;
  statusCode?: number;
  message: string;
  response?: { headers: { get(name: string): string | undefined } };
}

const isRestError = (e: unknown): e is RestErrorLike =>
  e instanceof Error && e.name === 'RestError';

/** The SDK's errors as HealthErrors; aborts pass through (the guard reads its own signal). */
function fromSdkError(err: unknown, what: string): unknown {
  if (!isRestError(err)) return err;
  if (err.code === 'PARSE_ERROR')
    return new HealthError(
      'health_api_invalid',
      `the Storage Sync API sent a response the SDK cannot read for ${what} (${err.message})`,
    );
  // NOTE: a body that fails to parse carries statusCode 200 too, so PARSE_ERROR comes first.
  if (err.statusCode && (err.statusCode < 200 || err.statusCode >= 300))
    return statusError(err.statusCode, what, err.response?.headers.get('retry-after'), Date.now());
  return new HealthError(
    'health_api_unavailable',
    `cannot reach the Storage Sync API (${err.message})`,
    true,
  );
}

function createClient(o: AzureProviderOptions) {
  // Loaded when this provider is created: the SDKs are large and most runs never need them.
  /* eslint-disable @typescript-eslint/no-require-imports -- deliberate lazy load */
  const sdk = require('@azure/arm-storagesync') as typeof StorageSync;
  const pipeline = require('@azure/core-rest-pipeline') as typeof Pipeline;
  const credential =
    o.credential ?? new (require('@azure/identity') as typeof Identity).DefaultAzureCredential();
  /* eslint-enable @typescript-eslint/no-require-imports */
  const endpoint = (o.endpoint ?? PUBLIC_ARM_ENDPOINT).replace(/\/+$/, '');
  const client = new sdk.MicrosoftStorageSync(credential, o.subscriptionId, {
    // NOTE: operation URLs are built from $host; `endpoint` alone would not move them.
    $host: endpoint,
    endpoint,
    apiVersion: STORAGE_SYNC_API_VERSION,
    // With a custom endpoint the SDK would ask for a token for that URL; ARM's audience is fixed.
    credentialScopes: [armScope(endpoint)],
    // Retries are ours (bounded by the deadline, counted by the breaker), not the pipeline's.
    retryOptions: { maxRetries: 0 },
    ...(o.agent ? { agent: o.agent } : {}),
  });
  return { client, pipeline, endpoint };
}

/**
 * Live health from the Storage Sync management API through `@azure/arm-storagesync`: the
 * SDK's `serverEndpoints.listBySyncGroup` for the first page, then each nextLink through the
 * same client pipeline (the SDK itself stops after one page).
 */
export function createAzureProvider(o: AzureProviderOptions): HealthProvider {
  const { client, pipeline, endpoint } = createClient(o);
  const what = (t: SyncGroupTarget) => `sync group ${t.resourceGroup}/${t.service}/${t.group}`;
  const source: PageSource = {
    origin: new URL(endpoint).origin,
    async first(t, signal) {
      let body: string | undefined;
      try {
        const pages = client.serverEndpoints
          .listBySyncGroup(t.resourceGroup, t.service, t.group, {
            abortSignal: signal,
            onResponse: (raw) => {
              body = raw.bodyAsText ?? undefined;
            },
          })
          .byPage();
        await pages.next();
      } catch (err) {
        throw fromSdkError(err, what(t));
      }
      if (body === undefined)
        throw new HealthError(
          'health_api_invalid',
          `the Storage Sync API sent no body for ${what(t)}`,
        );
      return body;
    },
    async next(url, signal) {
      let res: Pipeline.PipelineResponse;
      try {
        res = await client.sendRequest(
          pipeline.createPipelineRequest({ url, method: 'GET', abortSignal: signal }),
        );
      } catch (err) {
        throw fromSdkError(err, 'the next page of server endpoints');
      }
      if (res.status < 200 || res.status >= 300)
        throw statusError(
          res.status,
          'the next page of server endpoints',
          res.headers.get('retry-after'),
          Date.now(),
        );
      return res.bodyAsText ?? '';
    },
  };
  return {
    kind: 'azure',
    syncGroup: (target, signal) => readPages(source, target, o.call, signal),
  };
}
