import { z } from 'zod';
import { formatIssues } from '../dispatch/problem';
import { HAZARD_LEVELS, HAZARD_TYPES } from '../../shared/domain/hazard';
import { HazardFileError } from './errors';

/**
 * A hazard warning file (README, "Hazard files"): a GeoJSON FeatureCollection whose features
 * are the warned areas, as polygons or as points with a radius, each with its hazard type,
 * warning level and valid time. Each feature is checked on its own, so an error names it.
 */

export { HAZARD_LEVELS, HAZARD_TYPES, type HazardLevel, type HazardType } from '../../shared/domain/hazard';
export const MAX_RADIUS_KM = 2000;

const lon = z.number({ error: 'must be a number' }).min(-180, 'longitude must be within -180…180').max(180, 'longitude must be within -180…180');
const lat = z.number({ error: 'must be a number' }).min(-90, 'latitude must be within -90…90').max(90, 'latitude must be within -90…90');
const position = z.tuple([lon, lat], { error: 'must be [longitude, latitude]' }).rest(z.number());
const ring = z
  .array(position, { error: 'must be an array of positions' })
  .min(4, 'a ring needs at least 4 positions')
  .refine((r) => r[0]?.[0] === r.at(-1)?.[0] && r[0]?.[1] === r.at(-1)?.[1], 'a ring must end where it starts');
const polygon = z.array(ring, { error: 'must be an array of rings' }).min(1, 'a polygon needs an outer ring');
const geometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: polygon }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon, { error: 'must be an array of polygons' }).min(1, 'needs at least one polygon') }),
    z.object({ type: z.literal('Point'), coordinates: position }),
  ],
  { error: 'must be a Polygon, MultiPolygon or Point' },
);
const time = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with its offset, e.g. 2026-07-10T08:00:00+08:00' });

const properties = z.object(
  {
    hazardType: z.enum(HAZARD_TYPES, { error: `must be one of ${HAZARD_TYPES.join(', ')}` }),
    level: z.enum(HAZARD_LEVELS, { error: `must be one of ${HAZARD_LEVELS.join(', ')}` }),
    validFrom: time,
    validTo: time,
    radiusKm: z.number({ error: 'must be a number' }).positive('must be > 0').max(MAX_RADIUS_KM, `must be ≤ ${MAX_RADIUS_KM}`).optional(),
    name: z.string().max(200).optional(),
  },
  { error: 'must be an object with hazardType, level, validFrom and validTo' },
);

const feature = z
  .object({
    type: z.literal('Feature', { error: 'must be "Feature"' }),
    id: z.union([z.string(), z.number()]).optional(),
    geometry,
    properties,
  })
  .superRefine((f, ctx) => {
    if (Date.parse(f.properties.validTo) <= Date.parse(f.properties.validFrom)) {
      ctx.addIssue({ code: 'custom', path: ['properties', 'validTo'], message: 'must be after validFrom' });
    }
    if (f.geometry.type === 'Point' && f.properties.radiusKm === undefined) {
      ctx.addIssue({ code: 'custom', path: ['properties', 'radiusKm'], message: 'a point needs the radius of its area in km' });
    }
    if (f.geometry.type !== 'Point' && f.properties.radiusKm !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['properties', 'radiusKm'], message: 'only a point has a radius' });
    }
  });

export type HazardFeature = z.output<typeof feature>;

/** A feature's name in messages: its index, and its id or name when it has one. */
function featureLabel(value: unknown, i: number): string {
  const f = value as { id?: unknown; properties?: { name?: unknown } } | null;
  const id = typeof f?.id === 'string' || typeof f?.id === 'number' ? ` (id ${JSON.stringify(f.id)})` : typeof f?.properties?.name === 'string' ? ` ("${f.properties.name}")` : '';
  return `features[${i}]${id}`;
}

/** Validates a parsed JSON value as a hazard file. */
export function parseHazardFile(value: unknown): HazardFeature[] {
  const top = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }).safeParse(value);
  if (!top.success) throw new HazardFileError('not a GeoJSON FeatureCollection (needs "type": "FeatureCollection" and a "features" array)', 'not-collection');
  if (top.data.features.length === 0) throw new HazardFileError('the FeatureCollection has no features', 'no-features');
  return top.data.features.map((f, i) => {
    const parsed = feature.safeParse(f);
    if (!parsed.success) throw new HazardFileError(formatIssues(parsed.error, featureLabel(f, i)), 'feature');
    return parsed.data;
  });
}
