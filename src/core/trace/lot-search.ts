import type { LotSummary } from '../../shared/contract/trace-schemas';
import type { Db } from '../replica/open';

interface SummaryRow {
  id: string;
  region: string;
  category: string;
  intake_depot: string;
  quantity_in: number;
  on_hand: number;
  expiry_date: string;
}

/**
 * Finds lots to trace: by lot id (or its start), every lot taken in at or held by a depot, or
 * every lot of a category; at most `limit` of them, in lot id order.
 */
export function createLotSearch(db: Db) {
  const search = db.prepare<[{ prefix: string; exact: string; limit: number }], SummaryRow>(
    `SELECT id, region, category, intake_depot, quantity_in, on_hand, expiry_date FROM lots
     WHERE id LIKE @prefix ESCAPE '\\'
        OR intake_depot = @exact
        OR id IN (SELECT lot_id FROM lot_stock WHERE depot = @exact AND quantity > 0)
        OR category = @exact
     ORDER BY id LIMIT @limit`,
  );
  return (query: string, limit: number): LotSummary[] => {
    const exact = query.trim();
    const prefix = `${exact.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return search.all({ prefix, exact, limit }).map((r) => ({
      lotId: r.id,
      region: r.region,
      category: r.category,
      intakeDepot: r.intake_depot,
      quantityIn: r.quantity_in,
      onHand: r.on_hand,
      expiryDate: r.expiry_date,
    }));
  };
}
