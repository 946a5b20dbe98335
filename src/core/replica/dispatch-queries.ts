import { dispatchSupply, type DispatchSupply } from '../dispatch/recommend';
import type { Db } from './open';

/**
 * What a dispatch recommendation reads from the replica: every depot with its place and
 * capacity, stock on hand and what was taken in per depot and category (the floor is shared
 * by the intake mix, see core/dispatch/supply.ts), and the categories with their names,
 * units and floor shares. `supply` turns the rows into each depot's whole supply above floor
 * here, in the replica worker, so a national replica's rows never cross to the host.
 */

export interface DispatchDepotRow {
  code: string;
  region: string;
  nameZh: string;
  nameEn: string;
  lon: number;
  lat: number;
  capacity: Record<string, number>;
}

export interface DispatchQuantityRow {
  depot: string;
  category: string;
  quantity: number;
}

export interface DispatchCategoryRow {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  class: string;
  safetyFloorShare: number;
}

/** Civilian stock onboarded and available: a lot held by its owner on behalf of the state. */
export interface CivilianStockRow {
  resourceId: string;
  region: string;
  /** The contributor who holds it for the state: the addressee of an instruction calling on it. */
  owner: string;
  name: string;
  category: string;
  quantity: number;
  lon: number;
  lat: number;
}

/** A capacity unit written as tonnes per day: `t/day`, `t/d`, `tonnes/day`, `吨/天`, `吨/日`. */
const TONNES_PER_DAY = /^\s*(t|tonnes?|吨)\s*\/\s*(d|day|天|日)\s*$/i;

/** A civilian transport unit onboarded and available, its capacity in tonnes per day. */
export interface CivilianTransportRow {
  resourceId: string;
  region: string;
  /** The contributor whose lorries they are. */
  owner: string;
  name: string;
  tonnesPerDay: number;
  lon: number;
  lat: number;
}

export interface DispatchRows {
  depots: DispatchDepotRow[];
  /** Optional supply beside the depots, marked civilian in the plan. */
  civilian?: CivilianStockRow[];
  /** Optional lorries beside the state's fleet (a unit whose capacity is not in tonnes per day is left out). */
  transport?: CivilianTransportRow[];
  stock: DispatchQuantityRow[];
  intake: DispatchQuantityRow[];
  categories: DispatchCategoryRow[];
}

export function createDispatchQueries(db: Db) {
  const depots = db.prepare<[], { code: string; region: string; name_zh: string; name_en: string; lon: number; lat: number; capacity: string }>(
    'SELECT code, region, name_zh, name_en, lon, lat, capacity FROM depots ORDER BY code',
  );
  const categories = db.prepare<[], { code: string; name_zh: string; name_en: string; unit: string; unit_en: string; class: string; safety_floor_share: number }>(
    'SELECT code, name_zh, name_en, unit, unit_en, class, safety_floor_share FROM categories ORDER BY code',
  );
  // A class floor is shared among all the categories of the class a depot holds, so both are
  // read for every category of the classes asked for (the codes bound as one JSON array).
  const sameClass = `SELECT code FROM categories WHERE class IN (SELECT class FROM categories WHERE code IN (SELECT value FROM json_each(?)))`;
  const stock = db.prepare<[string], DispatchQuantityRow>(
    `SELECT depot, category, quantity FROM depot_stock WHERE quantity > 0 AND category IN (${sameClass})`,
  );
  const intake = db.prepare<[string], DispatchQuantityRow>(
    `SELECT intake_depot AS depot, category, sum(quantity_in) AS quantity FROM lots
     WHERE category IN (${sameClass}) GROUP BY intake_depot, category`,
  );

  // Withdrawn or suspended assets are not available: they leave dispatch.
  const civilian = db.prepare<[string], CivilianStockRow>(
    `SELECT r.resource_id AS resourceId, r.region, r.owner, a.name, r.what AS category, r.amount AS quantity, r.lon, r.lat
     FROM registry_resources r JOIN registry_assets a ON a.asset_id = r.asset_id
     WHERE r.kind = 'lot' AND r.status = 'available' AND r.what IN (SELECT value FROM json_each(?)) ORDER BY r.resource_id`,
  );

  const transport = db.prepare<[], Omit<CivilianTransportRow, 'tonnesPerDay'> & { amount: number | null; unit: string | null }>(
    `SELECT r.resource_id AS resourceId, r.region, r.owner, a.name, r.amount, r.unit, r.lon, r.lat
     FROM registry_resources r JOIN registry_assets a ON a.asset_id = r.asset_id
     WHERE r.kind = 'unit' AND r.what = 'transport' AND r.status = 'available' ORDER BY r.resource_id`,
  );
  const transportUnits = (): CivilianTransportRow[] =>
    transport.all().flatMap(({ amount, unit, ...u }) => (amount !== null && amount > 0 && TONNES_PER_DAY.test(unit ?? '') ? [{ ...u, tonnesPerDay: amount }] : []));

  /** Rows for the given categories and the others of their classes. */
  const rows = (categoryCodes: readonly string[]): DispatchRows => {
    const codes = JSON.stringify([...new Set(categoryCodes)]);
    return {
      depots: depots.all().map((d) => ({
        code: d.code,
        region: d.region,
        nameZh: d.name_zh,
        nameEn: d.name_en,
        lon: d.lon,
        lat: d.lat,
        capacity: JSON.parse(d.capacity) as Record<string, number>,
      })),
      civilian: civilian.all(codes),
      transport: transportUnits(),
      stock: stock.all(codes),
      intake: intake.all(codes),
      categories: categories.all().map((c) => ({
        code: c.code,
        nameZh: c.name_zh,
        nameEn: c.name_en,
        unit: c.unit,
        unitEn: c.unit_en,
        class: c.class,
        safetyFloorShare: c.safety_floor_share,
      })),
    };
  };

  return {
    rows,
    transportUnits,
    /** Every depot's whole supply above floor of the categories, computed here so only that crosses threads. */
    supply: (categoryCodes: readonly string[]): DispatchSupply => dispatchSupply(rows(categoryCodes), categoryCodes),
  };
}

export type DispatchQueries = ReturnType<typeof createDispatchQueries>;
