import type { RuleObservation } from '../../shared/domain/alert-rule-engine';
import type { Db } from '../replica/open';

const DAY_MS = 86_400_000;

/**
 * The observations the rules read, from a replica's projected tables, for the depots a batch
 * touched (all depots when `depots` is null): stock ÷ floor per depot × class (floor =
 * the class's safety-floor share × the depot's capacity, as the situation picture measures it)
 * and days to expiry of every lot held there, counted from `today` (YYYY-MM-DD).
 */
export function ruleObservations(db: Db, depots: readonly string[] | null, today: string): RuleObservation[] {
  const list = depots === null ? null : JSON.stringify(depots);
  const shares = new Map(
    db
      .prepare<[], { class: string; share: number }>('SELECT class, max(safety_floor_share) AS share FROM categories GROUP BY class')
      .all()
      .map((r) => [r.class, r.share]),
  );
  const depotRows = db
    .prepare<[{ list: string | null }], { code: string; region: string; capacity: string }>(
      'SELECT code, region, capacity FROM depots WHERE @list IS NULL OR code IN (SELECT value FROM json_each(@list)) ORDER BY code',
    )
    .all({ list });
  const held = db.prepare<[string], { class: string; quantity: number }>('SELECT class, quantity FROM depot_class_stock WHERE depot = ?');
  const lots = db.prepare<[string], { lot_id: string; category: string; class: string; expiry_date: string }>(
    `SELECT s.lot_id, l.category, c.class, l.expiry_date FROM lot_stock s JOIN lots l ON l.id = s.lot_id
     JOIN categories c ON c.code = l.category WHERE s.depot = ? AND s.quantity > 0 ORDER BY s.lot_id`,
  );
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const out: RuleObservation[] = [];
  for (const d of depotRows) {
    const stock = new Map(held.all(d.code).map((r) => [r.class, r.quantity]));
    for (const [cls, cap] of Object.entries(JSON.parse(d.capacity) as Record<string, number>)) {
      const floor = (shares.get(cls) ?? 0) * cap;
      if (!(cap > 0) || !(floor > 0)) continue;
      const base = { region: d.region, depot: d.code, class: cls, category: null };
      out.push({ measure: 'stock-floor-ratio', subject: `depot:${d.code}:${cls}`, ...base, value: (stock.get(cls) ?? 0) / floor });
    }
    for (const l of lots.all(d.code)) {
      const days = Math.round((Date.parse(`${l.expiry_date}T00:00:00Z`) - todayMs) / DAY_MS);
      out.push({ measure: 'days-to-expiry', subject: `lot:${l.lot_id}:${d.code}`, region: d.region, depot: d.code, class: l.class, category: l.category, value: days });
    }
  }
  return out;
}
