import type { Trend } from '../../../shared/contract/situation-schemas';
import type { CategoryClass } from '../../../shared/domain/events';
import { personDays, personsSupported } from '../../../shared/domain/reserve-figures';
import type { Db } from '../open';
import { stockChangeOf } from './stock-change';
import { isoDatePlus, type DataStamp } from './as-of';
import type { CategoryRef, Scope } from './scope';
import { MOVEMENT_TYPES_SQL } from './statements';

type MovementRow = { event_time: string; type: string; quantity: number | null; replaced_by: number | null; adjustment: number | null; category: string };

export function prepareTrendStatements(db: Db) {
  return {
    stock: db.prepare<[string], { category: string; quantity: number }>('SELECT category, quantity FROM province_stock WHERE region = ?'),
    // Newest first along the region's log; the caller stops reading once past the window.
    // CROSS JOIN keeps the log as the outer loop.
    movements: db.prepare<[string], MovementRow>(
      `SELECT e.event_time, e.type, json_extract(e.payload, '$.quantity') AS quantity,
         json_extract(e.payload, '$.newLot.quantity') AS replaced_by, json_extract(e.payload, '$.adjustment.quantity') AS adjustment, l.category
       FROM events e CROSS JOIN lots l ON l.id = coalesce(json_extract(e.payload, '$.lotId'), json_extract(e.payload, '$.adjustment.lotId'))
       WHERE e.region = ? AND e.type IN ${MOVEMENT_TYPES_SQL}
       ORDER BY e.seq DESC`,
    ),
  };
}

export type TrendStatements = ReturnType<typeof prepareTrendStatements>;

/**
 * Persons supported for 7 days by class at the end of each of the last `days` days, rebuilt backwards from
 * today's stock by undoing the region's movements newest first.
 */
export function provinceTrend(s: TrendStatements, region: string, days: number, scope: Scope, categories: readonly CategoryRef[], stamp: DataStamp): Trend {
  const today = (stamp.asOf ?? '1970-01-01').slice(0, 10);
  const dates = Array.from({ length: days }, (_, i) => isoDatePlus(today, i - days + 1));
  const inScope = new Map(categories.filter((c) => scope.categories.includes(c.code)).map((c) => [c.code, c]));
  const stock = new Map<string, number>();
  for (const r of s.stock.all(region)) if (inScope.has(r.category)) stock.set(r.category, r.quantity);

  const perClass = new Map<CategoryClass, number[]>(scope.classes.map((k) => [k, new Array<number>(days).fill(0)]));
  const record = (k: number) => {
    for (const [code, qty] of stock) {
      const c = inScope.get(code);
      const series = c && perClass.get(c.class);
      if (c && series) series[k] = (series[k] ?? 0) + personsSupported(personDays(qty, c.perCapitaDaily), c.class);
    }
  };

  let k = days - 1;
  for (const e of s.movements.iterate(region)) {
    const day = e.event_time.slice(0, 10);
    while (k >= 0 && (dates[k] ?? '') >= day) record(k--);
    if (k < 0) break;
    if (!inScope.has(e.category)) continue;
    stock.set(e.category, (stock.get(e.category) ?? 0) - stockChangeOf(e));
  }
  while (k >= 0) record(k--);

  return { region, asOf: stamp.asOf, dates, series: [...perClass].map(([cls, persons]) => ({ class: cls, personsSupported: persons })) };
}
