import { isoDatePlus } from '../replica/situation/as-of';
import type { Db } from '../replica/open';
import type { RegionCut } from './clock';

const SEP = '\u0000';

export interface LotAt {
  id: string;
  region: string;
  category: string;
  expiry: string;
  onHand: number;
}
export interface HoldingAt {
  lot: string;
  depot: string;
  quantity: number;
  category: string;
  expiry: string;
  lotRegion: string;
}
export interface TransferAt {
  transferId: string;
  lotId: string;
  category: string;
  outstanding: number;
  fromDepot: string;
  toDepot: string;
  sentAt: string;
}
export interface AlertAt {
  id: string;
  kind: string;
  severity: string;
  region: string;
  depot: string | null;
  raisedAt: string;
  lotCategory: string | null;
  hasLot: boolean;
}

/** The stock-bearing rows of the replica as they stood at a cut: the inputs of the situation queries. */
export interface StockAt {
  /** depot → category → quantity (depot_stock). */
  depotStock: Map<string, Map<string, number>>;
  /** Lots held with expiry on or before the 90-day horizon of the moment. */
  expiringLots: LotAt[];
  /** Held lots per home region and category (lots with on_hand > 0). */
  heldCount: Map<string, number>;
  /** Holdings (lot at a depot, quantity > 0) of held lots expiring by the 30-day horizon. */
  expiringHoldings: HoldingAt[];
  transfers: TransferAt[];
  alerts: AlertAt[];
}

/** Any expiry: the rows a base keeps are not cut to a horizon, so every later moment finds its lots in them. */
const NO_HORIZON = '9999-12-31';

export function prepareStockAt(db: Db) {
  return {
    movesBetween: db
      .prepare<[string, number, number], MoveTuple>(
        'SELECT lot, depot, category, lot_region, expiry, delta, transfer FROM replay_moves WHERE region = ? AND seq > ? AND seq <= ?',
      )
      .raw(),
    depotStock: db.prepare<[], [string, string, number]>('SELECT depot, category, quantity FROM depot_stock').raw(),
    heldLots: db
      .prepare<[string], [string, string, string, number, string]>(
        'SELECT id, region, category, on_hand, expiry_date FROM lots INDEXED BY lots_held WHERE on_hand > 0 AND expiry_date <= ?',
      )
      .raw(),
    heldCount: db
      .prepare<[], [string, string, number]>('SELECT region, category, count(*) FROM lots INDEXED BY lots_held WHERE on_hand > 0 GROUP BY region, category')
      .raw(),
    holdings: db
      .prepare<[string], [string, string, number, string, string, string]>(
        `SELECT ls.lot_id, ls.depot, ls.quantity, l.category, l.expiry_date, l.region
         FROM lots l INDEXED BY lots_held JOIN lot_stock ls ON ls.lot_id = l.id
         WHERE l.on_hand > 0 AND l.expiry_date <= ? AND ls.quantity > 0`,
      )
      .raw(),
    inFlight: db
      .prepare<[], [string, string, string, number, string, string, string]>(
        `SELECT t.transfer_id, t.lot_id, l.category, t.quantity - t.received, t.from_depot, t.to_depot, t.sent_at
         FROM transfers t INDEXED BY transfers_in_flight JOIN lots l ON l.id = t.lot_id WHERE t.received < t.quantity`,
      )
      .raw(),
    transfer: db.prepare<[string], { lot_id: string; from_depot: string; to_depot: string; sent_at: string }>(
      'SELECT lot_id, from_depot, to_depot, sent_at FROM transfers WHERE transfer_id = ?',
    ),
    alerts: db.prepare<[], AlertRow>(
      `SELECT a.id, a.kind, a.severity, a.region, a.depot, a.lot, a.seq, a.cleared_by_seq, a.raised_at, l.category
       FROM alerts a LEFT JOIN lots l ON l.id = a.lot`,
    ),
  };
}

export type StockAtStatements = ReturnType<typeof prepareStockAt>;
/** One row of replay_moves: lot, depot, category, lot region, expiry, delta, transfer. */
export type MoveTuple = [string, string, string, string, string, number, string | null];
type AlertRow = { id: string; kind: string; severity: string; region: string; depot: string | null; lot: string | null; seq: number; cleared_by_seq: number | null; raised_at: string; category: string | null };

/**
 * The stock rows of the replica at some cut of the log (the live tables, or a checkpoint derived
 * from them): every held lot and holding, whatever its expiry, so any moment can start from them.
 */
export interface StockRows {
  depotStock: [string, string, number][];
  /** Held lots: id, region, category, on hand, expiry. */
  heldLots: [string, string, string, number, string][];
  heldCount: [string, string, number][];
  holdings: [string, string, number, string, string, string][];
  inFlight: [string, string, string, number, string, string, string][];
}

/** The live tables' stock rows: the state at the head of every region's log. */
export function liveRows(s: StockAtStatements): StockRows {
  return {
    depotStock: s.depotStock.all(),
    heldLots: s.heldLots.all(NO_HORIZON),
    heldCount: s.heldCount.all(),
    holdings: s.holdings.all(NO_HORIZON),
    inFlight: s.inFlight.all(),
  };
}

/** The recorded alerts with the seq that raised and cleared each (filtered by the cuts at a moment). */
export const alertRows = (s: StockAtStatements): AlertRow[] => s.alerts.all();

/**
 * The movements between two cuts of the log, signed as "after the target": what the base holds
 * and the target does not (a base later than the target: + delta; earlier: - delta).
 */
export function* movesBetween(s: StockAtStatements, base: ReadonlyMap<string, number>, target: ReadonlyMap<string, number>): Generator<MoveTuple> {
  for (const region of new Set([...base.keys(), ...target.keys()])) {
    const b = base.get(region) ?? 0;
    const t = target.get(region) ?? 0;
    if (t < b) yield* s.movesBetween.iterate(region, t, b);
    else if (t > b) for (const m of s.movesBetween.iterate(region, b, t)) yield [m[0], m[1], m[2], m[3], m[4], -m[5], m[6]];
  }
}

const key2 = (a: string, b: string) => `${a}${SEP}${b}`;
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/**
 * The replica's stock rows at the cut, as the rows of a base cut (the live tables or a
 * checkpoint) minus what the movements between the two changed (`after`: signed as after the
 * target, see movesBetween). `asOf` is the newest eventTime at the cut: the expiry horizons count
 * from it, as the live queries do; `horizons` overrides them (a checkpoint keeps every lot).
 */
export function stockAt(
  s: StockAtStatements,
  base: StockRows,
  alertsNow: readonly AlertRow[],
  after: Iterable<MoveTuple>,
  cuts: ReadonlyMap<string, RegionCut>,
  asOf: string | null,
  horizons?: { until30: string; until90: string },
): StockAt {
  const today = (asOf ?? '1970-01-01').slice(0, 10);
  const until30 = horizons?.until30 ?? isoDatePlus(today, 30);
  const until90 = horizons?.until90 ?? isoDatePlus(today, 90);

  const stockAfter = new Map<string, number>();
  const lotAfter = new Map<string, { sum: number; region: string; category: string; expiry: string }>();
  const holdingAfter = new Map<string, number>();
  const transferAfter = new Map<string, { sum: number; lot: string; category: string }>();
  for (const [lot, depot, category, lotRegion, expiry, delta, transfer] of after) {
    add(stockAfter, key2(depot, category), delta);
    const l = lotAfter.get(lot);
    if (l) l.sum += delta;
    else lotAfter.set(lot, { sum: delta, region: lotRegion, category, expiry });
    if (expiry <= until30) add(holdingAfter, key2(lot, depot), delta);
    if (transfer !== null) {
      const t = transferAfter.get(transfer);
      if (t) t.sum += delta;
      else transferAfter.set(transfer, { sum: delta, lot, category });
    }
  }

  // depot_stock at the cut.
  const depotStock = new Map<string, Map<string, number>>();
  const put = (depot: string, category: string, quantity: number) => {
    let byCategory = depotStock.get(depot);
    if (!byCategory) depotStock.set(depot, (byCategory = new Map()));
    byCategory.set(category, quantity);
  };
  for (const [depot, category, quantity] of base.depotStock) put(depot, category, quantity - (stockAfter.get(key2(depot, category)) ?? 0));
  for (const [k, after] of stockAfter) {
    const [depot = '', category = ''] = k.split(SEP);
    if (!depotStock.get(depot)?.has(category)) put(depot, category, -after);
  }

  // Lots: on hand now for the lots moved since, then at the cut.
  const onHandNow = new Map<string, number>();
  for (const [id, , , onHand] of base.heldLots) onHandNow.set(id, onHand);
  const heldCount = new Map<string, number>();
  for (const [region, category, n] of base.heldCount) heldCount.set(key2(region, category), n);
  for (const [id, l] of lotAfter) {
    const now = onHandNow.get(id) ?? 0;
    const then = now - l.sum;
    const k = key2(l.region, l.category);
    if (now > 0 && then <= 0) add(heldCount, k, -1);
    if (now <= 0 && then > 0) add(heldCount, k, 1);
  }

  const expiringLots: LotAt[] = [];
  for (const [id, region, category, onHand, expiry] of base.heldLots) {
    if (expiry > until90) continue;
    const then = onHand - (lotAfter.get(id)?.sum ?? 0);
    if (then > 0) expiringLots.push({ id, region, category, expiry, onHand: then });
  }
  for (const [id, l] of lotAfter) {
    if (l.expiry > until90 || (onHandNow.get(id) ?? 0) > 0) continue;
    const then = -l.sum;
    if (then > 0) expiringLots.push({ id, region: l.region, category: l.category, expiry: l.expiry, onHand: then });
  }
  const heldAt = new Map(expiringLots.map((l) => [l.id, l]));

  // Holdings of lots expiring within 30 days, held at the cut.
  const expiringHoldings: HoldingAt[] = [];
  const seen = new Set<string>();
  for (const [lot, depot, quantity, category, expiry, lotRegion] of base.holdings) {
    if (expiry > until30) continue;
    const k = key2(lot, depot);
    seen.add(k);
    const then = quantity - (holdingAfter.get(k) ?? 0);
    if (then > 0 && heldAt.has(lot)) expiringHoldings.push({ lot, depot, quantity: then, category, expiry, lotRegion });
  }
  for (const [k, after] of holdingAfter) {
    if (seen.has(k)) continue;
    const [lot = '', depot = ''] = k.split(SEP);
    const l = heldAt.get(lot);
    // Not among the stocked holdings now: it holds nothing now, so it held what the events since took out.
    const then = -after;
    if (then > 0 && l) expiringHoldings.push({ lot, depot, quantity: then, category: l.category, expiry: l.expiry, lotRegion: l.region });
  }

  // Transfers in flight at the cut: outstanding now, plus what the legs since changed (an out leg took stock off, an in leg put it back).
  const transfers: TransferAt[] = [];
  const current = new Set<string>();
  for (const [transferId, lotId, category, outstanding, fromDepot, toDepot, sentAt] of base.inFlight) {
    current.add(transferId);
    const then = outstanding + (transferAfter.get(transferId)?.sum ?? 0);
    if (then > 0) transfers.push({ transferId, lotId, category, outstanding: then, fromDepot, toDepot, sentAt });
  }
  for (const [transferId, t] of transferAfter) {
    if (current.has(transferId) || t.sum <= 0) continue;
    const row = s.transfer.get(transferId);
    if (row) transfers.push({ transferId, lotId: row.lot_id, category: t.category, outstanding: t.sum, fromDepot: row.from_depot, toDepot: row.to_depot, sentAt: row.sent_at });
  }

  // Recorded alerts open at the cut: raised at or before it, not cleared by then (a clearing is the first and last).
  const alerts: AlertAt[] = [];
  for (const a of alertsNow) {
    const cut = cuts.get(a.region)?.seq ?? 0;
    if (a.seq > cut) continue;
    if (a.cleared_by_seq !== null && a.cleared_by_seq <= cut) continue;
    alerts.push({ id: a.id, kind: a.kind, severity: a.severity, region: a.region, depot: a.depot, raisedAt: a.raised_at, lotCategory: a.category, hasLot: a.lot !== null });
  }

  return { depotStock, expiringLots, heldCount, expiringHoldings, transfers, alerts };
}


/** A cut's stock as base rows for later moments (taken with no expiry horizon: every held lot and holding). */
export function rowsOf(stock: StockAt): StockRows {
  const depotStock: StockRows['depotStock'] = [];
  for (const [depot, byCategory] of stock.depotStock) for (const [category, quantity] of byCategory) depotStock.push([depot, category, quantity]);
  const heldCount: StockRows['heldCount'] = [];
  for (const [k, n] of stock.heldCount) {
    const [region = '', category = ''] = k.split(SEP);
    if (n !== 0) heldCount.push([region, category, n]);
  }
  return {
    depotStock,
    heldLots: stock.expiringLots.map((l) => [l.id, l.region, l.category, l.onHand, l.expiry]),
    heldCount,
    holdings: stock.expiringHoldings.map((h) => [h.lot, h.depot, h.quantity, h.category, h.expiry, h.lotRegion]),
    inFlight: stock.transfers.map((t) => [t.transferId, t.lotId, t.category, t.outstanding, t.fromDepot, t.toDepot, t.sentAt]),
  };
}

/** Horizons that keep every lot: what a checkpoint's rows are taken with. */
export const ALL_HORIZONS = { until30: NO_HORIZON, until90: NO_HORIZON } as const;
