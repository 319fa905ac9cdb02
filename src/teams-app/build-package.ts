import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root';
import { fillTemplate } from './fill-template';
import { AppError, isAppError } from '../errors';
import type { PackageEnv } from './package-env';
import { validateManifest } from './validate-manifest';
import { zip } from './zip';

/** The manifest template and the icons it names. */
export const TEMPLATE_DIR = join(projectRoot(), 'deploy', 'teams');

/** The files of the Teams app package, all at the root of the zip. */
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

/** A built Teams app package. */
export interface TeamsAppPackage {
  manifest: Record<string, unknown>;
  zip: Buffer;
}

function read(dir: string, name: string): Buffer {
  try {
    return readFileSync(join(dir, name));
  } catch (err) {
    throw new AppError(
      'package_asset_missing',
      `cannot read ${join(dir, name)} (${(err as NodeJS.ErrnoException).code ?? 'error'}): ` +
        'the Teams app template and icons live in deploy/teams/',
    );
  }
}

/** The app version Teams shows: the package's own semver, so each release updates the app. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Fills the manifest template for a bot and host, checks it against the official Teams schema
 * and zips it with its icons. Throws an AppError `manifest_invalid` listing every schema
 * problem, so a broken template never reaches Teams.
 */
export function buildPackage(env: PackageEnv, dir: string = TEMPLATE_DIR): TeamsAppPackage {
  let template: unknown;
  try {
    template = JSON.parse(read(dir, 'manifest.json').toString('utf8'));
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError(
      'manifest_invalid',
      `${join(dir, 'manifest.json')} is not JSON: ${(err as Error).message}`,
    );
  }
  const manifest = fillTemplate(template, {
    MicrosoftAppId: env.appId,
    BOT_DOMAIN: env.domain,
    PRIVACY_URL: env.privacyUrl ?? `https://${env.domain}/`,
    TERMS_URL: env.termsUrl ?? `https://${env.domain}/`,
    VERSION: packageVersion(),
  }) as Record<string, unknown>;
  const problems = validateManifest(manifest);
  if (problems.length)
    throw new AppError(
      'manifest_invalid',
      `the manifest does not match the Teams schema:\n  ${problems.join('\n  ')}`,
    );
  const files = {
    'manifest.json': Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'),
    'color.png': read(dir, 'color.png'),
    'outline.png': read(dir, 'outline.png'),
  };
  return { manifest, zip: zip(PACKAGE_FILES.map((name) => ({ name, data: files[name] }))) };
}
