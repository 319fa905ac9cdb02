import { BlobServiceClient } from '@azure/storage-blob';
import { BlobKvStore } from '../../src/storage/blob-kv-store';
import { Azurite } from '../support/azurite';
import { kvContract } from './kv-contract';

const azurite = new Azurite();
let n = 0;

beforeAll(() => azurite.start(), 30_000);
afterAll(() => azurite.stop());

kvContract('Azure Blob (Azurite)', async () => {
  const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  return new BlobKvStore(service.getContainerClient(`afsbot-test-${process.pid}-${n++}`)).init();
});

describe('Azure Blob store when the service is gone', () => {
  it('fails with storage_unavailable, not a hang', async () => {
    const service = BlobServiceClient.fromConnectionString(
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;',
    );
    const store = new BlobKvStore(service.getContainerClient('gone'));
    await expect(store.read('k')).rejects.toMatchObject({ code: 'storage_unavailable' });
  }, 20_000);
});
