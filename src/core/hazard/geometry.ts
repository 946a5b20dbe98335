import { EARTH_RADIUS_KM, haversineKm } from '../dispatch/geo';

/**
 * Areas on the map as shapes that say whether they hold a point, and an area estimate by
 * sampling: a regular lon/lat grid over the shape's box, each cell centre inside it counting
 * its cell's area on the sphere (R² · Δλ · Δφ · cos φ). No polygon clipping is needed, holes and
 * several parts are handled by the even-odd rule, and the error shrinks with the cell size.
 */

export type Ring = readonly (readonly number[])[];
export type Box = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

export interface Shape {
  box: Box;
  contains(lon: number, lat: number): boolean;
}

/** Cells a shape's box is cut into when its area is sampled. */
export const SAMPLES = 40_000;

function boxOf(rings: readonly Ring[]): Box {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const r of rings) {
    for (const p of r) {
      const [x, y] = p as [number, number];
      if (x < minLon) minLon = x;
      if (x > maxLon) maxLon = x;
      if (y < minLat) minLat = y;
      if (y > maxLat) maxLat = y;
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** Rings (outer rings and holes of one or several polygons) read with the even-odd rule. */
export function ringsShape(rings: readonly Ring[]): Shape {
  const box = boxOf(rings);
  return {
    box,
    contains(lon, lat) {
      if (lon < box[0] || lon > box[2] || lat < box[1] || lat > box[3]) return false;
      let inside = false;
      for (const r of rings) {
        for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
          const [xi, yi] = r[i] as [number, number];
          const [xj, yj] = r[j] as [number, number];
          if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
        }
      }
      return inside;
    },
  };
}

/** Every point within `radiusKm` (great-circle) of a centre. */
export function circleShape(lon: number, lat: number, radiusKm: number): Shape {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const cos = Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180);
  const dLon = Math.min(180, dLat / Math.max(cos, 1e-6));
  return {
    box: [lon - dLon, Math.max(-90, lat - dLat), lon + dLon, Math.min(90, lat + dLat)],
    contains: (x, y) => haversineKm(lon, lat, x, y) <= radiusKm,
  };
}

/** Calls `visit` for each grid cell centre inside the shape, with the cell's area in km². */
export function sampleShape(shape: Shape, visit: (lon: number, lat: number, areaKm2: number) => void, samples = SAMPLES): void {
  const [minLon, minLat, maxLon, maxLat] = shape.box;
  const w = maxLon - minLon;
  const h = maxLat - minLat;
  if (!(w > 0) || !(h > 0)) return;
  const step = Math.sqrt((w * h) / samples);
  const nx = Math.max(1, Math.ceil(w / step));
  const ny = Math.max(1, Math.ceil(h / step));
  const dx = w / nx;
  const dy = h / ny;
  const cell = (dx * Math.PI) / 180 * ((dy * Math.PI) / 180) * EARTH_RADIUS_KM ** 2;
  for (let iy = 0; iy < ny; iy++) {
    const lat = minLat + (iy + 0.5) * dy;
    const area = cell * Math.cos((lat * Math.PI) / 180);
    for (let ix = 0; ix < nx; ix++) {
      const lon = minLon + (ix + 0.5) * dx;
      if (shape.contains(lon, lat)) visit(lon, lat, area);
    }
  }
}

/** A shape's area in km², sampled. */
export function shapeAreaKm2(shape: Shape, samples = SAMPLES): number {
  let total = 0;
  sampleShape(shape, (_lon, _lat, a) => (total += a), samples);
  return total;
}
