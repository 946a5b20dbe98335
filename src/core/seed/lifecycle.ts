import type { Holding, SeedLot, Slot } from './stock';

/**
 * The generator's side of the lot lifecycle beyond intake and issue: inspections (some finding
 * a discrepancy that a recount or a correction later resolves), in-place rotations and
 * disposals. Rates are low: the demo should show each kind, not be dominated by them.
 */
export const LIFECYCLE = {
  /** Chance a depot's weekly review includes a stock count. */
  inspectionChance: 0.03,
  /** Holdings counted per inspection, at most. */
  holdingsPerInspection: 3,
  /** Chance a count differs from the book. */
  discrepancyChance: 0.25,
  /** Of those, the share resolved by a recount (the first count was wrong); the rest by a write-off correction. */
  recountShare: 0.5,
  /** Chance a counted lot fails its quality check and is disposed of. */
  qualityFailChance: 0.03,
  /** Share of due rotations done in place: old lot out, replacement in, one linked event. */
  swapRotationShare: 0.2,
  /** Lots this many days past expiry may be disposed of at a review… */
  disposalGraceDays: 60,
  /** …with this chance each. */
  disposalChance: 0.05,
} as const;

/** What the generator's book holds of a lot in a slot. */
export function heldOf(slot: Slot, lot: SeedLot): Holding | undefined {
  return slot.holdings.find((h) => h.lot === lot);
}

/** Removes up to `qty` of a lot from the book (a write-off); returns what was removed. */
export function writeOff(slot: Slot, lot: SeedLot, qty: number): number {
  const holding = heldOf(slot, lot);
  if (!holding) return 0;
  const taken = Math.min(qty, holding.qty);
  holding.qty -= taken;
  slot.onHand -= taken;
  if (holding.qty === 0) slot.holdings.splice(slot.holdings.indexOf(holding), 1);
  return taken;
}

/** A count short of the book by a small shrinkage (at least one unit). */
export function shortCount(book: number, share: number): number {
  return Math.max(0, book - Math.max(1, Math.round(book * share)));
}
