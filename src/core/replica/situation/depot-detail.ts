import type { DepotDetail } from '../../../shared/contract/situation-schemas';
import { CATEGORY_CLASSES, type CategoryClass } from '../../../shared/domain/events';
import { planCompletion, personsSupported } from '../../../shared/domain/reserve-figures';
import type { Db } from '../open';
import type { DataStamp } from './as-of';
import { capacityInScope, depotPoint, measureDepot, plannedPersonDays, type ClassHolding } from './depot-measures';
import type { CategoryRef } from './scope';
import { MOVEMENT_DEPOT, MOVEMENT_TYPES_SQL, type DepotRow } from './statements';

const LOTS_SHOWN = 200;
const MOVEMENTS_SHOWN = 20;

export function prepareDepotDetailStatements(db: Db) {
  return {
    depot: db.prepare<[string], DepotRow>(
      'SELECT code, region, name_zh, name_en, lon, lat, operator_kind, capacity, planned FROM depots WHERE code = ?',
    ),
    stock: db.prepare<[string], { category: string; quantity: number }>('SELECT category, quantity FROM depot_stock WHERE depot = ?'),
    intake: db.prepare<[string], { category: string; quantity: number }>(
      'SELECT category, sum(quantity_in) AS quantity FROM lots WHERE intake_depot = ? GROUP BY category',
    ),
    lots: db.prepare<[string, number], { lot_id: string; category: string; quantity: number; expiry_date: string; grade: string }>(
      `SELECT ls.lot_id, l.category, ls.quantity, l.expiry_date, l.grade
       FROM lot_stock ls JOIN lots l ON l.id = ls.lot_id
       WHERE ls.depot = ? AND ls.quantity > 0 ORDER BY l.expiry_date, ls.lot_id LIMIT ?`,
    ),
    movements: db.prepare<[string, string, number], { seq: number; type: string; event_time: string; instruction_id: string | null; actor_subject: string; payload: string }>(
      `SELECT seq, type, event_time, instruction_id, actor_subject, payload FROM events INDEXED BY events_movement_depot
       WHERE ${MOVEMENT_DEPOT} = ? AND region = ? AND type IN ${MOVEMENT_TYPES_SQL}
       ORDER BY seq DESC LIMIT ?`,
    ),
  };
}

export type DepotDetailStatements = ReturnType<typeof prepareDepotDetailStatements>;

/** Stock by category and class against the floors, lots held, and the last movements; null for an unknown code. */
export function depotDetail(s: DepotDetailStatements, code: string, categories: readonly CategoryRef[], stamp: DataStamp): DepotDetail | null {
  const d = s.depot.get(code);
  if (!d) return null;
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const floorShare = new Map<CategoryClass, number>();
  for (const c of categories) floorShare.set(c.class, Math.max(floorShare.get(c.class) ?? 0, c.safetyFloorShare));

  const stockRows = s.stock.all(code).filter((r) => byCode.has(r.category));
  const holdings = new Map<string, ClassHolding>();
  for (const r of stockRows) {
    const c = byCode.get(r.category) as CategoryRef;
    const h = holdings.get(c.class) ?? { held: 0, selected: 0, personDays: 0 };
    h.held += r.quantity;
    h.selected += r.quantity;
    h.personDays += c.perCapitaDaily > 0 ? r.quantity / c.perCapitaDaily : 0;
    holdings.set(c.class, h);
  }
  const capacity = capacityInScope(d.capacity, CATEGORY_CLASSES);
  const planned = plannedPersonDays(d.planned, new Map(categories.map((c) => [c.code, c])));
  const plannedQuantity = JSON.parse(d.planned) as Record<string, number>;
  const m = measureDepot(capacity, holdings, floorShare, planned);

  // A class floor is shared out among its categories by what the depot took in of each (its procurement mix),
  // falling back to current stock, then to equal parts.
  const intake = new Map(s.intake.all(code).map((r) => [r.category, r.quantity]));
  const weightOf = (category: string, cls: CategoryClass): number => {
    const same = stockRows.filter((r) => byCode.get(r.category)?.class === cls);
    const total = (f: (r: { category: string; quantity: number }) => number) => same.reduce((a, r) => a + f(r), 0);
    const byIntake = total((r) => intake.get(r.category) ?? 0);
    if (byIntake > 0) return (intake.get(category) ?? 0) / byIntake;
    const byStock = total((r) => r.quantity);
    if (byStock > 0) return (stockRows.find((r) => r.category === category)?.quantity ?? 0) / byStock;
    return same.length > 0 ? 1 / same.length : 0;
  };

  const stock = stockRows
    .map((r) => {
      const c = byCode.get(r.category) as CategoryRef;
      const classFloor = (floorShare.get(c.class) ?? 0) * (capacity.get(c.class) ?? 0);
      return {
        category: c.code,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        unit: c.unit,
        unitEn: c.unitEn,
        class: c.class,
        quantity: r.quantity,
        floor: classFloor * weightOf(c.code, c.class),
        planned: plannedQuantity[c.code] ?? 0,
      };
    })
    .sort((a, b) => CATEGORY_CLASSES.indexOf(a.class) - CATEGORY_CLASSES.indexOf(b.class) || a.category.localeCompare(b.category));

  const classes = [...capacity].map(([cls, cap]) => {
    const quantity = holdings.get(cls)?.held ?? 0;
    const floor = (floorShare.get(cls) ?? 0) * cap;
    const pd = holdings.get(cls)?.personDays ?? 0;
    return {
      class: cls,
      capacity: cap,
      floor,
      quantity,
      underFloor: quantity < floor,
      personsSupported: personsSupported(pd, cls),
      planCompletion: planCompletion(pd, planned.get(cls) ?? 0),
    };
  });

  const movements = s.movements.all(code, d.region, MOVEMENTS_SHOWN).map((e) => {
    const p = JSON.parse(e.payload) as { lotId?: unknown; quantity?: unknown; physicalCount?: unknown; adjustment?: { lotId?: unknown; quantity?: unknown } };
    const lotId = p.lotId ?? p.adjustment?.lotId;
    const quantity = p.quantity ?? p.physicalCount ?? p.adjustment?.quantity;
    return {
      seq: e.seq,
      type: e.type,
      eventTime: e.event_time,
      lotId: typeof lotId === 'string' ? lotId : null,
      quantity: typeof quantity === 'number' ? quantity : null,
      instructionId: e.instruction_id,
      actor: e.actor_subject,
    };
  });

  return {
    depot: depotPoint(d, m),
    asOf: stamp.asOf,
    stock,
    classes,
    lots: s.lots.all(code, LOTS_SHOWN).map((l) => ({ lotId: l.lot_id, category: l.category, quantity: l.quantity, expiryDate: l.expiry_date, grade: l.grade })),
    movements,
  };
}
