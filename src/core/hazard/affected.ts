import { provincePopulation } from '../../shared/domain/population';
import { circleShape, ringsShape, sampleShape, type Shape } from './geometry';
import { HAZARD_LEVELS, type HazardFeature, type HazardLevel, type HazardType } from './hazard-file';
import type { ProvinceArea } from './provinces';

/**
 * The regions a hazard file covers and an estimate of the people in the covered part: each
 * province's 2020 census population × the share of its area the warned areas cover (people
 * spread evenly over the province: a first estimate, for an officer to correct). Areas where
 * features overlap count once. A region's time window runs from the earliest validFrom to the
 * latest validTo of the features over it; its level is the highest of them.
 */

export interface AffectedEstimate {
  region: string;
  /** Covered area (km²) and its share of the province's area. */
  areaKm2: number;
  share: number;
  /** People in the covered area, estimated. */
  population: number;
  validFrom: string;
  validTo: string;
  level: HazardLevel;
  hazardTypes: HazardType[];
  /** Indices of the features over the region. */
  features: number[];
}

export interface HazardEstimate {
  regions: AffectedEstimate[];
  /** Warned area in km² (overlaps once), and the part of it outside the 31 provinces (sea, abroad). */
  areaKm2: number;
  outsideKm2: number;
}

export function featureShape(f: HazardFeature): Shape {
  const g = f.geometry;
  if (g.type === 'Point') return circleShape(g.coordinates[0], g.coordinates[1], f.properties.radiusKm ?? 0);
  return ringsShape(g.type === 'Polygon' ? g.coordinates : g.coordinates.flat(1));
}

interface Touch {
  areaKm2: number;
  from: number;
  to: number;
  level: number;
  types: Set<HazardType>;
  features: Set<number>;
}

export function estimateAffected(features: readonly HazardFeature[], provinces: readonly ProvinceArea[], samples?: number): HazardEstimate {
  const shapes = features.map(featureShape);
  const touched = new Map<string, Touch>();
  let areaKm2 = 0;
  let outsideKm2 = 0;
  const provinceAt = (lon: number, lat: number) => provinces.find((p) => p.shape.contains(lon, lat));
  shapes.forEach((shape, k) => {
    const f = features[k] as HazardFeature;
    sampleShape(
      shape,
      (lon, lat, a) => {
        // Overlapping areas count once: the cell belongs to the first feature that holds it.
        const first = !shapes.slice(0, k).some((s) => s.contains(lon, lat));
        const p = provinceAt(lon, lat);
        if (first) {
          areaKm2 += a;
          if (!p) outsideKm2 += a;
        }
        if (!p) return;
        const t = touched.get(p.adcode) ?? { areaKm2: 0, from: Infinity, to: -Infinity, level: -1, types: new Set(), features: new Set() };
        if (first) t.areaKm2 += a;
        t.from = Math.min(t.from, Date.parse(f.properties.validFrom));
        t.to = Math.max(t.to, Date.parse(f.properties.validTo));
        t.level = Math.max(t.level, HAZARD_LEVELS.indexOf(f.properties.level));
        t.types.add(f.properties.hazardType);
        t.features.add(k);
        touched.set(p.adcode, t);
      },
      samples,
    );
  });
  const regions = [...touched]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([region, t]) => {
      const province = provinces.find((p) => p.adcode === region) as ProvinceArea;
      const share = Math.min(1, t.areaKm2 / province.areaKm2());
      return {
        region,
        areaKm2: Math.round(t.areaKm2),
        share: Math.round(share * 1e6) / 1e6,
        population: Math.round(provincePopulation(region) * share),
        validFrom: new Date(t.from).toISOString(),
        validTo: new Date(t.to).toISOString(),
        level: HAZARD_LEVELS[t.level] as HazardLevel,
        hazardTypes: [...t.types].sort(),
        features: [...t.features].sort((a, b) => a - b),
      };
    });
  return { regions, areaKm2: Math.round(areaKm2), outsideKm2: Math.round(outsideKm2) };
}
