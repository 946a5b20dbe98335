import type { DispatchDepot } from './problem';

/**
 * What each depot can give: its stock above its safety floor, from plain rows (the app host
 * reads them from the replica). The floor follows the situation picture (README, "Safety
 * floor"): per class, `safetyFloorShare × capacity[class]`, the class's share being the highest
 * of its categories'; a class floor is shared out among the categories the depot holds by what
 * it took in of each (its procurement mix), falling back to current stock, then to equal parts.
 * A category gives what it holds above its part of the floor, never less than nothing.
 */

export interface SupplyDepotRow {
  code: string;
  lon: number;
  lat: number;
  /** Nominal capacity per category class. */
  capacity: Readonly<Record<string, number>>;
}

export interface SupplyStockRow {
  depot: string;
  category: string;
  quantity: number;
}

export interface SupplyCategoryRow {
  code: string;
  class: string;
  safetyFloorShare: number;
}

export interface SupplyInput {
  depots: readonly SupplyDepotRow[];
  /** Stock on hand; several rows of one depot and category (lots) are added up. */
  stock: readonly SupplyStockRow[];
  categories: readonly SupplyCategoryRow[];
  /** Quantities taken in per depot and category, for sharing the class floor; optional. */
  intake?: readonly SupplyStockRow[];
  /** Only these categories (e.g. those a scenario needs); all when absent. */
  only?: ReadonlySet<string>;
}

const sumBy = (rows: readonly SupplyStockRow[] | undefined, known: ReadonlyMap<string, SupplyCategoryRow>) => {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows ?? []) {
    if (!known.has(r.category) || !(r.quantity > 0)) continue;
    const byCat = out.get(r.depot) ?? new Map<string, number>();
    byCat.set(r.category, (byCat.get(r.category) ?? 0) + r.quantity);
    out.set(r.depot, byCat);
  }
  return out;
};

/** Depots with something above the floor, in input order; stock of unknown categories or depots is ignored. */
export function supplyAboveFloor(input: SupplyInput): DispatchDepot[] {
  const categories = new Map(input.categories.map((c) => [c.code, c]));
  const floorShare = new Map<string, number>();
  for (const c of input.categories) floorShare.set(c.class, Math.max(floorShare.get(c.class) ?? 0, c.safetyFloorShare));
  const stock = sumBy(input.stock, categories);
  const intake = sumBy(input.intake, categories);

  const out: DispatchDepot[] = [];
  for (const d of input.depots) {
    const held = stock.get(d.code);
    if (!held) continue;
    const took = intake.get(d.code) ?? new Map<string, number>();
    const byClass = new Map<string, string[]>();
    for (const code of held.keys()) {
      const cls = (categories.get(code) as SupplyCategoryRow).class;
      byClass.set(cls, [...(byClass.get(cls) ?? []), code]);
    }
    const supply: Record<string, number> = {};
    for (const [cls, codes] of byClass) {
      const classFloor = (floorShare.get(cls) ?? 0) * (d.capacity[cls] ?? 0);
      const total = (m: ReadonlyMap<string, number>) => codes.reduce((n, c) => n + (m.get(c) ?? 0), 0);
      const byIntake = total(took);
      const byStock = total(held);
      for (const code of codes) {
        const weight = byIntake > 0 ? (took.get(code) ?? 0) / byIntake : byStock > 0 ? (held.get(code) ?? 0) / byStock : 1 / codes.length;
        const above = (held.get(code) ?? 0) - classFloor * weight;
        if (above > 0 && (!input.only || input.only.has(code))) supply[code] = above;
      }
    }
    if (Object.keys(supply).length > 0) out.push({ id: d.code, lon: d.lon, lat: d.lat, supply });
  }
  return out;
}
