/** Sync group health for the card tests, normalised from the ARM payloads in test/fixtures/health. */
import type { ExplainCode } from '../../src/cards';
import type { EndpointHealth, SyncGroupHealth } from '../../src/health';
import { normaliseEndpoint } from '../../src/health/normalise';
import { ServerEndpointPage } from '../../src/health/schema';
import { explainHresult } from '../../src/matching/explain-hresult';
import {
  failingEndpoint,
  healthyEndpoint,
  manyEndpoints,
  type ArmServerEndpoint,
} from '../support/fake-arm';
import { matcher } from './fixtures';

/** The knowledge lookup the status command uses. */
export const explain: ExplainCode = (hresult, context) => {
  const e = explainHresult(matcher.book, hresult, context);
  if (!e) return undefined;
  return {
    id: e.id,
    title: e.title,
    remediation: e.codes.find((c) => c.hresult === hresult)?.remediationRequired,
  };
};

const TARGET = { resourceGroup: 'rg-files', service: 'sss-contoso', group: 'finance' };

/** A sync group of these ARM resources, validated like a provider validates a page. */
export function groupOf(resources: ArmServerEndpoint[]): SyncGroupHealth {
  const page = ServerEndpointPage.parse({ value: resources });
  return {
    target: TARGET,
    endpoints: page.value.map(normaliseEndpoint),
    fetchedAt: '2026-03-02T09:45:00.000Z',
  };
}

/** FS01 healthy, FS02 failing with 0x80c8305f (and files not syncing), FS03 with an unknown code. */
export const mixed = groupOf([
  healthyEndpoint('ep-fs01', 'FS01.contoso.local'),
  failingEndpoint('ep-fs02', -2134364065, 'FS02.contoso.local'),
  failingEndpoint('ep-fs03', -2134300001, 'FS03.contoso.local'),
]);

export const allHealthy = groupOf([
  healthyEndpoint('ep-a', 'FS01'),
  healthyEndpoint('ep-b', 'FS02'),
]);

export const empty = groupOf([]);

/** 10,000 endpoints, every tenth failing. */
export const huge = groupOf(manyEndpoints(10_000, { failingCode: -2134364065 }));

/** An endpoint whose names try to format and link. */
export const hostile: SyncGroupHealth = (() => {
  const g = groupOf([failingEndpoint('ep-x', -2134364065)]);
  const e: EndpointHealth = g.endpoints[0];
  e.serverName = '[click me](https://evil.example) **FS** ${leak}';
  e.serverLocalPath = '<img src=x onerror=alert(1)> # D:\\share';
  e.combinedHealth = '*Error*';
  return g;
})();
