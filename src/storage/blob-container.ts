import { RestError, type ContainerClient } from '@azure/storage-blob';
import { AppError } from '../errors';

/** How long one storage request may take before it counts as failed (lease calls included). */
export const STORAGE_DEADLINE_MS = 5000;

/** True when storage answered that the container itself is gone (deleted, or storage came back empty). */
export function isContainerMissing(err: unknown): boolean {
  return err instanceof RestError && err.statusCode === 404 && err.code === 'ContainerNotFound';
}

/** The error a storage call that did not succeed becomes: the operator learns what storage said. */
export function unavailable(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError(
    'storage_unavailable',
    `Azure Blob storage did not answer: ${(err as Error).message}`,
  );
}

/**
 * Creates a container again when storage says it is missing. Calls made at the same moment
 * share one creation. A failure is named as such: the operator learns that the container is
 * gone and why it could not be made, not only that a write failed.
 */
export class ContainerKeeper {
  private creating: Promise<boolean> | null = null;

  constructor(
    private readonly container: ContainerClient,
    private readonly deadlineMs = STORAGE_DEADLINE_MS,
  ) {}

  /** Resolves true when this call created it, false when it was already there again. */
  recreate(): Promise<boolean> {
    this.creating ??= this.container
      .createIfNotExists({ abortSignal: AbortSignal.timeout(this.deadlineMs) })
      .then((res) => res.succeeded)
      .catch((err: unknown) => {
        throw new AppError(
          'storage_unavailable',
          `the storage container ${this.container.containerName} is missing and could not be created again: ${(err as Error).message}`,
        );
      })
      .finally(() => (this.creating = null));
    return this.creating;
  }

  /** Runs `op`; when the container is missing, creates it and runs `op` once more. */
  async run<T>(op: () => Promise<T>, onRecreated?: () => void): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (!isContainerMissing(err)) throw err;
      if (await this.recreate()) onRecreated?.();
      return op();
    }
  }
}
