/** What the replay index keeps of one event: the stock it moved, or the reference it declared. */

export interface LotInfo {
  category: string;
  /** The region whose log took the lot in (lots.region). */
  region: string;
  expiry: string;
}

export interface MoveRow {
  lot: string;
  depot: string;
  category: string;
  lotRegion: string;
  expiry: string;
  /** Change of the lot's stock at the depot (and of its on-hand, which is the sum over depots). */
  delta: number;
  transfer: string | null;
}

/** Event types whose payload the slider needs as of a moment: who and what exists, and emergency levels. */
export const REFERENCE_TYPES = new Set(['region.declared', 'category.defined', 'depot.registered', 'emergency.level-changed']);

type Payload = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The key a reference event declares: the adcode, category or depot code; the region for a level change. */
export function referenceKey(type: string, region: string, p: Payload): string {
  if (type === 'region.declared') return str(p.adcode);
  if (type === 'emergency.level-changed') return region;
  return str(p.code);
}

/**
 * The stock changes of one event, exactly as the projector applies them (credit and debit of
 * lot_stock at one depot; on_hand follows the same deltas). `lotOf` resolves a lot the event
 * does not describe itself; lots it creates are returned through `created`.
 */
export function movesOf(type: string, region: string, p: Payload, lotOf: (id: string) => LotInfo, created: (id: string, lot: LotInfo) => void): MoveRow[] {
  const row = (lotId: string, depot: string, delta: number, transfer: string | null = null): MoveRow => {
    const lot = lotOf(lotId);
    return { lot: lotId, depot, category: lot.category, lotRegion: lot.region, expiry: lot.expiry, delta, transfer };
  };
  switch (type) {
    case 'lot.intake': {
      created(str(p.lotId), { category: str(p.category), region, expiry: str(p.expiryDate) });
      return [row(str(p.lotId), str(p.depot), num(p.quantity))];
    }
    case 'stock.transfer-out':
      return [row(str(p.lotId), str(p.fromDepot), -num(p.quantity), str(p.transferId))];
    case 'stock.transfer-in':
      return [row(str(p.lotId), str(p.toDepot), num(p.quantity), str(p.transferId))];
    case 'stock.issued':
    case 'stock.disposed':
      return [row(str(p.lotId), str(p.depot), -num(p.quantity))];
    case 'stock.rotated': {
      const n = (p.newLot ?? {}) as Payload;
      const old = row(str(p.lotId), str(p.depot), -num(p.quantity));
      created(str(n.lotId), { category: str(n.category), region, expiry: str(n.expiryDate) });
      return [old, row(str(n.lotId), str(p.depot), num(n.quantity))];
    }
    case 'event.corrected': {
      const a = p.adjustment as Payload | undefined;
      return a ? [row(str(a.lotId), str(a.depot), num(a.quantity))] : [];
    }
    default:
      return [];
  }
}
