import type { ForecastRisk, RegionForecast, ReserveAtRisk, ReserveForecast } from '../../shared/contract/forecast-schemas';
import type { CategoryClass } from '../../shared/domain/events';
import type { Db } from '../replica/open';
import { dataStamp, isoDatePlus, type DataStamp } from '../replica/situation/as-of';
import { MOVEMENT_TYPES_SQL } from '../replica/situation/statements';
import { changepoints, groupOutliers, type SeriesAnomaly } from './anomalies';
import { dailySeries, type DailySeries, type MovementOfCategory } from './daily-series';
import { clampAtZero, floorCrossing, forecastBand, type Band } from './model';

/** Days of history each forecast is fitted on. */
export const HISTORY_DAYS = 91;
/** Days ahead the stock is forecast; "at risk" means crossing the floor within them. */
export const HORIZON_DAYS = 30;
/** Nominal coverage of the prediction interval. */
export const INTERVAL_LEVEL = 0.8;

type CategoryRow = { code: string; name_zh: string; name_en: string; unit: string; unit_en: string; class: string; safety_floor_share: number };

export function prepareForecastStatements(db: Db) {
  return {
    heads: db.prepare<[], { region: string; last_seq: number; head_hash: string; data_as_of: string | null }>('SELECT region, last_seq, head_hash, data_as_of FROM region_heads ORDER BY region'),
    categories: db.prepare<[], CategoryRow>('SELECT code, name_zh, name_en, unit, unit_en, class, safety_floor_share FROM categories ORDER BY class, code'),
    provinces: db.prepare<[], { adcode: string; name_zh: string; name_en: string }>(`SELECT adcode, name_zh, name_en FROM regions WHERE level = 'province' ORDER BY adcode`),
    stock: db.prepare<[string], { category: string; quantity: number }>('SELECT category, quantity FROM province_stock WHERE region = ?'),
    capacity: db.prepare<[string], { class: string; capacity: number }>('SELECT j.key AS class, sum(j.value) AS capacity FROM depots d, json_each(d.capacity) j WHERE d.region = ? GROUP BY j.key'),
    intake: db.prepare<[string], { category: string; quantity: number }>('SELECT category, sum(quantity_in) AS quantity FROM lots WHERE region = ? GROUP BY category'),
    // The region's movements newest first; the reader stops once past the window. CROSS JOIN keeps the log the outer loop.
    movements: db.prepare<[string], MovementOfCategory>(
      `SELECT e.event_time, e.type, json_extract(e.payload, '$.quantity') AS quantity,
         json_extract(e.payload, '$.newLot.quantity') AS replaced_by, json_extract(e.payload, '$.adjustment.quantity') AS adjustment, l.category
       FROM events e CROSS JOIN lots l ON l.id = coalesce(json_extract(e.payload, '$.lotId'), json_extract(e.payload, '$.adjustment.lotId'))
       WHERE e.region = ? AND e.type IN ${MOVEMENT_TYPES_SQL}
       ORDER BY e.seq DESC`,
    ),
  };
}
type Statements = ReturnType<typeof prepareForecastStatements>;

/**
 * Each category's floor in a province: the class floor (floor share × the province's depot capacity
 * for the class) shared among the class's categories by what the province took in of each, as a
 * depot's class floor is shared in the depot drawer.
 */
function categoryFloors(s: Statements, region: string, categories: readonly CategoryRow[]): Map<string, number> {
  const share = new Map<string, number>();
  for (const c of categories) share.set(c.class, Math.max(share.get(c.class) ?? 0, c.safety_floor_share));
  const capacity = new Map(s.capacity.all(region).map((r) => [r.class, r.capacity]));
  const intake = new Map(s.intake.all(region).map((r) => [r.category, r.quantity]));
  const floors = new Map<string, number>();
  for (const c of categories) {
    const same = categories.filter((x) => x.class === c.class);
    const total = same.reduce((a, x) => a + (intake.get(x.code) ?? 0), 0);
    const weight = total > 0 ? (intake.get(c.code) ?? 0) / total : 1 / same.length;
    floors.set(c.code, (share.get(c.class) ?? 0) * (capacity.get(c.class) ?? 0) * weight);
  }
  return floors;
}

interface NationalForecast {
  version: string;
  asOf: string | null;
  dates: string[];
  forecastDates: string[];
  regions: Map<string, { nameZh: string; nameEn: string; reserves: ReserveForecast[] }>;
}

function anomalyOut(a: SeriesAnomaly, dates: readonly string[]) {
  const at = (i: number) => dates[i] ?? isoDatePlus(dates[dates.length - 1] ?? '1970-01-01', i - dates.length + 1);
  return { kind: a.kind, from: at(a.start), until: at(a.end), evidenceFrom: at(a.evidenceStart), evidence: a.evidence };
}

/** One province's part of the forecast: its series, bands and changepoints, which only its own log decides. */
interface RegionPart {
  /** The province's head and the window's last day: the part holds while both are unchanged. */
  key: string;
  series: Map<string, DailySeries>;
  floors: Map<string, number>;
  fitted: Map<string, { band: Band; changes: SeriesAnomaly[] }>;
}

function computeRegion(s: Statements, region: string, key: string, dates: readonly string[], categories: readonly CategoryRow[]): RegionPart {
  const stockNow = new Map(s.stock.all(region).map((r) => [r.category, r.quantity]));
  const series = dailySeries(s.movements.iterate(region), stockNow, dates);
  const floors = categoryFloors(s, region, categories);
  const fitted = new Map<string, { band: Band; changes: SeriesAnomaly[] }>();
  for (const c of categories) {
    const d = series.get(c.code);
    if (!d || ((floors.get(c.code) ?? 0) === 0 && d.stock.every((v) => v === 0))) continue;
    fitted.set(c.code, { band: clampAtZero(forecastBand(d.stock, HORIZON_DAYS, INTERVAL_LEVEL)), changes: changepoints(d.consumption) });
  }
  return { key, series, floors, fitted };
}

/**
 * Every province's reserves. A province whose log has not moved keeps its fitted part; only the
 * outliers, which compare each category across all provinces, are found again for every version.
 */
function computeNational(s: Statements, stamp: DataStamp, parts: Map<string, RegionPart>): NationalForecast {
  const today = (stamp.asOf ?? '1970-01-01').slice(0, 10);
  const dates = Array.from({ length: HISTORY_DAYS }, (_, i) => isoDatePlus(today, i - HISTORY_DAYS + 1));
  const forecastDates = Array.from({ length: HORIZON_DAYS }, (_, i) => isoDatePlus(today, i + 1));
  const categories = s.categories.all();
  const provinces = s.provinces.all();
  const heads = new Map(s.heads.all().map((h) => [h.region, h.last_seq]));

  for (const p of provinces) {
    const key = `${heads.get(p.adcode) ?? 0}|${today}`;
    if (parts.get(p.adcode)?.key !== key) parts.set(p.adcode, computeRegion(s, p.adcode, key, dates, categories));
  }
  // Outliers: each category's daily issues in every province, compared as one group.
  const outliers = new Map<string, SeriesAnomaly[]>();
  for (const c of categories) {
    const group = provinces.map((p) => parts.get(p.adcode)?.series.get(c.code)?.consumption ?? new Array<number>(HISTORY_DAYS).fill(0));
    groupOutliers(group).forEach((found, i) => outliers.set(`${provinces[i]?.adcode}|${c.code}`, found));
  }

  const regions: NationalForecast['regions'] = new Map();
  for (const p of provinces) {
    const part = parts.get(p.adcode);
    const reserves: ReserveForecast[] = [];
    for (const c of categories) {
      const d = part?.series.get(c.code);
      const fit = part?.fitted.get(c.code);
      if (!d || !fit) continue;
      const floor = part?.floors.get(c.code) ?? 0;
      const found = [...(outliers.get(`${p.adcode}|${c.code}`) ?? []), ...fit.changes].sort((a, b) => a.start - b.start);
      reserves.push({
        category: c.code,
        nameZh: c.name_zh,
        nameEn: c.name_en,
        unit: c.unit,
        unitEn: c.unit_en,
        class: c.class as CategoryClass,
        floor,
        stock: d.stock,
        consumption: d.consumption,
        forecast: { point: fit.band.point, lower: fit.band.lower, upper: fit.band.upper, method: fit.band.method },
        crossing: floorCrossing(fit.band, floor),
        underFloorNow: (d.stock[d.stock.length - 1] ?? 0) < floor,
        anomalies: found.map((a) => anomalyOut(a, dates)),
      });
    }
    regions.set(p.adcode, { nameZh: p.name_zh, nameEn: p.name_en, reserves });
  }
  return { version: stamp.dataVersion, asOf: stamp.asOf, dates, forecastDates, regions };
}

/** Reserves under their floor now or forecast (at the interval's lower bound) to go under it within the horizon, soonest first. */
export function reservesAtRisk(national: Pick<NationalForecast, 'regions' | 'forecastDates'>): ReserveAtRisk[] {
  const rows: ReserveAtRisk[] = [];
  for (const [region, r] of national.regions) {
    for (const f of r.reserves) {
      if (!f.underFloorNow && f.crossing.earliest === null) continue;
      const dateOf = (k: number | null) => (k === null ? null : (national.forecastDates[k - 1] ?? null));
      rows.push({
        region,
        regionZh: r.nameZh,
        regionEn: r.nameEn,
        category: f.category,
        nameZh: f.nameZh,
        nameEn: f.nameEn,
        unit: f.unit,
        unitEn: f.unitEn,
        stock: f.stock[f.stock.length - 1] ?? 0,
        floor: f.floor,
        underFloorNow: f.underFloorNow,
        crossing: f.crossing,
        expectedDate: dateOf(f.crossing.expected),
        earliestDate: dateOf(f.crossing.earliest),
      });
    }
  }
  const soon = (x: ReserveAtRisk) => (x.underFloorNow ? 0 : (x.crossing.earliest ?? Infinity));
  return rows.sort((a, b) => soon(a) - soon(b) || (a.crossing.expected ?? Infinity) - (b.crossing.expected ?? Infinity) || a.region.localeCompare(b.region) || a.category.localeCompare(b.category));
}

/** Forecasts of every reserve on the replica's thread: assembled once per data version, each province refitted only when its log moved. */
export function createForecastQueries(db: Db) {
  const s = prepareForecastStatements(db);
  let cached: NationalForecast | null = null;
  const parts = new Map<string, RegionPart>();
  const national = (): NationalForecast => {
    const stamp = dataStamp(s.heads.all());
    if (cached?.version !== stamp.dataVersion) cached = computeNational(s, stamp, parts);
    return cached;
  };
  return {
    region(region: string): RegionForecast {
      const n = national();
      const r = n.regions.get(region);
      if (!r) throw new Error(`no province ${region} in this replica`);
      return { region, asOf: n.asOf, level: INTERVAL_LEVEL, dates: n.dates, forecastDates: n.forecastDates, reserves: r.reserves };
    },
    risk(): ForecastRisk {
      const n = national();
      return { asOf: n.asOf, horizonDays: HORIZON_DAYS, level: INTERVAL_LEVEL, reserves: reservesAtRisk(n) };
    },
  };
}
export type ForecastQueries = ReturnType<typeof createForecastQueries>;

const perConnection = new WeakMap<Db, ForecastQueries>();

/** The forecast queries of a connection, shared by its callers (worker handlers, briefing) so each data version is forecast once. */
export function forecastQueriesFor(db: Db): ForecastQueries {
  let q = perConnection.get(db);
  if (!q) {
    q = createForecastQueries(db);
    perConnection.set(db, q);
  }
  return q;
}
