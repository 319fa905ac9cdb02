import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { projectRoot } from '../project-root';
import { buildPackage, PACKAGE_FILES } from './build-package';
import { exitCodeOf, isAppError } from '../errors';
import { readPackageEnv } from './package-env';
import { MANIFEST_SCHEMA_VERSION } from './validate-manifest';

/** Where `npm run package` writes the app package. */
export const DEFAULT_OUT = join(projectRoot(), 'dist', 'afsbot-teams-app.zip');

const USAGE =
  'usage: MicrosoftAppId=<bot app id> BOT_DOMAIN=<host name> npm run package [-- --out FILE]';

/**
 * `npm run package`: the Teams app zip for a bot id and host, from the template in deploy/teams.
 * Returns the exit code: 0 written, 1 the template or icons are broken, 2 bad usage or environment.
 */
export function main(argv: string[], env: Record<string, string | undefined>): number {
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = resolve(argv[++i]);
    else {
      process.stderr.write(`unknown argument ${JSON.stringify(argv[i])}\n${USAGE}\n`);
      return 2;
    }
  }
  try {
    const pkg = buildPackage(readPackageEnv(env));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, pkg.zip);
    process.stdout.write(
      `wrote ${out} (${PACKAGE_FILES.join(', ')}; manifest schema ${MANIFEST_SCHEMA_VERSION}, ` +
        `version ${String(pkg.manifest.version)})\n` +
        'Upload it in the Teams admin center (Teams apps > Manage apps > Upload new app) or sideload it in Teams (Apps > Manage your apps > Upload an app).\n',
    );
    return 0;
  } catch (err) {
    if (!isAppError(err, 'package_env_invalid', 'manifest_invalid', 'package_asset_missing'))
      throw err;
    process.stderr.write(`afsbot package: ${err.message}\n`);
    if (err.code === 'package_env_invalid') process.stderr.write(`${USAGE}\n`);
    return exitCodeOf(err);
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2), process.env);
