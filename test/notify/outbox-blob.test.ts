import { BlobServiceClient } from '@azure/storage-blob';
import { BlobKvStore } from '../../src/storage/blob-kv-store';
import { Azurite } from '../support/azurite';
import { outboxContract } from './outbox-contract';

const azurite = new Azurite();
let n = 0;

beforeAll(() => azurite.start(), 30_000);
afterAll(() => azurite.stop());

outboxContract('Azure Blob (Azurite)', async () => {
  const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  return new BlobKvStore(service.getContainerClient(`afsbot-outbox-${process.pid}-${n++}`)).init();
});
