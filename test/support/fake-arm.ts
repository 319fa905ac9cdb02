/**
 * A local fake of the Storage Sync management API's server-endpoint list, for the health tests
 * and the benchmark. It serves
 * `…/resourceGroups/{rg}/providers/Microsoft.StorageSync/storageSyncServices/{svc}/syncGroups/{group}/serverEndpoints`
 * (with or without the `/subscriptions/{id}` prefix, so the `http` provider can use it too),
 * over HTTPS with a certificate made for the test, or over plain HTTP.
 *
 *   const arm = await startFakeArm({ tls: makeTestCert() });
 *   arm.setGroup('big', { endpoints: manyEndpoints(10_000, { failingCode: -2134364065 }), pageSize: 100 });
 *   // GET {arm.url}/subscriptions/…/syncGroups/big/serverEndpoints → 100 pages via nextLink
 *   await arm.stop();
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import failing from '../fixtures/health/server-endpoint-failing.json';
import healthy from '../fixtures/health/server-endpoint-healthy.json';
import type { TestCert } from './tls-cert';

/** One server endpoint resource in the ARM shape. */
export type ArmServerEndpoint = typeof healthy;

/** What the fake answers for one sync group. */
export type Scenario =
  /** The endpoints, `pageSize` a page (all in one page when unset). */
  | { endpoints: ArmServerEndpoint[]; pageSize?: number }
  /** Waits `delayMs` before answering with `then` (404 when unset). */
  | { delayMs: number; then?: Scenario }
  /** Answers `status` for the first `times` requests (every request when unset), then `then`. */
  | { status: number; times?: number; retryAfter?: string; then?: Scenario }
  /** Answers 200 with exactly this body. */
  | { body: string };

/** One request the fake received. */
export interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  at: number;
}

/** A running fake. */
export interface FakeArm {
  /** `https://127.0.0.1:PORT` (or http://). */
  url: string;
  /** The path of a sync group's server endpoint list under `subscriptionId`. */
  pathOf(group: string, resourceGroup?: string, service?: string): string;
  setGroup(group: string, scenario: Scenario): void;
  received: Received[];
  stop(): Promise<void>;
}

/** Options of startFakeArm. */
export interface FakeArmOptions {
  /** HTTPS with this certificate; plain HTTP when unset. */
  tls?: TestCert;
  /** When set, requests without `Authorization: Bearer <token>` get 401. */
  token?: string;
  groups?: Record<string, Scenario>;
}

export const SUBSCRIPTION = '52b8da2f-61e0-4a1f-8dde-336911f367fb';
export const RESOURCE_GROUP = 'rg-files';
export const SERVICE = 'sss-contoso';

/** A healthy server endpoint (fixture), renamed. */
export function healthyEndpoint(
  name: string,
  serverName = `${name}.contoso.local`,
): ArmServerEndpoint {
  const e = structuredClone(healthy);
  e.id = e.id.replace(/[^/]+$/, name);
  e.name = name;
  e.properties.serverName = serverName;
  return e;
}

/** A server endpoint whose uploads fail with `code` (a signed HRESULT; fixture otherwise). */
export function failingEndpoint(
  name: string,
  code = -2134364065,
  serverName = `${name}.contoso.local`,
): ArmServerEndpoint {
  const e = structuredClone(failing) as unknown as ArmServerEndpoint;
  e.id = e.id.replace(/[^/]+$/, name);
  e.name = name;
  e.properties.serverName = serverName;
  e.properties.syncStatus.uploadStatus.lastSyncResult = code;
  return e;
}

/** `count` endpoints named ep-00001…; every `failEvery`-th fails with `failingCode` when given. */
export function manyEndpoints(
  count: number,
  opts: { failingCode?: number; failEvery?: number } = {},
): ArmServerEndpoint[] {
  const every = opts.failEvery ?? 10;
  return Array.from({ length: count }, (_, i) => {
    const name = `ep-${String(i + 1).padStart(5, '0')}`;
    return opts.failingCode !== undefined && (i + 1) % every === 0
      ? failingEndpoint(name, opts.failingCode)
      : healthyEndpoint(name);
  });
}

const LIST =
  /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.StorageSync\/storageSyncServices\/([^/]+)\/syncGroups\/([^/]+)\/serverEndpoints\/?$/i;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
) {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}

const armError = (code: string, message: string) => JSON.stringify({ error: { code, message } });

/** Starts the fake on 127.0.0.1 (a free port). */
export async function startFakeArm(options: FakeArmOptions = {}): Promise<FakeArm> {
  const groups = new Map<string, Scenario>(Object.entries(options.groups ?? {}));
  /** Requests answered so far per group and scenario object, for `times`. */
  const served = new WeakMap<Scenario, number>();
  const received: Received[] = [];
  let origin = '';

  async function answer(s: Scenario | undefined, url: URL, res: ServerResponse): Promise<void> {
    if (!s) return send(res, 404, armError('ResourceNotFound', 'The sync group was not found.'));
    if ('delayMs' in s) {
      await sleep(s.delayMs);
      return answer(s.then, url, res);
    }
    if ('status' in s) {
      const n = served.get(s) ?? 0;
      if (s.times === undefined || n < s.times) {
        served.set(s, n + 1);
        const headers: Record<string, string> = s.retryAfter ? { 'Retry-After': s.retryAfter } : {};
        return send(
          res,
          s.status,
          armError(`Http${s.status}`, 'The fake was told to fail.'),
          headers,
        );
      }
      return answer(s.then, url, res);
    }
    if ('body' in s) return send(res, 200, s.body);
    const size = s.pageSize ?? s.endpoints.length;
    const skip = Number(url.searchParams.get('$skipToken') ?? '0');
    const value = s.endpoints.slice(skip, skip + size);
    const page: { value: ArmServerEndpoint[]; nextLink?: string } = { value };
    if (skip + size < s.endpoints.length) {
      const next = new URL(url.pathname, origin);
      next.searchParams.set('api-version', url.searchParams.get('api-version') ?? '2022-09-01');
      next.searchParams.set('$skipToken', String(skip + size));
      page.nextLink = next.href;
    }
    return send(res, 200, JSON.stringify(page));
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
      at: Date.now(),
    });
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`)
      return send(res, 401, armError('AuthenticationFailed', 'No valid bearer token.'));
    const m = LIST.exec(url.pathname);
    if (req.method !== 'GET' || !m)
      return send(res, 404, armError('NotFound', 'No such route on the fake.'));
    answer(groups.get(decodeURIComponent(m[3])), url, res).catch((err: Error) =>
      send(res, 500, armError('FakeFailed', err.message)),
    );
  };

  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handle)
    : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url: origin,
    pathOf: (group, rg = RESOURCE_GROUP, svc = SERVICE) =>
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/${rg}/providers/Microsoft.StorageSync/storageSyncServices/${svc}/syncGroups/${group}/serverEndpoints`,
    setGroup: (group, scenario) => groups.set(group, scenario),
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
