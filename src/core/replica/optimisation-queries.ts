import type { CostModel } from '../costs/cost-model';
import { haversineKm } from '../dispatch/geo';
import { layoutProblemFromReplica } from '../layout/from-replica';
import type { CostStockRow, CostTransferRow } from '../optimisation/cost-structure';
import { reduceLayoutProblem, type ReducedLayout } from '../optimisation/layout-reduce';
import type { RotationHolding } from '../optimisation/rotation-instructions';
import { reserveSizing, type SizingRow } from '../optimisation/reserve-sizing';
import { monthIndex, monthName, rotationInputFromReplica, type RotationInput } from '../rotation';
import { loadPrefectures } from '../seed';
import { createSituationQueries } from './situation';
import { situationFilterSchema } from '../../shared/contract/situation-schemas';
import { provincePopulation } from '../../shared/domain/population';
import type { Db } from './open';

/**
 * What the optimisation wall reads from the replica (in the replica worker, so a national
 * replica's rows never cross to the host): the rotation planner's input with the names the
 * calendar shows, the reduced layout problem, the rows of the cost structure, the sizing hint,
 * and lot holdings to check a rotation plan against before it is issued.
 */

export interface NamedDepot {
  code: string;
  nameZh: string;
  nameEn: string;
  region: string;
}

export interface NamedCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  class: string;
}

export interface RotationReading {
  input: RotationInput;
  depots: NamedDepot[];
  categories: NamedCategory[];
}

export interface LayoutReading {
  reduced: ReducedLayout;
  /** Persons per demand point (city), for the coverage table. */
  people: { id: string; lon: number; lat: number; people: number }[];
}

export interface CostReading {
  stock: CostStockRow[];
  transfers: CostTransferRow[];
  depotRegion: Record<string, string>;
  categories: NamedCategory[];
}

export interface OptimisationQueries {
  rotation(options: { months: number; region: string | null; costs: CostModel }): RotationReading;
  layout(options: { region: string | null; maxOpen: number | null }): LayoutReading;
  costs(options: { region: string | null; months: string[] }): CostReading;
  sizing(region: string | null): SizingRow[];
  holdings(pairs: { lot: string; depot: string }[]): RotationHolding[];
}

export function createOptimisationQueries(db: Db): OptimisationQueries {
  const categories = db.prepare('SELECT code, name_zh AS nameZh, name_en AS nameEn, unit, unit_en AS unitEn, class FROM categories ORDER BY code');
  const depots = db.prepare('SELECT code, name_zh AS nameZh, name_en AS nameEn, region, adcode FROM depots WHERE @region IS NULL OR region = @region ORDER BY code');
  const provinceNames = db.prepare("SELECT adcode, name_en AS nameEn FROM regions WHERE level = 'province'");
  const risk = () => new Map(createSituationQueries(db).snapshot(situationFilterSchema.parse({})).provinces.map((p) => [p.adcode, p.riskIndex]));
  return {
    rotation({ months, region, costs }) {
      return {
        input: rotationInputFromReplica(db, { months, ...(region ? { region } : {}), costs }),
        depots: depots.all({ region }) as NamedDepot[],
        categories: categories.all() as NamedCategory[],
      };
    },

    layout({ region, maxOpen }) {
      const base = layoutProblemFromReplica(db, region ? { region } : {});
      const cities = loadPrefectures().filter((c) => !region || c.province === region);
      const names = new Map((provinceNames.all() as { adcode: string; nameEn: string }[]).map((r) => [r.adcode, r.nameEn]));
      const reduced = reduceLayoutProblem(base, depots.all({ region }) as (NamedDepot & { adcode: string })[], cities, (p) => names.get(p) ?? p, maxOpen ?? undefined, region !== null);
      const perProvince = new Map<string, number>();
      for (const c of cities) perProvince.set(c.province, (perProvince.get(c.province) ?? 0) + 1);
      const people = cities.map((c) => ({ id: c.adcode, lon: c.lon, lat: c.lat, people: provincePopulation(c.province) / (perProvince.get(c.province) ?? 1) }));
      return { reduced, people };
    },

    costs({ region, months }) {
      const stock = db
        .prepare(
          `SELECT d.region, ds.category, d.operator_kind AS operatorKind, ds.quantity FROM depot_stock ds JOIN depots d ON d.code = ds.depot
           WHERE ds.quantity > 0 AND (@region IS NULL OR d.region = @region)`,
        )
        .all({ region }) as CostStockRow[];
      const first = monthIndex(months[0] ?? '2000-01');
      const from = `${monthName(first - 12)}-01`;
      const until = `${monthName(first - 12 + months.length)}-01`;
      const moves = db
        .prepare(
          `SELECT f.region, l.category, substr(t.sent_at, 1, 7) AS month, t.quantity, f.lon AS fromLon, f.lat AS fromLat, d.lon AS toLon, d.lat AS toLat
           FROM transfers t JOIN lots l ON l.id = t.lot_id JOIN depots f ON f.code = t.from_depot JOIN depots d ON d.code = t.to_depot
           WHERE t.sent_at >= @from AND t.sent_at < @until AND (@region IS NULL OR f.region = @region)`,
        )
        .all({ region, from, until }) as { region: string; category: string; month: string; quantity: number; fromLon: number; fromLat: number; toLon: number; toLat: number }[];
      const transfers = moves.map((m) => ({ region: m.region, category: m.category, month: m.month, quantity: m.quantity, km: haversineKm(m.fromLon, m.fromLat, m.toLon, m.toLat) }));
      const depotRegion = Object.fromEntries((depots.all({ region }) as NamedDepot[]).map((d) => [d.code, d.region]));
      return { stock, transfers, depotRegion, categories: categories.all() as NamedCategory[] };
    },

    sizing(region) {
      const riskOf = risk();
      const regions = [...riskOf.keys()].filter((r) => !region || r === region).sort().map((r) => ({ region: r, population: provincePopulation(r), riskIndex: riskOf.get(r) ?? 0 }));
      const cats = db.prepare('SELECT code, class, per_capita_daily AS perCapitaDaily FROM categories').all() as { code: string; class: string; perCapitaDaily: number }[];
      const held = db
        .prepare('SELECT d.region, ds.category, sum(ds.quantity) AS quantity FROM depot_stock ds JOIN depots d ON d.code = ds.depot WHERE @region IS NULL OR d.region = @region GROUP BY d.region, ds.category')
        .all({ region }) as { region: string; category: string; quantity: number }[];
      const planned = (db.prepare('SELECT region, planned FROM depots WHERE @region IS NULL OR region = @region').all({ region }) as { region: string; planned: string }[]).flatMap((d) =>
        Object.entries(JSON.parse(d.planned) as Record<string, number>).map(([category, quantity]) => ({ region: d.region, category, quantity })),
      );
      return reserveSizing(regions, cats, held, planned);
    },

    holdings(pairs) {
      const one = db.prepare(
        `SELECT ls.lot_id AS lot, ls.depot, d.region, l.category, ls.quantity FROM lot_stock ls JOIN lots l ON l.id = ls.lot_id JOIN depots d ON d.code = ls.depot
         WHERE ls.lot_id = ? AND ls.depot = ?`,
      );
      return pairs.map((p) => one.get(p.lot, p.depot) as RotationHolding | undefined).filter((h): h is RotationHolding => !!h);
    },
  };
}
