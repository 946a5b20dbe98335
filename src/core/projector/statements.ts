import { rebuildDepotClassStock } from '../replica/summaries';
import type { Db } from '../replica/open';
import { prepareAlertRuleStatements } from './alert-rule-statements';
import { prepareEmergencyStatements } from './emergency-statements';
import { prepareRegistryStatements } from './registry-statements';

/** Every statement the projector runs, prepared once per connection; values always bound. */
export function prepareProjectorStatements(db: Db) {
  return {
    ...prepareEmergencyStatements(db),
    ...prepareAlertRuleStatements(db),
    ...prepareRegistryStatements(db),
    head: db.prepare<[string], { last_seq: number; head_hash: string }>(
      'SELECT last_seq, head_hash FROM region_heads WHERE region = ?',
    ),
    upsertHead: db.prepare<[string, number, string, string]>(
      `INSERT INTO region_heads (region, last_seq, head_hash, data_as_of) VALUES (?, ?, ?, ?)
       ON CONFLICT (region) DO UPDATE SET last_seq = excluded.last_seq, head_hash = excluded.head_hash,
         data_as_of = max(coalesce(data_as_of, ''), excluded.data_as_of)`,
    ),
    storedHash: db.prepare<[string, number], { hash: string }>('SELECT hash FROM events WHERE region = ? AND seq = ?'),
    // Positional: bound once per event applied, cheaper than named values.
    insertEvent: db.prepare<[string, number, string, string, string, string, string, string, string | null, string, string, string]>(
      `INSERT INTO events (region, seq, id, type, event_time, record_time, actor_subject, actor_role,
         instruction_id, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertRegion: db.prepare(
      `INSERT INTO regions (adcode, name_zh, name_en, level) VALUES (@adcode, @nameZh, @nameEn, @level)
       ON CONFLICT (adcode) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, level = excluded.level`,
    ),
    upsertCategory: db.prepare(
      `INSERT INTO categories (code, name_zh, name_en, unit, unit_en, class, shelf_life_days, per_capita_daily, safety_floor_share)
       VALUES (@code, @nameZh, @nameEn, @unit, @unitEn, @class, @shelfLifeDays, @perCapitaDaily, @safetyFloorShare)
       ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, unit = excluded.unit,
         unit_en = excluded.unit_en, class = excluded.class, shelf_life_days = excluded.shelf_life_days,
         per_capita_daily = excluded.per_capita_daily, safety_floor_share = excluded.safety_floor_share`,
    ),
    categoryClass: db.prepare<[string], { class: string }>('SELECT class FROM categories WHERE code = ?'),
    depot: db.prepare<[string], { region: string }>('SELECT region FROM depots WHERE code = ?'),
    insertDepot: db.prepare(
      `INSERT INTO depots (code, region, adcode, name_zh, name_en, lon, lat, operator_kind, capacity, planned)
       VALUES (@code, @region, @adcode, @nameZh, @nameEn, @lon, @lat, @operatorKind, @capacity, @planned)`,
    ),
    instruction: db.prepare<[string], { region: string }>('SELECT region FROM instructions WHERE id = ?'),
    insertInstruction: db.prepare(
      `INSERT INTO instructions (id, region, kind, level, issuer, lines, issued_at, seq, parent_id)
       VALUES (@id, @region, @kind, @level, @issuer, @lines, @issuedAt, @seq, @parentId)`,
    ),
    lotRow: db.prepare<[string], { region: string; category: string; on_hand: number; in_transit: number }>(
      'SELECT region, category, on_hand, in_transit FROM lots WHERE id = ?',
    ),
    insertLot: db.prepare(
      `INSERT INTO lots (id, region, category, intake_depot, quantity_in, on_hand, production_date, expiry_date, grade, origin)
       VALUES (@lotId, @region, @category, @depot, @quantity, @quantity, @productionDate, @expiryDate, @grade, @origin)`,
    ),
    setLotFigures: db.prepare<[number, number, string]>('UPDATE lots SET on_hand = ?, in_transit = ? WHERE id = ?'),
    // Stock figures are read once per batch and written once with their final value (batch-state.ts).
    lotStock: db.prepare<[string, string], { quantity: number }>(
      'SELECT quantity FROM lot_stock WHERE lot_id = ? AND depot = ?',
    ),
    depotStock: db.prepare<[string, string], { quantity: number }>(
      'SELECT quantity FROM depot_stock WHERE depot = ? AND category = ?',
    ),
    provinceStock: db.prepare<[string, string], { quantity: number }>(
      'SELECT quantity FROM province_stock WHERE region = ? AND category = ?',
    ),
    setLotStock: db.prepare<[string, string, number]>(
      `INSERT INTO lot_stock (lot_id, depot, quantity) VALUES (?, ?, ?)
       ON CONFLICT (lot_id, depot) DO UPDATE SET quantity = excluded.quantity`,
    ),
    setDepotStock: db.prepare<[string, string, number]>(
      `INSERT INTO depot_stock (depot, category, quantity) VALUES (?, ?, ?)
       ON CONFLICT (depot, category) DO UPDATE SET quantity = excluded.quantity`,
    ),
    // An UPDATE, then an INSERT when there was no row: an upsert would check the row it would
    // insert (a negative change) against the table's CHECK before finding the conflict.
    addDepotClassStock: db.prepare<[number, number, string, string]>('UPDATE depot_class_stock SET quantity = quantity + ?, moves = moves + ? WHERE depot = ? AND class = ?'),
    insertDepotClassStock: db.prepare<[string, string, number, number]>('INSERT INTO depot_class_stock (depot, class, quantity, moves) VALUES (?, ?, ?, ?)'),
    addHeldLots: db.prepare<[number, string, string]>('UPDATE province_held_lots SET lots = lots + ? WHERE region = ? AND category = ?'),
    insertHeldLots: db.prepare<[string, string, number]>('INSERT INTO province_held_lots (region, category, lots) VALUES (?, ?, ?)'),
    rebuildDepotClassStock: () => rebuildDepotClassStock(db),
    setProvinceStock: db.prepare<[string, string, number]>(
      `INSERT INTO province_stock (region, category, quantity) VALUES (?, ?, ?)
       ON CONFLICT (region, category) DO UPDATE SET quantity = excluded.quantity`,
    ),
    transfer: db.prepare<[string], { lot_id: string; to_depot: string; quantity: number; received: number }>(
      'SELECT lot_id, to_depot, quantity, received FROM transfers WHERE transfer_id = ?',
    ),
    insertTransfer: db.prepare(
      `INSERT INTO transfers (transfer_id, lot_id, from_depot, to_depot, quantity, sent_at)
       VALUES (@transferId, @lotId, @fromDepot, @toDepot, @quantity, @sentAt)`,
    ),
    setReceived: db.prepare<[number, string]>('UPDATE transfers SET received = ? WHERE transfer_id = ?'),
    insertOpenTransfer: db.prepare(
      `INSERT INTO transfers_open (transfer_id, lot_id, category, outstanding, from_depot, to_depot, sent_at)
       VALUES (@transferId, @lotId, @category, @quantity, @fromDepot, @toDepot, @sentAt)`,
    ),
    setOutstanding: db.prepare<[number, string]>('UPDATE transfers_open SET outstanding = ? WHERE transfer_id = ?'),
    closeTransfer: db.prepare<[string]>('DELETE FROM transfers_open WHERE transfer_id = ?'),
    storedId: db.prepare<[string, number], { id: string }>('SELECT id FROM events WHERE region = ? AND seq = ?'),
    insertUsage: db.prepare<[string, string, string, number]>(
      'INSERT INTO instruction_usage (instruction_id, category, region, allowed) VALUES (?, ?, ?, ?)',
    ),
    usageRow: db.prepare<[string, string], { allowed: number; moved_in: number; moved_out: number }>(
      'SELECT allowed, moved_in, moved_out FROM instruction_usage WHERE instruction_id = ? AND category = ?',
    ),
    setUsage: db.prepare<[number, number, string, string]>(
      'UPDATE instruction_usage SET moved_in = ?, moved_out = ? WHERE instruction_id = ? AND category = ?',
    ),
    insertAlert: db.prepare(
      `INSERT INTO alerts (id, kind, severity, region, depot, lot, seq, raised_at, detail)
       VALUES (@id, @kind, @severity, @region, @depot, @lot, @seq, @raisedAt, @detail)`,
    ),
    clearAlertsOfSeq: db.prepare<[string, number, string, number]>(
      'UPDATE alerts SET cleared_at = ?, cleared_by_seq = ? WHERE region = ? AND seq = ? AND cleared_at IS NULL',
    ),
    clearDiscrepancies: db.prepare<[string, number, string, string]>(
      `UPDATE alerts SET cleared_at = ?, cleared_by_seq = ? WHERE lot = ? AND depot = ? AND kind = 'discrepancy' AND cleared_at IS NULL`,
    ),
  };
}

export type ProjectorStatements = ReturnType<typeof prepareProjectorStatements>;
