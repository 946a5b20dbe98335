import { travelHours } from '../dispatch/geo';

/** Road-hour thresholds of the coverage table. */
export const COVERAGE_HOURS = [4, 8, 12] as const;

export interface CoveragePoint {
  lon: number;
  lat: number;
  /** Persons living there. */
  people: number;
}

/**
 * Share of the people (0 … 1) within each threshold's road hours of the nearest supplied site;
 * hours as in the layout model (great-circle km × roadFactor ÷ speedKmh). No site: nobody covered.
 */
export function coverageShares(
  points: readonly CoveragePoint[],
  sites: readonly { lon: number; lat: number }[],
  roadFactor: number,
  speedKmh: number,
  thresholds: readonly number[] = COVERAGE_HOURS,
): number[] {
  const total = points.reduce((s, p) => s + p.people, 0);
  if (total <= 0) return thresholds.map(() => 0);
  const covered = thresholds.map(() => 0);
  for (const p of points) {
    let nearest = Infinity;
    for (const s of sites) nearest = Math.min(nearest, travelHours(p, s, roadFactor, speedKmh));
    thresholds.forEach((h, i) => {
      if (nearest <= h) covered[i] = (covered[i] as number) + p.people;
    });
  }
  return covered.map((c) => c / total);
}
