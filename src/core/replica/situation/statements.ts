import type { Db } from '../open';
import { prepareDepotMovements } from './floor-since';
import { prepareRecordedAlerts } from './recorded-alerts';

export { MOVEMENT_DEPOT, MOVEMENT_TYPES_SQL } from './floor-since';

/** Lists are bound as one JSON array and read with json_each: one prepared statement whatever their length. */
const IN = (param: string) => `IN (SELECT value FROM json_each(@${param}))`;


export interface DepotRow {
  code: string;
  region: string;
  name_zh: string;
  name_en: string;
  lon: number;
  lat: number;
  operator_kind: string;
  capacity: string;
  /** Planned quantity per category code (canonical JSON). */
  planned: string;
}
export interface DepotClassStockRow {
  depot: string;
  class: string;
  /** Stock of every category of the class (floors are per class). */
  held: number;
  /** Stock of the categories in scope. */
  selected: number;
  /** Stock of the categories in scope in person-days (quantity ÷ per-capita daily norm). */
  person_days: number;
}

type Lists = { categories: string; classes: string; regions: string };

/** Every statement of the situation queries, prepared once per connection; every value bound. */
export function prepareSituationStatements(db: Db) {
  return {
    heads: db.prepare<[], { region: string; last_seq: number; head_hash: string; data_as_of: string | null }>(
      'SELECT region, last_seq, head_hash, data_as_of FROM region_heads ORDER BY region',
    ),
    categories: db.prepare<[], { code: string; name_zh: string; name_en: string; unit: string; unit_en: string; class: string; per_capita_daily: number; safety_floor_share: number }>(
      `SELECT code, name_zh, name_en, unit, unit_en, class, per_capita_daily, safety_floor_share FROM categories ORDER BY class, code`,
    ),
    provinces: db.prepare<[], { adcode: string; name_zh: string; name_en: string; emergency_level: string }>(
      `SELECT adcode, name_zh, name_en, emergency_level FROM regions WHERE level = 'province' ORDER BY adcode`,
    ),
    /** Depots in the regions with a capacity for a class in scope. */
    depots: db.prepare<[Pick<Lists, 'classes' | 'regions'>], DepotRow>(
      `SELECT code, region, name_zh, name_en, lon, lat, operator_kind, capacity, planned FROM depots
       WHERE region ${IN('regions')}
         AND EXISTS (SELECT 1 FROM json_each(depots.capacity) j WHERE j.key ${IN('classes')})
       ORDER BY code`,
    ),
    depotClassStock: db.prepare<[Lists], DepotClassStockRow>(
      `SELECT ds.depot, c.class, sum(ds.quantity) AS held,
         sum(CASE WHEN ds.category ${IN('categories')} THEN ds.quantity ELSE 0 END) AS selected,
         sum(CASE WHEN ds.category ${IN('categories')} AND c.per_capita_daily > 0 THEN ds.quantity / c.per_capita_daily ELSE 0 END) AS person_days
       FROM depot_stock ds
       JOIN categories c ON c.code = ds.category
       JOIN depots d ON d.code = ds.depot
       WHERE d.region ${IN('regions')} AND c.class ${IN('classes')}
       GROUP BY ds.depot, c.class`,
    ),
    /** Lots held whose expiry falls on or before a date (the index of held lots bounds the scan). */
    lotsExpiringBy: db.prepare<[Pick<Lists, 'categories' | 'regions'> & { until: string }], { region: string; class: string; on_hand: number; expiry_date: string }>(
      `SELECT l.region, c.class, l.on_hand, l.expiry_date
       FROM lots l INDEXED BY lots_held JOIN categories c ON c.code = l.category
       WHERE l.on_hand > 0 AND l.region ${IN('regions')} AND l.category ${IN('categories')} AND l.expiry_date <= @until`,
    ),
    /** Holdings (lot at a depot) of lots expiring on or before a date: the lot alerts. */
    holdingsExpiringBy: db.prepare<[Pick<Lists, 'categories' | 'regions'> & { until: string }], { lot_id: string; depot: string; quantity: number; category: string; expiry_date: string; region: string; lon: number; lat: number }>(
      `SELECT ls.lot_id, ls.depot, ls.quantity, l.category, l.expiry_date, d.region, d.lon, d.lat
       FROM lots l INDEXED BY lots_held
       JOIN lot_stock ls ON ls.lot_id = l.id
       JOIN depots d ON d.code = ls.depot
       WHERE l.on_hand > 0 AND l.region ${IN('regions')} AND l.category ${IN('categories')} AND l.expiry_date <= @until
         AND ls.quantity > 0
       ORDER BY l.expiry_date, ls.lot_id, ls.depot`,
    ),
    /** Held lots per region, from the counts the projector keeps (province_held_lots). */
    heldLotsByRegion: db.prepare<[Pick<Lists, 'categories' | 'regions'>], { region: string; n: number }>(
      `SELECT region, sum(lots) AS n FROM province_held_lots
       WHERE category ${IN('categories')} AND region ${IN('regions')}
       GROUP BY region`,
    ),
    /** Transfers in transit, from the summary the projector keeps (transfers_open). */
    transfersInFlight: db.prepare<[Pick<Lists, 'categories' | 'regions'>], { transfer_id: string; lot_id: string; category: string; outstanding: number; from_depot: string; to_depot: string; from_lon: number; from_lat: number; to_lon: number; to_lat: number; region: string; sent_at: string }>(
      `SELECT t.transfer_id, t.lot_id, t.category, t.outstanding, t.from_depot, t.to_depot,
         f.lon AS from_lon, f.lat AS from_lat, d.lon AS to_lon, d.lat AS to_lat, f.region, t.sent_at
       FROM transfers_open t
       JOIN depots f ON f.code = t.from_depot
       JOIN depots d ON d.code = t.to_depot
       WHERE t.category ${IN('categories')} AND f.region ${IN('regions')}
       ORDER BY t.sent_at DESC, t.transfer_id`,
    ),
    recordedAlerts: prepareRecordedAlerts(db),
    /** A depot's movements newest first: when a class went under its floor. */
    depotMovements: prepareDepotMovements(db),
  };
}

export type SituationStatements = ReturnType<typeof prepareSituationStatements>;
