import type { CategoryDefinition } from './categories';
import type { DepotPlan } from './depots';

/**
 * The generator's own book of stock, so every debit it writes is covered. Holdings are per
 * (lot, depot): a lot split by a transfer sits in two depots at once.
 */
export interface SeedLot {
  id: string;
  category: CategoryDefinition;
  expiryDay: number;
}

export interface Holding {
  lot: SeedLot;
  qty: number;
}

export interface Slot {
  depot: DepotState;
  category: CategoryDefinition;
  target: number;
  /** Typical lot size for this slot. */
  lotSize: number;
  onHand: number;
  /** Ordered but not yet received (procurement or transfer in transit). */
  incoming: number;
  /** Ordered by expiry, earliest first. */
  holdings: Holding[];
}

export interface DepotState {
  index: number;
  plan: DepotPlan;
  slots: Slot[];
  /** Day of the first procurement that fills the depot. */
  commissionDay: number;
  /** Lots near expiry are rotated late, if at all. */
  slowRotation: boolean;
  /** Day of a heavy draw-down late in the history, for laggard depots. */
  drawdownDay: number | null;
}

export interface Piece {
  lot: SeedLot;
  qty: number;
}

export function credit(slot: Slot, lot: SeedLot, qty: number): void {
  slot.onHand += qty;
  const hs = slot.holdings;
  for (const h of hs) {
    if (h.lot === lot) {
      h.qty += qty;
      return;
    }
  }
  let i = hs.length;
  while (i > 0 && (hs[i - 1] as Holding).lot.expiryDay > lot.expiryDay) i--;
  hs.splice(i, 0, { lot, qty });
}

/**
 * Takes up to `qty` first-expiry-first-out, skipping lots already expired on `day`
 * (those leave through rotation). Returns what was taken, one piece per lot.
 */
export function debitFefo(slot: Slot, qty: number, day: number): Piece[] {
  const pieces: Piece[] = [];
  let left = qty;
  const hs = slot.holdings;
  for (let i = 0; i < hs.length && left > 0; ) {
    const h = hs[i] as Holding;
    if (h.lot.expiryDay < day) {
      i++;
      continue;
    }
    const take = Math.min(left, h.qty);
    pieces.push({ lot: h.lot, qty: take });
    h.qty -= take;
    left -= take;
    slot.onHand -= take;
    if (h.qty === 0) hs.splice(i, 1);
    else i++;
  }
  return pieces;
}

/** Removes a whole holding (rotation). */
export function debitHolding(slot: Slot, holding: Holding): Piece {
  const i = slot.holdings.indexOf(holding);
  if (i < 0) throw new Error(`holding of ${holding.lot.id} not in slot`);
  slot.holdings.splice(i, 1);
  slot.onHand -= holding.qty;
  return { lot: holding.lot, qty: holding.qty };
}

/** Stock not expired on `day`. */
export function usable(slot: Slot, day: number): number {
  let sum = 0;
  for (const h of slot.holdings) if (h.lot.expiryDay >= day) sum += h.qty;
  return sum;
}
