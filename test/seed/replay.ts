import type { EventDraft, PayloadOf } from '../../src/shared/domain/events';

/** An independent book of what a seed log says, checked as it is read. */
export interface Book {
  violations: string[];
  /** Stock per `${lotId}|${depot}`. */
  stock: Map<string, number>;
  lots: Map<string, PayloadOf<'lot.intake'>>;
  depots: Map<string, PayloadOf<'depot.registered'>>;
  /** Lots that had stock and have none left anywhere. */
  exhausted: Set<string>;
}

export function replay(drafts: Iterable<EventDraft>, asOf: string): Book {
  const book: Book = { violations: [], stock: new Map(), lots: new Map(), depots: new Map(), exhausted: new Set() };
  const v = (msg: string) => {
    if (book.violations.length < 20) book.violations.push(msg);
  };
  const instructions = new Set<string>();
  const outs = new Map<string, PayloadOf<'stock.transfer-out'> & { at: number }>();
  const ins = new Set<string>();
  const lotTotal = new Map<string, number>();
  const end = Date.parse(asOf);
  let last = -Infinity;
  let region: string | undefined;

  const debit = (lotId: string, depot: string, qty: number, what: string) => {
    const key = `${lotId}|${depot}`;
    const have = book.stock.get(key) ?? 0;
    if (qty > have) v(`${what}: ${qty} of ${lotId} at ${depot} but only ${have} on hand`);
    book.stock.set(key, have - qty);
    const total = (lotTotal.get(lotId) ?? 0) - qty;
    lotTotal.set(lotId, total);
    if (total === 0) book.exhausted.add(lotId);
  };
  const creditTo = (lotId: string, depot: string, qty: number) => {
    const key = `${lotId}|${depot}`;
    book.stock.set(key, (book.stock.get(key) ?? 0) + qty);
    lotTotal.set(lotId, (lotTotal.get(lotId) ?? 0) + qty);
    book.exhausted.delete(lotId);
  };
  const knownDepot = (code: string, what: string) => {
    if (!book.depots.has(code)) v(`${what}: depot ${code} not registered in this region`);
  };

  for (const d of drafts) {
    region ??= d.region;
    if (d.region !== region) v(`mixed regions ${region} and ${d.region}`);
    const t = Date.parse(d.eventTime);
    if (!(t >= last)) v(`eventTime goes back at ${d.eventTime}`);
    if (t > end) v(`eventTime ${d.eventTime} after asOf`);
    last = t;
    if (d.type !== 'instruction.issued' && d.instructionId !== null && !instructions.has(d.instructionId)) {
      v(`${d.type} names unknown instruction ${d.instructionId}`);
    }
    switch (d.type) {
      case 'depot.registered':
        book.depots.set(d.payload.code, d.payload);
        break;
      case 'instruction.issued':
        if (instructions.has(d.payload.id)) v(`instruction ${d.payload.id} issued twice`);
        instructions.add(d.payload.id);
        break;
      case 'lot.intake': {
        const p = d.payload;
        if (book.lots.has(p.lotId)) v(`lot ${p.lotId} taken in twice`);
        knownDepot(p.depot, 'intake');
        book.lots.set(p.lotId, p);
        if (!(p.productionDate < d.eventTime.slice(0, 10))) v(`lot ${p.lotId} produced ${p.productionDate}, not before intake`);
        creditTo(p.lotId, p.depot, p.quantity);
        break;
      }
      case 'stock.issued':
        knownDepot(d.payload.depot, 'issue');
        debit(d.payload.lotId, d.payload.depot, d.payload.quantity, 'issue');
        break;
      case 'stock.transfer-out': {
        const p = d.payload;
        if (outs.has(p.transferId)) v(`transfer ${p.transferId} sent twice`);
        knownDepot(p.fromDepot, 'transfer-out');
        knownDepot(p.toDepot, 'transfer-out');
        if (p.fromDepot === p.toDepot) v(`transfer ${p.transferId} to itself`);
        outs.set(p.transferId, { ...p, at: t });
        debit(p.lotId, p.fromDepot, p.quantity, 'transfer-out');
        break;
      }
      case 'stock.transfer-in': {
        const p = d.payload;
        const out = outs.get(p.transferId);
        if (!out) v(`transfer-in ${p.transferId} before its transfer-out`);
        else {
          if (ins.has(p.transferId)) v(`transfer ${p.transferId} received twice`);
          if (out.lotId !== p.lotId || out.toDepot !== p.toDepot) v(`transfer-in ${p.transferId} does not match its out`);
          if (p.quantity > out.quantity) v(`transfer-in ${p.transferId} receives more than sent`);
          const days = (t - out.at) / 86_400_000;
          if (!(days > 0 && days < 6)) v(`transfer ${p.transferId} took ${days.toFixed(2)} days`);
        }
        ins.add(p.transferId);
        creditTo(p.lotId, p.toDepot, p.quantity);
        break;
      }
      case 'stock.inspected':
        knownDepot(d.payload.depot, 'inspection');
        if (!book.lots.has(d.payload.lotId)) v(`inspection of unknown lot ${d.payload.lotId}`);
        break;
      case 'stock.rotated': {
        const p = d.payload;
        knownDepot(p.depot, 'rotation');
        if (book.lots.has(p.newLot.lotId)) v(`lot ${p.newLot.lotId} taken in twice`);
        if (book.lots.get(p.lotId)?.category !== p.newLot.category) v(`rotation of ${p.lotId} changes category`);
        debit(p.lotId, p.depot, p.quantity, 'rotation');
        book.lots.set(p.newLot.lotId, { ...p.newLot, depot: p.depot });
        creditTo(p.newLot.lotId, p.depot, p.newLot.quantity);
        break;
      }
      case 'stock.disposed':
        knownDepot(d.payload.depot, 'disposal');
        debit(d.payload.lotId, d.payload.depot, d.payload.quantity, 'disposal');
        break;
      case 'event.corrected': {
        const a = d.payload.adjustment;
        if (!a) break;
        if (a.quantity > 0) creditTo(a.lotId, a.depot, a.quantity);
        else debit(a.lotId, a.depot, -a.quantity, 'correction');
        break;
      }
      default:
        break;
    }
  }
  return book;
}

/** On-hand per depot and category class. */
export function holdingsByClass(book: Book, classOf: (category: string) => string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [key, qty] of book.stock) {
    if (qty === 0) continue;
    const [lotId, depot] = key.split('|') as [string, string];
    const lot = book.lots.get(lotId);
    if (!lot) continue;
    const cls = classOf(lot.category);
    const m = out.get(depot) ?? new Map<string, number>();
    m.set(cls, (m.get(cls) ?? 0) + qty);
    out.set(depot, m);
  }
  return out;
}
