import { BlobServiceClient } from '@azure/storage-blob';
import { BlobKvStore } from '../../src/storage/blob-kv-store';
import { gapsContract } from '../gaps/gaps-contract';
import { Azurite } from '../support/azurite';

const azurite = new Azurite();
let n = 0;

beforeAll(() => azurite.start(), 30_000);
afterAll(() => azurite.stop());

gapsContract('Azure Blob (Azurite)', async () => {
  const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  return new BlobKvStore(service.getContainerClient(`afsbot-gaps-${process.pid}-${n++}`)).init();
});
