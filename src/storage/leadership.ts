import { randomUUID } from 'node:crypto';
import { RestError, type ContainerClient } from '@azure/storage-blob';
import type { Logger } from '../log';
import { ContainerKeeper, STORAGE_DEADLINE_MS } from './blob-container';
import type { Leadership } from './single-instance';

export { SingleInstance, type Leadership } from './single-instance';

/** Seconds a lease lasts unrenewed (Azure allows 15 to 60): how long a crashed holder blocks. */
export const LEASE_SECONDS = 30;

/** Options of a BlobLeaseLeadership (tests shorten them). */
export interface LeaseOptions {
  blobName?: string;
  /** Lease duration, 15 to 60 seconds. */
  seconds?: number;
  /** Deadline of every lease call. Must stay well under a third of the lease. */
  deadlineMs?: number;
  /** Milliseconds between renewals (a third of the lease by default). */
  renewEveryMs?: number;
  /** Epoch milliseconds (tests pass a fake clock). */
  now?: () => number;
}

const statusOf = (err: unknown) => (err instanceof RestError ? err.statusCode : undefined);

/**
 * Leadership through an Azure Blob lease on one blob in the state container, with a fence: the
 * instance leads only while the last renewal that storage confirmed was *sent* less than two
 * thirds of the lease ago. Storage counts the lease from when it received that renewal, so the
 * lease cannot have expired yet, and nobody else can hold it. A holder whose storage calls hang
 * stops leading at the fence, a third of the lease before another instance can take over;
 * every lease call has a deadline, so nothing waits on storage for longer than that.
 *
 * NOTE: the fence trusts this process's clock to run at roughly the rate of storage's over
 * one lease period (a third of slack: 10 s of 30); it does not need the clocks to agree.
 */
export class BlobLeaseLeadership implements Leadership {
  private readonly leaseId = randomUUID();
  private readonly seconds: number;
  private readonly deadlineMs: number;
  private readonly renewEveryMs: number;
  private readonly now: () => number;
  private readonly blobName: string;
  private readonly keeper: ContainerKeeper;
  /** When the last confirmed acquire or renewal was sent; null while not holding the lease. */
  private confirmedAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Bumped whenever the lead ends: a renewal started for an older lead changes nothing. */
  private generation = 0;
  private acquiring: Promise<boolean> | null = null;
  private renewalFailing = false;
  private stopped = false;
  /** Whether another instance was seen holding the lease at some point. */
  private sawOtherHolder = false;
  /** Not before this time does a lease just taken make this instance lead (see `acquire`). */
  private leadsFrom = 0;

  constructor(
    private readonly container: ContainerClient,
    private readonly log: Logger,
    options: LeaseOptions = {},
  ) {
    this.blobName = options.blobName ?? 'leases/poller';
    this.seconds = options.seconds ?? LEASE_SECONDS;
    this.deadlineMs = options.deadlineMs ?? STORAGE_DEADLINE_MS;
    this.renewEveryMs = options.renewEveryMs ?? (this.seconds * 1000) / 3;
    this.now = options.now ?? Date.now;
    this.keeper = new ContainerKeeper(container, this.deadlineMs);
  }

  /** Followers ask again six times a lease: a crashed holder is replaced soon after it expires. */
  get recheckMs(): number {
    return (this.seconds * 1000) / 6;
  }

  /** How long after a confirmed renewal was sent this instance may still act as leader. */
  get fenceMs(): number {
    return (this.seconds * 1000 * 2) / 3;
  }

  isLeader(): Promise<boolean> {
    if (this.confirmedAt !== null) {
      // Holding: lead while confirmed recently enough; otherwise the renewals are at it.
      const now = this.now();
      return Promise.resolve(now - this.confirmedAt < this.fenceMs && now >= this.leadsFrom);
    }
    if (this.stopped) return Promise.resolve(false);
    // Callers asking at the same moment (poller, sender) share one attempt: one lease, one timer.
    this.acquiring ??= this.acquire().finally(() => (this.acquiring = null));
    return this.acquiring;
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.deadlineMs);
  }

  private lease() {
    return this.container.getBlockBlobClient(this.blobName).getBlobLeaseClient(this.leaseId);
  }

  private async acquire(): Promise<boolean> {
    const sentAt = this.now();
    const blob = this.container.getBlockBlobClient(this.blobName);
    let created = false;
    await this.keeper.run(async () => {
      try {
        await blob.upload('', 0, { conditions: { ifNoneMatch: '*' }, abortSignal: this.signal() });
        created = true;
      } catch (err) {
        // 409 (exists) or 412 (exists, under a lease): the blob is there, which is all we need.
        if (statusOf(err) !== 409 && statusOf(err) !== 412) throw err;
      }
    });
    try {
      // The same lease id every time: a grant whose answer was lost is simply taken again.
      await this.lease().acquireLease(this.seconds, { abortSignal: this.signal() });
    } catch (err) {
      if (statusOf(err) === 409) {
        this.sawOtherHolder = true;
        return false;
      }
      throw err;
    }
    if (this.stopped) {
      // Stopped while asking: hand it straight back rather than block the others for a lease.
      await this.lease()
        .releaseLease({ abortSignal: this.signal() })
        .catch(() => undefined);
      return false;
    }
    this.confirmedAt = sentAt;
    this.renewalFailing = false;
    this.schedule(this.renewEveryMs);
    // The lease blob had to be made although another instance held the lease before: storage
    // lost it (it came back empty), and that holder leads until its next renewal finds out, at
    // the latest until its fence. This instance leads once that fence has passed for sure.
    this.leadsFrom = created && this.sawOtherHolder ? sentAt + this.fenceMs : 0;
    this.log.info(
      { lease: this.blobName, ...(this.leadsFrom ? { leadsInMs: this.fenceMs } : {}) },
      'took the poller lease',
    );
    return this.now() >= this.leadsFrom;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    const generation = this.generation;
    this.timer = setTimeout(() => void this.renew(generation), ms);
    this.timer.unref();
  }

  /** One renewal; then the next, sooner after a failure, until the lease is lost or given up. */
  private async renew(generation: number): Promise<void> {
    if (generation !== this.generation || this.confirmedAt === null) return;
    const sentAt = this.now();
    try {
      await this.lease().renewLease({ abortSignal: this.signal() });
    } catch (err) {
      if (generation !== this.generation) return;
      const status = statusOf(err);
      // 409: another instance holds it (or it was released); 404: the blob or container is gone.
      if (status === 409 || status === 404) {
        this.log.warn({ err, lease: this.blobName }, 'lost the poller lease');
        this.drop();
        return;
      }
      if (!this.renewalFailing)
        this.log.warn(
          { err, lease: this.blobName, fenceMs: this.fenceMs },
          'poller lease renewal failing: this instance stops leading at the fence unless a renewal succeeds',
        );
      this.renewalFailing = true;
      if (this.now() - this.confirmedAt >= this.seconds * 1000) {
        // Expired at storage by now: whoever asks next starts from scratch.
        this.log.warn({ lease: this.blobName }, 'lost the poller lease (it expired unrenewed)');
        this.drop();
        return;
      }
      this.schedule(Math.min(this.renewEveryMs, this.deadlineMs));
      return;
    }
    if (generation !== this.generation) return;
    this.confirmedAt = sentAt;
    if (this.renewalFailing) this.log.info({ lease: this.blobName }, 'poller lease renewed again');
    this.renewalFailing = false;
    this.schedule(this.renewEveryMs);
  }

  private drop(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.confirmedAt = null;
    this.renewalFailing = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.acquiring?.catch(() => false);
    if (this.confirmedAt === null) return;
    this.drop();
    try {
      await this.lease().releaseLease({ abortSignal: this.signal() });
    } catch (err) {
      this.log.warn(
        { err, lease: this.blobName },
        'poller lease not released: it expires by itself',
      );
    }
  }
}
