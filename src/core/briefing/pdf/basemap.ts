import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { resourcesDir } from '../../resources-dir';
import { BriefingError } from '../errors';
import type { Point } from './projection';

/** A province outline for the printed map: polygons as rings of lon/lat. */
export interface ProvinceShape {
  adcode: string;
  name: string;
  rings: Point[][];
}

const position = z.tuple([z.number(), z.number()]).rest(z.number());
const ring = z.array(position);
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring)) }),
]);
const collection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      properties: z.object({ adcode: z.union([z.string(), z.number()]), name: z.string().optional() }).loose(),
      geometry: geometry.nullable(),
    }),
  ),
});

/**
 * The province polygons the app's map draws (the shipped illustrative basemap, or the
 * agency's standard map given as GeoJSON): the same file, so the briefing and the app agree.
 */
export function loadProvinceShapes(file?: string): { shapes: ProvinceShape[]; file: string; demo: boolean } {
  const path = file ?? join(resourcesDir(), 'basemap', 'provinces.geojson');
  if (!existsSync(path)) throw new BriefingError('basemap', `basemap ${path} not found`);
  let parsed: z.output<typeof collection>;
  try {
    parsed = collection.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new BriefingError('basemap', `basemap ${path} is not a GeoJSON FeatureCollection of province polygons with an adcode: ${(err as Error).message.slice(0, 200)}`);
  }
  const shapes = parsed.features.flatMap((f) => {
    if (!f.geometry) return [];
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const rings = polygons.flatMap((poly) => poly.map((r) => r.map((p) => [p[0], p[1]] as const)));
    return [{ adcode: String(f.properties.adcode).padStart(6, '0'), name: f.properties.name ?? '', rings }];
  });
  return { shapes, file: path, demo: file === undefined };
}
