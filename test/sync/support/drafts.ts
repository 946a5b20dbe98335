import type { Db } from '../../../src/core/replica/open';
import type { EventDraft } from '../../../src/shared/domain/events';

/** A lot with stock to spare in `region` (optionally at `depot`), and an instruction of the region. */
export function stockAt(db: Db, region: string, depot?: string): { lotId: string; depot: string; quantity: number; instructionId: string } {
  const lot = db
    .prepare<[string, string | null, string | null], { lot_id: string; depot: string; quantity: number }>(
      `SELECT s.lot_id, s.depot, s.quantity FROM lot_stock s JOIN depots d ON d.code = s.depot
       WHERE d.region = ? AND s.quantity > 10 AND (? IS NULL OR s.depot = ?) ORDER BY s.quantity DESC, s.lot_id LIMIT 1`,
    )
    .get(region, depot ?? null, depot ?? null);
  const instructionId = db.prepare<[string], string>('SELECT id FROM instructions WHERE region = ? ORDER BY id LIMIT 1').pluck().get(region);
  if (!lot || !instructionId) throw new Error(`no stock${depot ? ` at ${depot}` : ''} or no instruction in region ${region}`);
  return { lotId: lot.lot_id, depot: lot.depot, quantity: lot.quantity, instructionId };
}

/** A small issue from stock (one unit unless told): a valid movement for the region's server. */
export function issueDraft(db: Db, region: string, options: { depot?: string; quantity?: number; recipient?: string } = {}): EventDraft {
  const stock = stockAt(db, region, options.depot);
  return {
    region,
    type: 'stock.issued',
    eventTime: new Date().toISOString(),
    actor: { subject: `CN=test-officer,OU=duty-officer,O=${region}`, role: 'duty-officer' },
    instructionId: stock.instructionId,
    payload: { lotId: stock.lotId, depot: stock.depot, quantity: options.quantity ?? 1, recipient: options.recipient ?? '测试发放' },
  } as EventDraft;
}
