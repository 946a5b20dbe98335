import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'inrs-command-center';

/**
 * The project's resources/ folder; INRS_RESOURCES_DIR overrides it. Bundled output and
 * sources sit at different depths, so walk up to our package.json.
 */
export function resourcesDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  const fromEnv = process.env.INRS_RESOURCES_DIR;
  if (fromEnv) return fromEnv;
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return join(dir, 'resources');
      } catch {
        // not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} project root; set INRS_RESOURCES_DIR`);
    dir = parent;
  }
}
