import type { Situation } from '../../../../shared/contract/situation-schemas';
import { coverColor } from '../scales/color-scales';
import { inScope, type Scope } from './scope';

/** One circle per province for weak machines: where the depots are, how many, how covered. */
export interface ProvinceAggregates {
  length: number;
  positions: Float32Array;
  colors: Uint8Array;
  radii: Float32Array;
  /** Province adcode of each row. */
  adcodes: string[];
  depots: Uint32Array;
  /** Mean days of cover of the province's depots. */
  meanDaysOfCover: Float32Array;
}

/** Radius grows with the square root of the depot count, so area tracks the count. */
export const aggregateRadius = (count: number): number => 6 + 3 * Math.sqrt(count);

export function aggregateDepots(situation: Situation, scope: Scope): ProvinceAggregates {
  const sums = new Map<string, { count: number; cover: number }>();
  for (const depot of situation.depots) {
    if (!inScope(scope, depot.region)) continue;
    const s = sums.get(depot.region) ?? { count: 0, cover: 0 };
    s.count += 1;
    s.cover += depot.daysOfCover;
    sums.set(depot.region, s);
  }
  const rows = situation.provinces.filter((p) => sums.has(p.adcode));
  const length = rows.length;
  const out: ProvinceAggregates = {
    length,
    positions: new Float32Array(length * 2),
    colors: new Uint8Array(length * 4),
    radii: new Float32Array(length),
    adcodes: rows.map((p) => p.adcode),
    depots: new Uint32Array(length),
    meanDaysOfCover: new Float32Array(length),
  };
  rows.forEach((province, r) => {
    const s = sums.get(province.adcode)!;
    const mean = s.cover / s.count;
    out.positions[r * 2] = province.centroid[0];
    out.positions[r * 2 + 1] = province.centroid[1];
    out.colors.set(coverColor(mean), r * 4);
    out.radii[r] = aggregateRadius(s.count);
    out.depots[r] = s.count;
    out.meanDaysOfCover[r] = mean;
  });
  return out;
}
