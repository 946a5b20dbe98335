import type { DispatchCategoryRow, DispatchRows } from '../replica/dispatch-queries';
import { supplyAboveFloor } from '../dispatch/supply';

/**
 * What the simulation reads from the replica, pooled per region: for each category the stock
 * held and the part of it that is safety floor (the class floor shared out as in the depot
 * drawer, see core/dispatch/supply.ts), and where the region's stocked depots are (for road
 * hours). A depot already below its floor holds nothing above it: all it holds is floor.
 * Computed from plain rows, so it can run next to the data (the replica worker) and only a few
 * hundred numbers cross to the simulation.
 */

export interface RegionStock {
  held: number;
  /** The part of `held` that is safety floor (≤ held). */
  floor: number;
}

export interface SupplyRegion {
  region: string;
  /** Depots of the region holding any of the categories, as [lon, lat]. */
  depots: [number, number][];
  stock: Record<string, RegionStock>;
}

export interface SimulationSupply {
  categories: DispatchCategoryRow[];
  /** Tonnes per day of the civilian transport units available (the registry); plans opt in. */
  civilianTransportTonnesPerDay?: number;
  /** Regions holding any of the categories, by adcode. */
  regions: SupplyRegion[];
}

export function simulationSupply(rows: DispatchRows, categories: readonly string[]): SimulationSupply {
  const only = new Set(categories);
  const above = new Map<string, number>();
  for (const d of supplyAboveFloor({ depots: rows.depots, stock: rows.stock, intake: rows.intake, categories: rows.categories, only })) {
    for (const [c, q] of Object.entries(d.supply)) above.set(`${d.id}|${c}`, q);
  }
  const held = new Map<string, Map<string, number>>();
  for (const s of rows.stock) {
    if (!only.has(s.category) || !(s.quantity > 0)) continue;
    const byCat = held.get(s.depot) ?? new Map<string, number>();
    byCat.set(s.category, (byCat.get(s.category) ?? 0) + s.quantity);
    held.set(s.depot, byCat);
  }
  const regions = new Map<string, SupplyRegion>();
  for (const d of rows.depots) {
    const byCat = held.get(d.code);
    if (!byCat) continue;
    const r = regions.get(d.region) ?? { region: d.region, depots: [], stock: {} };
    r.depots.push([d.lon, d.lat]);
    for (const [c, q] of byCat) {
      const s = r.stock[c] ?? { held: 0, floor: 0 };
      s.held += q;
      s.floor += q - Math.min(q, above.get(`${d.code}|${c}`) ?? 0);
      r.stock[c] = s;
    }
    regions.set(d.region, r);
  }
  return {
    categories: rows.categories.filter((c) => only.has(c.code)),
    regions: [...regions.values()].sort((a, b) => (a.region < b.region ? -1 : 1)),
  };
}
