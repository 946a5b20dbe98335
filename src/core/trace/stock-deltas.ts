import type { EventType, PayloadOf } from '../../shared/domain/events';

export interface StockDelta {
  lotId: string;
  depot: string;
  delta: number;
}

/** Where an event happened and what it moved, read off its payload (EPCIS what and where). */
export interface EventPlace {
  depot: string | null;
  fromDepot: string | null;
  toDepot: string | null;
  lotId: string | null;
  quantity: number | null;
}

type Payload = Record<string, unknown>;
const as = <T extends EventType>(p: Payload) => p as unknown as PayloadOf<T>;

/**
 * The stock each event adds or removes per (lot, depot), derived from the log alone and
 * independently of the projector, so a stock card rebuilt from events can check its tables.
 * A transfer's stock is nowhere while in transit: out at the sender, in at the receiver.
 */
export function stockDeltas(type: string, payload: Payload): StockDelta[] {
  switch (type) {
    case 'lot.intake': {
      const p = as<'lot.intake'>(payload);
      return [{ lotId: p.lotId, depot: p.depot, delta: p.quantity }];
    }
    case 'stock.transfer-out': {
      const p = as<'stock.transfer-out'>(payload);
      return [{ lotId: p.lotId, depot: p.fromDepot, delta: -p.quantity }];
    }
    case 'stock.transfer-in': {
      const p = as<'stock.transfer-in'>(payload);
      return [{ lotId: p.lotId, depot: p.toDepot, delta: p.quantity }];
    }
    case 'stock.issued':
    case 'stock.disposed': {
      const p = as<'stock.issued'>(payload);
      return [{ lotId: p.lotId, depot: p.depot, delta: -p.quantity }];
    }
    case 'stock.rotated': {
      const p = as<'stock.rotated'>(payload);
      return [
        { lotId: p.lotId, depot: p.depot, delta: -p.quantity },
        { lotId: p.newLot.lotId, depot: p.depot, delta: p.newLot.quantity },
      ];
    }
    case 'event.corrected': {
      const a = as<'event.corrected'>(payload).adjustment;
      return a ? [{ lotId: a.lotId, depot: a.depot, delta: a.quantity }] : [];
    }
    default:
      return [];
  }
}

export function eventPlace(type: string, payload: Payload): EventPlace {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  if (type === 'event.corrected') {
    const a = as<'event.corrected'>(payload).adjustment;
    return { depot: a?.depot ?? null, fromDepot: null, toDepot: null, lotId: a?.lotId ?? null, quantity: a?.quantity ?? null };
  }
  if (type === 'stock.inspected') {
    const p = as<'stock.inspected'>(payload);
    return { depot: p.depot, fromDepot: null, toDepot: null, lotId: p.lotId, quantity: p.physicalCount };
  }
  const fromDepot = str(payload.fromDepot);
  const toDepot = str(payload.toDepot);
  return {
    depot: str(payload.depot) ?? fromDepot ?? toDepot,
    fromDepot,
    toDepot,
    lotId: str(payload.lotId),
    quantity: num(payload.quantity),
  };
}
