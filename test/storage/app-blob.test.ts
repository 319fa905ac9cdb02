import { BlobServiceClient } from '@azure/storage-blob';
import type { RunningApp } from '../../src/app';
import { BLOB_CONTAINER } from '../../src/storage/open-store';
import * as A from '../support/activities';
import { FakeConnector } from '../support/fake-connector';
import { Azurite } from '../support/azurite';
import { startTestApp } from '../support/test-app';

const azurite = new Azurite();
const connector = new FakeConnector();
let app: RunningApp;

beforeAll(async () => {
  await azurite.start();
  await connector.start();
  app = await startTestApp({
    STORAGE: 'azure-blob',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
  });
}, 30_000);
afterAll(async () => {
  await app?.close();
  await connector.stop();
  await azurite.stop();
});

describe('the bot with STORAGE=azure-blob', () => {
  it('keeps conversation references as blobs and reports the store healthy', async () => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(A.installed(connector.url, 'a:personal-blob')),
    });
    expect(res.status).toBe(200);
    const container = BlobServiceClient.fromConnectionString(
      azurite.connectionString,
    ).getContainerClient(BLOB_CONTAINER);
    const names: string[] = [];
    for await (const b of container.listBlobsFlat({ prefix: 'refs/' })) names.push(b.name);
    expect(names.map(decodeURIComponent)).toEqual(['refs/a:personal-blob']);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('says the store is degraded when Blob storage goes away', async () => {
    await azurite.stop();
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded' });
  }, 30_000);
});
