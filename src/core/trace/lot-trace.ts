import type { LotTrace, TraceEvent } from '../../shared/contract/trace-schemas';
import type { Db } from '../replica/open';
import type { TraceRows } from './trace-rows';

interface LotRow {
  id: string;
  region: string;
  category: string;
  intake_depot: string;
  quantity_in: number;
  on_hand: number;
  in_transit: number;
  production_date: string;
  expiry_date: string;
  grade: string;
  origin: string;
  unit_en: string | null;
}

/** Running balance per depot and the depots reached, rebuilt from the lot's events alone. */
function stockCardOf(lotId: string, events: readonly TraceEvent[]) {
  const balance = new Map<string, number>();
  const stockCard: LotTrace['stockCard'] = [];
  const reached: { depot: string; since: string; seq: number }[] = [];
  for (const e of events) {
    for (const d of e.deltas) {
      if (d.lotId !== lotId) continue;
      const before = balance.get(d.depot) ?? 0;
      const after = before + d.delta;
      balance.set(d.depot, after);
      stockCard.push({ seq: e.seq, eventTime: e.eventTime, type: e.type, depot: d.depot, delta: d.delta, balance: after });
      if (before === 0 && d.delta > 0 && reached.at(-1)?.depot !== d.depot) reached.push({ depot: d.depot, since: e.eventTime, seq: e.seq });
    }
  }
  return { stockCard, reached };
}

export function createLotTrace(db: Db, rows: TraceRows) {
  const lot = db.prepare<[string], LotRow>('SELECT l.*, c.unit_en FROM lots l LEFT JOIN categories c ON c.code = l.category WHERE l.id = ?');
  const holdings = db.prepare<[string], { depot: string; quantity: number }>('SELECT depot, quantity FROM lot_stock WHERE lot_id = ? AND quantity > 0 ORDER BY depot');
  const depotName = db.prepare<[string], string>('SELECT name_zh FROM depots WHERE code = ?').pluck();
  const place = db.prepare<[string], NonNullable<LotTrace['places']>[number]>('SELECT code, name_zh AS nameZh, name_en AS nameEn, region, lon, lat FROM depots WHERE code = ?');
  const placesOf = (events: readonly TraceEvent[]) => {
    const codes = new Set(events.flatMap((e) => [e.depot, e.fromDepot, e.toDepot, ...e.deltas.map((d) => d.depot)]).filter((c): c is string => c !== null));
    return [...codes].sort().flatMap((code) => place.get(code) ?? []);
  };

  return (lotId: string): LotTrace | null => {
    const l = lot.get(lotId);
    if (!l) return null;
    const events = rows.ofLot(lotId);
    const { stockCard, reached } = stockCardOf(lotId, events);
    const rotations = events.filter((e) => e.type === 'stock.rotated');
    const newLotOf = (e: TraceEvent) => (e.payload.newLot as { lotId: string }).lotId;
    const broken = events.filter((e) => e.chain === 'broken').length;
    return {
      lot: {
        lotId: l.id,
        region: l.region,
        category: l.category,
        unit: l.unit_en,
        intakeDepot: l.intake_depot,
        quantityIn: l.quantity_in,
        onHand: l.on_hand,
        inTransit: l.in_transit,
        productionDate: l.production_date,
        expiryDate: l.expiry_date,
        grade: l.grade,
        origin: l.origin,
      },
      replaces: rotations.find((e) => newLotOf(e) === lotId)?.lotId ?? null,
      replacedBy: rotations.filter((e) => e.lotId === lotId).map(newLotOf),
      events,
      path: reached.map((p) => ({ ...p, nameZh: depotName.get(p.depot) ?? null })),
      places: placesOf(events),
      stockCard,
      holdings: holdings.all(lotId),
      alerts: rows.alertsOfLot(lotId),
      chain: { ok: broken === 0, broken },
    };
  };
}
