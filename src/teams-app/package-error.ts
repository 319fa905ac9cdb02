/** Why building the Teams app package failed: each code maps to one CLI exit code. */
export type PackageErrorCode = 'package_env_invalid' | 'manifest_invalid' | 'package_asset_missing';

/** An error of the package step, with a message that tells the operator the fix. */
export class PackageError extends Error {
  constructor(
    readonly code: PackageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PackageError';
  }
}
