import { stockChangeOf, type StockMovement } from '../replica/situation/stock-change';

export interface MovementOfCategory extends StockMovement {
  event_time: string;
  category: string;
}

export interface DailySeries {
  /** End-of-day stock on each date. */
  stock: number[];
  /** Quantity issued (released to use) on each date. */
  consumption: number[];
}

/**
 * Each category's end-of-day stock and daily issues over `dates` (oldest first, the last one the
 * as-of day), rebuilt backwards from today's stock by undoing the movements newest first; reading
 * stops at the first movement older than the window.
 */
export function dailySeries(movementsNewestFirst: Iterable<MovementOfCategory>, stockNow: ReadonlyMap<string, number>, dates: readonly string[]): Map<string, DailySeries> {
  const n = dates.length;
  const dayIndex = new Map(dates.map((d, i) => [d, i]));
  const stock = new Map(stockNow);
  const out = new Map<string, DailySeries>();
  const seriesOf = (category: string): DailySeries => {
    let s = out.get(category);
    if (!s) {
      s = { stock: new Array<number>(n).fill(0), consumption: new Array<number>(n).fill(0) };
      out.set(category, s);
    }
    return s;
  };
  for (const c of stockNow.keys()) seriesOf(c);
  const record = (k: number) => {
    for (const [c, q] of stock) seriesOf(c).stock[k] = q;
  };

  let k = n - 1;
  for (const e of movementsNewestFirst) {
    const day = e.event_time.slice(0, 10);
    while (k >= 0 && (dates[k] ?? '') >= day) record(k--);
    if (k < 0) break;
    const series = seriesOf(e.category);
    if (e.type === 'stock.issued') {
      const i = dayIndex.get(day);
      if (i !== undefined) series.consumption[i] = (series.consumption[i] ?? 0) + (e.quantity ?? 0);
    }
    stock.set(e.category, (stock.get(e.category) ?? 0) - stockChangeOf(e));
  }
  while (k >= 0) record(k--);
  return out;
}
