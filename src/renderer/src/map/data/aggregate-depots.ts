import type { Situation } from '../../../../shared/contract/situation-schemas';
import { planColour } from '../scales/color-scales';
import { inScope, type Scope } from './scope';

/** One circle per province for weak machines: where the depots are, how many, how far to plan. */
export interface ProvinceAggregates {
  length: number;
  positions: Float32Array;
  colors: Uint8Array;
  radii: Float32Array;
  /** Province adcode of each row. */
  adcodes: string[];
  depots: Uint32Array;
  /** Plan completion of the province's depots in scope (NaN: none has a plan), as the province row states it. */
  planCompletion: Float32Array;
}

/** Radius grows with the square root of the depot count, so area tracks the count. */
export const aggregateRadius = (count: number): number => 6 + 3 * Math.sqrt(count);

export function aggregateDepots(situation: Situation, scope: Scope): ProvinceAggregates {
  const sums = new Map<string, { count: number }>();
  for (const depot of situation.depots) {
    if (!inScope(scope, depot.region)) continue;
    const s = sums.get(depot.region) ?? { count: 0 };
    s.count += 1;
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
    planCompletion: new Float32Array(length),
  };
  rows.forEach((province, r) => {
    const s = sums.get(province.adcode)!;
    // The province's own figure (person-days held ÷ planned), not a mean of depot shares.
    const completion = province.planCompletion ?? null;
    out.positions[r * 2] = province.centroid[0];
    out.positions[r * 2 + 1] = province.centroid[1];
    out.colors.set(planColour(completion), r * 4);
    out.radii[r] = aggregateRadius(s.count);
    out.depots[r] = s.count;
    out.planCompletion[r] = completion ?? Number.NaN;
  });
  return out;
}
