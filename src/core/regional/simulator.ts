import type { EventDraft } from '../../shared/domain/events';
import type { RegionalStore } from './regional-store';

/**
 * Live movements for demos and tests: every tick, an issue of a small quantity from a lot
 * that has stock, under a simulation instruction issued once per hundred movements. Goes
 * through the same append path (validation, projector, command record) as a client's.
 */
export function startSimulator(store: RegionalStore, ratePerSecond: number, onAppended: () => void, log: (line: string) => void) {
  const region = store.region;
  const db = store.replica.db;
  const pickLot = db.prepare<[string], { lot_id: string; depot: string; quantity: number }>(
    `SELECT s.lot_id, s.depot, s.quantity FROM lot_stock s JOIN depots d ON d.code = s.depot
     WHERE d.region = ? AND s.quantity > 1 ORDER BY random() LIMIT 1`,
  );
  const categories = db.prepare<[], string>('SELECT code FROM categories ORDER BY code').pluck();
  const actor = { subject: `CN=模拟值班员,OU=${region}`, role: 'duty-officer' as const };
  let counter = 0;
  let instructionId: string | null = null;

  const tick = () => {
    const now = new Date();
    if (!instructionId || counter % 100 === 0) {
      const id = `SIM-${region}-${now.getTime()}-${counter}`;
      const instruction: EventDraft = {
        region,
        type: 'instruction.issued',
        eventTime: now.toISOString(),
        actor,
        instructionId: null,
        // One line per category, generous enough that the movements under it never exceed it.
        payload: { id, kind: 'dispatch', level: 'province', issuer: actor.subject, lines: categories.all().map((category) => ({ category, quantity: 1_000_000_000 })) },
      };
      if (store.append(`sim-${id}`, instruction, now).status === 'accepted') instructionId = id;
    }
    const lot = pickLot.get(region);
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
