import type { EventDraft } from '../../shared/domain/events';
import type { RegionalStore } from './regional-store';

/** Lots a replenishment takes in, one per depot (the region's first depots by code). */
const REPLENISH_LOTS = 5;
/** Quantity of each replenishing lot: enough for a few hundred simulated issues. */
const REPLENISH_QUANTITY = 10_000;

/**
 * Live movements for demos and tests: every tick, an issue of a small quantity from a lot
 * that has stock, under a simulation instruction issued once per hundred movements. When the
 * region's stock runs out, a procurement instruction and intakes of fresh lots replenish it
 * (logged), so a demo left running stays alive. Goes through the same append path
 * (validation, projector, command record) as a client's.
 */
export function startSimulator(store: RegionalStore, ratePerSecond: number, onAppended: () => void, log: (line: string) => void) {
  const region = store.region;
  const db = store.replica.db;
  const pickLot = db.prepare<[string], { lot_id: string; depot: string; quantity: number }>(
    `SELECT s.lot_id, s.depot, s.quantity FROM lot_stock s JOIN depots d ON d.code = s.depot
     WHERE d.region = ? AND s.quantity > 1 ORDER BY random() LIMIT 1`,
  );
  const categories = db.prepare<[], string>('SELECT code FROM categories ORDER BY code').pluck();
  const depots = db.prepare<[string, number], string>('SELECT code FROM depots WHERE region = ? ORDER BY code LIMIT ?').pluck();
  const shelfLife = db.prepare<[string], number>('SELECT shelf_life_days FROM categories WHERE code = ?').pluck();
  const actor = { subject: `CN=模拟值班员,OU=${region}`, role: 'duty-officer' as const };
  let counter = 0;
  let instructionId: string | null = null;
  /** Set when a replenishment failed: said once, then the simulator idles instead of retrying every tick. */
  let stalled = false;

  const issueInstruction = (now: Date, kind: 'dispatch' | 'procurement'): string | null => {
    const id = `SIM-${region}-${now.getTime()}-${counter}${kind === 'procurement' ? '-P' : ''}`;
    const instruction: EventDraft = {
      region,
      type: 'instruction.issued',
      eventTime: now.toISOString(),
      actor,
      instructionId: null,
      // One line per category, generous enough that the movements under it never exceed it.
      payload: { id, kind, level: 'province', issuer: actor.subject, lines: categories.all().map((category) => ({ category, quantity: 1_000_000_000 })) },
    };
    const result = store.append(`sim-${id}`, instruction, now);
    if (result.status === 'accepted') return id;
    log(`simulated ${kind} instruction refused: ${result.reason}`);
    return null;
  };

  /** Procurement intake of fresh lots at the region's first depots, one category each in turn. */
  const replenish = (now: Date): boolean => {
    const procurement = issueInstruction(now, 'procurement');
    const all = categories.all();
    if (!procurement || all.length === 0) return false;
    let lots = 0;
    for (const [i, depot] of depots.all(region, REPLENISH_LOTS).entries()) {
      const category = all[(counter + i) % all.length] as string;
      const days = shelfLife.get(category) ?? 365;
      const draft: EventDraft = {
        region,
        type: 'lot.intake',
        eventTime: now.toISOString(),
        actor,
        instructionId: procurement,
        payload: {
          lotId: `SIM-L${region}-${now.getTime()}-${i}`,
          depot,
          category,
          quantity: REPLENISH_QUANTITY,
          productionDate: now.toISOString().slice(0, 10),
          expiryDate: new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10),
          grade: 'A',
          origin: '模拟采购入库',
        },
      };
      const result = store.append(`sim-intake-${region}-${now.getTime()}-${i}`, draft, now);
      if (result.status === 'accepted') lots++;
      else log(`simulated intake refused: ${result.reason}`);
    }
    if (lots > 0) onAppended();
    log(`simulator ${region}: stock ran out; replenished with a procurement intake of ${lots} lot(s) of ${REPLENISH_QUANTITY} under ${procurement}`);
    return lots > 0;
  };

  const tick = () => {
    const now = new Date();
    if (!instructionId || counter % 100 === 0) instructionId = issueInstruction(now, 'dispatch') ?? instructionId;
    let lot = pickLot.get(region);
    if (!lot && !stalled && replenish(now)) lot = pickLot.get(region);
    if (!lot && !stalled) {
      stalled = true;
      log(`simulator ${region}: stock ran out and could not be replenished; no more simulated movements`);
    }
    if (!lot || !instructionId) return;
    const quantity = Math.max(1, Math.min(lot.quantity - 1, Math.ceil(lot.quantity * 0.01)));
    const draft: EventDraft = {
      region,
      type: 'stock.issued',
      eventTime: now.toISOString(),
      actor,
      instructionId,
      payload: { lotId: lot.lot_id, depot: lot.depot, quantity, recipient: '模拟救灾发放' },
    };
    const result = store.append(`sim-${region}-${now.getTime()}-${counter++}`, draft, now);
    if (result.status === 'accepted') onAppended();
    else log(`simulated movement refused: ${result.reason}`);
  };

  const timer = setInterval(tick, Math.max(5, Math.round(1000 / ratePerSecond)));
  return () => clearInterval(timer);
}
