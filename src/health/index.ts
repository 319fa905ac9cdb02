/**
 * Live health of sync groups, from the Storage Sync management API (`azure`), a JSON endpoint in
 * the same shape (`http`) or nothing (`none`). Plain TypeScript: no Bot Framework, no restify.
 */
import type { Agent } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import type { Logger } from '../log';
import { createAzureProvider } from './azure-provider';
import { CircuitBreaker, type BreakerOptions } from './circuit-breaker';
import { systemClock, type Clock } from './clock';
import { DEFAULT_CALL_POLICY, type CallContext, type CallPolicy } from './guarded-call';
import { HealthError } from './health-error';
import { createHttpProvider } from './http-provider';
import { noneProvider } from './none-provider';
import type { HealthProvider } from './types';

export type * from './types';
export { HealthError, type HealthErrorCode } from './health-error';
export { CircuitBreaker, type BreakerOptions, type BreakerState } from './circuit-breaker';
export { DEFAULT_CALL_POLICY, type CallPolicy } from './guarded-call';
export { systemClock, type Clock } from './clock';
export { STORAGE_SYNC_API_VERSION, createAzureProvider } from './azure-provider';
export { createHttpProvider, syncGroupUrl } from './http-provider';
export { noneProvider } from './none-provider';
export { MAX_PAGES } from './read-pages';

/** Five failed requests in a row open the breaker for 30 s. */
export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, coolDownMs: 30_000 };

/** What tests, the benchmark and other hosts may replace. */
export interface HealthDeps {
  /** Instead of DefaultAzureCredential (azure). */
  credential?: TokenCredential;
  /** HTTPS agent for the Azure SDK pipeline (azure), e.g. one that trusts a test certificate. */
  agent?: Agent;
  clock?: Clock;
  random?: () => number;
  policy?: Partial<CallPolicy>;
  breaker?: Partial<BreakerOptions>;
}

/** Logs every failed read once, with its code; the error itself goes on to the caller. */
function logged(provider: HealthProvider, log: Logger, clock: Clock): HealthProvider {
  return {
    kind: provider.kind,
    async syncGroup(target, signal) {
      const started = clock.now();
      try {
        const health = await provider.syncGroup(target, signal);
        log.debug(
          { target, endpoints: health.endpoints.length, ms: clock.now() - started },
          'health read',
        );
        return health;
      } catch (err) {
        const code = err instanceof HealthError ? err.code : undefined;
        if (code !== 'health_not_linked')
          log.warn(
            { target, code, err: (err as Error).message, ms: clock.now() - started },
            'health read failed',
          );
        throw err;
      }
    },
  };
}

/**
 * The provider HEALTH_PROVIDER names, with its deadline (3 s a request), retries and circuit
 * breaker. One breaker per provider: when the API is down, it is down for every sync group.
 */
export function createHealthProvider(
  config: Config,
  log: Logger,
  deps: HealthDeps = {},
): HealthProvider {
  const clock = deps.clock ?? systemClock;
  const call: CallContext = {
    policy: { ...DEFAULT_CALL_POLICY, ...deps.policy },
    breaker: new CircuitBreaker({ ...DEFAULT_BREAKER, ...deps.breaker }, clock),
    clock,
    random: deps.random ?? Math.random,
  };
  const child = log.child({ component: 'health', provider: config.healthProvider });
  switch (config.healthProvider) {
    case 'none':
      return noneProvider;
    case 'azure':
      return logged(
        createAzureProvider({
          subscriptionId: required(config.azureSubscriptionId, 'AZURE_SUBSCRIPTION_ID'),
          endpoint: config.azureResourceManagerEndpoint,
          credential: deps.credential,
          agent: deps.agent,
          call,
        }),
        child,
        clock,
      );
    case 'http':
      return logged(
        createHttpProvider({
          url: required(config.healthApiUrl, 'HEALTH_API_URL'),
          token: config.healthApiToken,
          call,
        }),
        child,
        clock,
      );
  }
}

function required(value: string | null, name: string): string {
  // loadConfig already demands these; a hand-built Config may not.
  if (!value)
    throw new HealthError('health_not_linked', `${name} is required for this HEALTH_PROVIDER`);
  return value;
}
