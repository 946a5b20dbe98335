import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../resources-dir';

/** A prefecture-level city: where synthetic depots are placed (resources/geo/README.md). */
export interface Prefecture {
  adcode: string;
  /** Province adcode (first two digits + '0000'). */
  province: string;
  nameZh: string;
  lon: number;
  lat: number;
}


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

