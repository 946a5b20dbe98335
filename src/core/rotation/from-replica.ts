import type { CostModel } from '../costs/cost-model';
import type { Db } from '../replica/open';
import type { RotationInput } from './input';
import { monthIndex, monthName } from './months';

/**
 * The rotation planner's input read from a replica: the first plannable month is the one after
 * the replica's data-as-of month; per depot and class the stock held now (depot_stock), the
 * safety floor (the class's highest safetyFloorShare × the depot's capacity of the class, as
 * in the situation picture) and the handling capacity (the cost model's share of that capacity
 * per month); and every lot holding that expires before the horizon ends.
 */
export interface RotationReplicaOptions {
  months: number;
  region?: string;
  costs: CostModel;
}

export function rotationInputFromReplica(db: Db, options: RotationReplicaOptions): RotationInput {
  const asOf = (db.prepare('SELECT max(data_as_of) AS t FROM region_heads').get() as { t: string | null }).t;
  if (!asOf) throw new Error('the replica holds no data yet (no data-as-of time)');
  const first = monthIndex(asOf.slice(0, 7)) + 1;
  const end = monthName(first + options.months);
  const region = options.region ?? null;
  const shares = new Map(
    (db.prepare('SELECT class, max(safety_floor_share) AS share FROM categories GROUP BY class').all() as { class: string; share: number }[]).map((r) => [r.class, r.share]),
  );
  const depots = db.prepare('SELECT code, capacity FROM depots WHERE @region IS NULL OR region = @region ORDER BY code').all({ region }) as { code: string; capacity: string }[];
  const held = new Map(
    (
      db
        .prepare(
          `SELECT ds.depot, c.class, sum(ds.quantity) AS q FROM depot_stock ds JOIN categories c ON c.code = ds.category
           JOIN depots d ON d.code = ds.depot WHERE @region IS NULL OR d.region = @region GROUP BY ds.depot, c.class`,
        )
        .all({ region }) as { depot: string; class: string; q: number }[]
    ).map((r) => [`${r.depot}|${r.class}`, r.q]),
  );
  const handlingShare = options.costs.handlingShareOfCapacityPerMonth.value;
  const depotClasses = depots.flatMap((d) =>
    Object.entries(JSON.parse(d.capacity) as Record<string, number>).map(([cls, capacity]) => ({
      depot: d.code,
      class: cls,
      held: held.get(`${d.code}|${cls}`) ?? 0,
      floor: (shares.get(cls) ?? 0) * capacity,
      handling: handlingShare * capacity,
    })),
  );
  const lots = db
    .prepare(
      `SELECT ls.lot_id AS lot, ls.depot, l.category, c.class, ls.quantity, l.expiry_date AS expiry
       FROM lot_stock ls JOIN lots l ON l.id = ls.lot_id JOIN categories c ON c.code = l.category JOIN depots d ON d.code = ls.depot
       WHERE ls.quantity > 0 AND l.expiry_date < @end AND (@region IS NULL OR d.region = @region)
       ORDER BY l.expiry_date, ls.lot_id, ls.depot`,
    )
    .all({ region, end: `${end}-01` }) as RotationInput['lots'];
  return { firstMonth: monthName(first), months: options.months, depotClasses, lots, costs: options.costs };
}
