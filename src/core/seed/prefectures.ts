import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A prefecture-level city: where synthetic depots are placed (resources/geo/README.md). */
export interface Prefecture {
  adcode: string;
  /** Province adcode (first two digits + '0000'). */
  province: string;
  nameZh: string;
  lon: number;
  lat: number;
}

const PACKAGE_NAME = 'inrs-command-center';

const cache = new Map<string, Prefecture[]>();

/** Reads resources/geo/prefectures.json; INRS_RESOURCES_DIR overrides the resources folder. */
export function loadPrefectures(): Prefecture[] {
  const file = join(resourcesDir(), 'geo', 'prefectures.json');
  const hit = cache.get(file);
  if (hit) return hit;
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data) || data.length === 0) throw new Error(`${file}: expected a non-empty array`);
  const rows = data.map((row, i) => {
    const p = row as Partial<Prefecture>;
    if (
      typeof p.adcode !== 'string' ||
      !/^\d{6}$/.test(p.adcode) ||
      typeof p.province !== 'string' ||
      typeof p.nameZh !== 'string' ||
      typeof p.lon !== 'number' ||
      typeof p.lat !== 'number'
    ) {
      throw new Error(`${file}: malformed entry ${i}`);
    }
    return { adcode: p.adcode, province: p.province, nameZh: p.nameZh, lon: p.lon, lat: p.lat };
  });
  cache.set(file, rows);
  return rows;
}

function resourcesDir(): string {
  const fromEnv = process.env.INRS_RESOURCES_DIR;
  if (fromEnv) return fromEnv;
  // Bundled output and sources sit at different depths, so search upwards for the project.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const { name } = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown };
        if (name === PACKAGE_NAME) return join(dir, 'resources');
      } catch {
        // an unreadable package.json further down is not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} project root; set INRS_RESOURCES_DIR`);
    dir = parent;
  }
}
