import { categoryCosts, type CostModel } from '../costs/cost-model';
import { LAYOUT_DEFAULTS } from '../layout/problem';
import { monthIndex } from '../rotation/months';

/**
 * The cost structure the optimisation wall shows (README, "Optimisation wall"), over the
 * rotation plan's months, from the cost model and the replica:
 *
 * - storage: stock held now × the category's cost per unit and day at the depot's type × the
 *   days of the month (holdings are taken as constant over the horizon);
 * - rotation: the rotation plan's net cost (replacement bought at its arrival month's price,
 *   less the lot sold at a discount, plus handling) in the month the lot is sold;
 * - transport: the transfers sent in the same calendar month a year earlier, as the estimate of
 *   this year's: tonnes × great-circle km × the road factor of the layout model × cost per tonne-km.
 *
 * Categories the cost model has no entry for are left out and listed.
 */

export interface CostStockRow {
  region: string;
  category: string;
  operatorKind: string;
  quantity: number;
}

export interface CostTransferRow {
  region: string;
  category: string;
  /** 'YYYY-MM' the transfer was sent in. */
  month: string;
  quantity: number;
  km: number;
}

export interface CostRotationRow {
  region: string;
  category: string;
  month: string;
  cost: number;
}

export interface CostSplit {
  storage: number;
  rotation: number;
  transport: number;
}

export interface CostStructureFigures {
  months: string[];
  byMonth: (CostSplit & { month: string })[];
  byCategory: (CostSplit & { category: string })[];
  byRegion: (CostSplit & { region: string })[];
  /** Categories held or moved that the cost model has no entry for. */
  uncosted: string[];
}

export const daysInMonth = (ym: string): number => new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).getUTCDate();

const zero = (): CostSplit => ({ storage: 0, rotation: 0, transport: 0 });

export function costStructure(
  model: CostModel,
  months: readonly string[],
  stock: readonly CostStockRow[],
  transfers: readonly CostTransferRow[],
  rotations: readonly CostRotationRow[],
): CostStructureFigures {
  const byMonth = new Map(months.map((m) => [m, zero()]));
  const byCategory = new Map<string, CostSplit>();
  const byRegion = new Map<string, CostSplit>();
  const uncosted = new Set<string>();
  const add = (region: string, category: string, month: string, part: keyof CostSplit, value: number) => {
    const m = byMonth.get(month);
    if (!m || !(value > 0)) return;
    m[part] += value;
    const c = byCategory.get(category) ?? zero();
    c[part] += value;
    byCategory.set(category, c);
    const r = byRegion.get(region) ?? zero();
    r[part] += value;
    byRegion.set(region, r);
  };
  const costsOf = (category: string) => {
    if (model.categories[category]) return categoryCosts(model, category);
    uncosted.add(category);
    return null;
  };

  for (const s of stock) {
    const c = costsOf(s.category);
    const rate = c?.storagePerUnitDay[s.operatorKind as keyof typeof c.storagePerUnitDay]?.value;
    if (rate === undefined) continue;
    for (const m of months) add(s.region, s.category, m, 'storage', s.quantity * rate * daysInMonth(m));
  }
  const monthOneYearOn = new Map(months.map((m) => [monthIndex(m) - 12, m]));
  for (const t of transfers) {
    const c = costsOf(t.category);
    const month = monthOneYearOn.get(monthIndex(t.month));
    if (!c || !month) continue;
    add(t.region, t.category, month, 'transport', t.quantity * c.tonnesPerUnit.value * t.km * LAYOUT_DEFAULTS.roadFactor * model.transportPerTonneKm.value);
  }
  for (const r of rotations) add(r.region, r.category, r.month, 'rotation', r.cost);

  const rows = <K extends string>(map: Map<string, CostSplit>, key: K) =>
    [...map.entries()].map(([k, v]) => ({ [key]: k, ...round(v) }) as CostSplit & Record<K, string>).sort((a, b) => total(b) - total(a));
  return {
    months: [...months],
    byMonth: months.map((m) => ({ month: m, ...round(byMonth.get(m) as CostSplit) })),
    byCategory: rows(byCategory, 'category'),
    byRegion: rows(byRegion, 'region'),
    uncosted: [...uncosted].sort(),
  };
}

const total = (c: CostSplit) => c.storage + c.rotation + c.transport;
const round = (c: CostSplit): CostSplit => ({ storage: Math.round(c.storage), rotation: Math.round(c.rotation), transport: Math.round(c.transport) });
