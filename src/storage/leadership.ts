import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import type { Logger } from '../log';

/** Decides which of several bot instances sharing one store does the singleton work (polling). */
export interface Leadership {
  /** True while this instance holds the lead; tries to take it when nobody does. */
  isLeader(): Promise<boolean>;
  /** Gives the lead up at once (a clean shutdown), so another instance need not wait. */
  stop(): Promise<void>;
}

/** SQLite lives in one process's data folder: that process is the only instance. */
export class SingleInstance implements Leadership {
  async isLeader(): Promise<boolean> {
    return true;
  }
  async stop(): Promise<void> {}
}

/** Seconds a lease lasts unrenewed (Azure allows 15 to 60): how long a crashed holder blocks. */
export const LEASE_SECONDS = 30;

/**
 * Leadership through an Azure Blob lease on one blob in the state container: the holder renews
 * it every third of its duration; when the holder crashes the lease expires and the next
 * instance to ask takes it. Renewal failures are logged and end the lead (never two leaders:
 * Azure refuses a second lease while one is active).
 */
export class BlobLeaseLeadership implements Leadership {
  private readonly leaseId = randomUUID();
  private holding = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly container: ContainerClient,
    private readonly log: Logger,
    private readonly blobName = 'leases/poller',
    private readonly seconds = LEASE_SECONDS,
  ) {}

  async isLeader(): Promise<boolean> {
    if (this.holding) return true;
    const blob = this.container.getBlockBlobClient(this.blobName);
    try {
      await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (err) {
      // 409 (exists) or 412 (exists, under a lease): the blob is there, which is all we need.
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== 409 && status !== 412) throw err;
    }
    try {
      await blob.getBlobLeaseClient(this.leaseId).acquireLease(this.seconds);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 409) return false;
      throw err;
    }
    this.holding = true;
    this.timer = setInterval(() => void this.renew(), (this.seconds * 1000) / 3);
    this.timer.unref();
    this.log.info({ lease: this.blobName }, 'took the poller lease');
    return true;
  }

  private async renew(): Promise<void> {
    try {
      await this.container
        .getBlockBlobClient(this.blobName)
        .getBlobLeaseClient(this.leaseId)
        .renewLease();
    } catch (err) {
      this.log.warn({ err, lease: this.blobName }, 'lost the poller lease');
      this.drop();
    }
  }

  private drop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.holding = false;
  }

  async stop(): Promise<void> {
    if (!this.holding) return;
    this.drop();
    try {
      await this.container
        .getBlockBlobClient(this.blobName)
        .getBlobLeaseClient(this.leaseId)
        .releaseLease();
    } catch (err) {
      this.log.warn(
        { err, lease: this.blobName },
        'poller lease not released: it expires by itself',
      );
    }
  }
}
