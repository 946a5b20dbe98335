import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealEvent } from '../../src/core/chain/seal';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { eventDraftSchema, type EventDraft, type SealedEvent } from '../../src/shared/domain/events';
import { REGION } from '../helpers/small-log';
import { useTempDir } from '../helpers/temp-dir';
import { D1, D2, INSTRUCTION, LOT, baseDrafts, correct, dispose, inspect, instruction, issue, rotate, transferIn, transferOut } from './support/drafts';

/** The lifecycle events and alert records on a real encrypted replica, one rule at a time. */
const tempDir = useTempDir();

function fresh(): { replica: Replica; append: (d: EventDraft) => SealedEvent } {
  const replica = openReplica(join(tempDir(), 'r.db'), newReplicaKey(), { create: true });
  const append = (d: EventDraft) => {
    const sealed = sealEvent(d, replica.projector.headOf(REGION), d.eventTime);
    replica.projector.applyBatch(REGION, [sealed]);
    return sealed;
  };
  for (const d of baseDrafts()) append(d);
  return { replica, append };
}

const stock = (r: Replica, lot: string, depot: string) =>
  r.db.prepare<[string, string], number>('SELECT quantity FROM lot_stock WHERE lot_id = ? AND depot = ?').pluck().get(lot, depot);
const alerts = (r: Replica) =>
  r.db.prepare<[], { id: string; kind: string; severity: string; seq: number; lot: string; depot: string; cleared_by_seq: number | null; detail: string }>('SELECT * FROM alerts ORDER BY seq, id').all();

describe('lifecycle events', () => {
  it('parse with the event schema, and a correction with an adjustment needs an instruction', () => {
    for (const d of [inspect(LOT, D1, 1000), rotate(LOT, D1, 10, 'L-NEW', 10), dispose(LOT, D1, 5), correct([{ seq: 6, id: 'a'.repeat(64) }])]) {
      expect(eventDraftSchema.safeParse(d).success, d.type).toBe(true);
    }
    expect(eventDraftSchema.safeParse({ ...inspect(LOT, D1, 1), instructionId: null }).success).toBe(false);
    expect(eventDraftSchema.safeParse(correct([{ seq: 6, id: 'a'.repeat(64) }], { lotId: LOT, depot: D1, quantity: -1 }, null)).success).toBe(false);
    expect(eventDraftSchema.safeParse(correct([{ seq: 6, id: 'a'.repeat(64) }], { lotId: LOT, depot: D1, quantity: 0 })).success).toBe(false);
  });

  it('an inspection takes the book from the log; a mismatch raises a discrepancy a matching recount clears', () => {
    const { replica, append } = fresh();
    append(inspect(LOT, D1, 1000));
    expect(alerts(replica)).toEqual([]);
    const short = append(inspect(LOT, D1, 990));
    expect(alerts(replica)).toMatchObject([{ kind: 'discrepancy', severity: 'warning', seq: short.seq, lot: LOT, depot: D1, cleared_by_seq: null }]);
    expect(JSON.parse(alerts(replica)[0]?.detail ?? '{}')).toEqual({ book: 1000, physical: 990, difference: -10 });
    append(inspect(LOT, D1, 500));
    expect(alerts(replica).at(-1)).toMatchObject({ severity: 'critical' });
    const recount = append(inspect(LOT, D1, 1000));
    expect(alerts(replica).every((a) => a.cleared_by_seq === recount.seq)).toBe(true);
    replica.close();
  });

  it('a correction citing the count writes the shortfall off and clears its alert; nothing is edited', () => {
    const { replica, append } = fresh();
    const count = append(inspect(LOT, D1, 990));
    const before = replica.db.prepare('SELECT * FROM events WHERE seq = ?').get(count.seq);
    const fix = append(correct([{ seq: count.seq, id: count.id }], { lotId: LOT, depot: D1, quantity: -10 }));
    expect(stock(replica, LOT, D1)).toBe(990);
    expect(replica.db.prepare('SELECT on_hand FROM lots WHERE id = ?').pluck().get(LOT)).toBe(990);
    expect(alerts(replica)).toMatchObject([{ kind: 'discrepancy', cleared_by_seq: fix.seq }]);
    expect(replica.db.prepare('SELECT * FROM events WHERE seq = ?').get(count.seq)).toEqual(before);
    replica.close();
  });

  it('refuses a correction naming a later seq, a wrong id, or writing off more than is on hand', () => {
    const { replica, append } = fresh();
    const count = append(inspect(LOT, D1, 990));
    expect(() => append(correct([{ seq: 99, id: count.id }]))).toThrow(/names only earlier events, not seq 99/);
    expect(() => append(correct([{ seq: count.seq, id: 'b'.repeat(64) }]))).toThrow(/but the log holds/);
    expect(() => append(correct([{ seq: count.seq, id: count.id }], { lotId: LOT, depot: D1, quantity: -1001 }))).toThrow(/exceeds stock on hand 1000/);
    replica.close();
  });

  it('a rotation takes the old lot out and the linked new lot in at the same depot', () => {
    const { replica, append } = fresh();
    append(rotate(LOT, D1, 400, 'L-NEW', 400));
    expect(stock(replica, LOT, D1)).toBe(600);
    expect(stock(replica, 'L-NEW', D1)).toBe(400);
    expect(replica.db.prepare('SELECT quantity FROM depot_stock WHERE depot = ?').pluck().get(D1)).toBe(1000);
    expect(replica.db.prepare('SELECT intake_depot, on_hand FROM lots WHERE id = ?').get('L-NEW')).toEqual({ intake_depot: D1, on_hand: 400 });
    expect(() => append(rotate(LOT, D1, 601, 'L-NEW-2', 601))).toThrow(/debit of 601 from lot L430000-000001 at 430100-D001 exceeds stock on hand 600/);
    expect(() => append(rotate(LOT, D1, 1, 'L-NEW', 1))).toThrow(/lot L-NEW already exists/);
    expect(() => append(rotate(LOT, D1, 1, 'L-OIL', 1, 'OL-SOY'))).toThrow(/with a lot of OL-SOY/);
    replica.close();
  });

  it('a disposal debits the lot and is refused beyond stock on hand', () => {
    const { replica, append } = fresh();
    append(dispose(LOT, D1, 100, 'failed-inspection'));
    expect(stock(replica, LOT, D1)).toBe(900);
    expect(() => append(dispose(LOT, D1, 901))).toThrow(/exceeds stock on hand 900/);
    expect(() => append(dispose(LOT, D2, 1))).toThrow(/exceeds stock on hand 0/);
    expect(() => append(dispose(LOT, D1, 1, 'expired', 'I-NOPE'))).toThrow(/unknown instruction I-NOPE/);
    replica.close();
  });

  it('raises an anomaly when movements under an instruction exceed its lines, or move a category it does not cover', () => {
    const { replica, append } = fresh();
    append(instruction('I-SMALL', 'dispatch', [{ category: 'GR-RICE', quantity: 100, fromDepot: D1 }]));
    append(issue(LOT, D1, 60, 'I-SMALL'));
    expect(alerts(replica)).toEqual([]);
    const over = append(issue(LOT, D1, 60, 'I-SMALL'));
    expect(alerts(replica)).toMatchObject([{ kind: 'anomaly', severity: 'critical', seq: over.seq, lot: LOT, depot: D1 }]);
    expect(JSON.parse(alerts(replica)[0]?.detail ?? '{}')).toMatchObject({ instruction: 'I-SMALL', allowed: 100, moved: 120 });
    append(instruction('I-OIL', 'dispatch', [{ category: 'OL-SOY', quantity: 100 }]));
    const wrong = append(issue(LOT, D1, 1, 'I-OIL'));
    expect(alerts(replica).at(-1)).toMatchObject({ kind: 'anomaly', seq: wrong.seq });
    expect(alerts(replica).at(-1)?.detail).toContain('has no line for GR-RICE');
    // A transfer counts once (its receiving leg does not), intake and issue in their own directions.
    append(transferOut('T-9', LOT, D1, D2, 500, INSTRUCTION));
    append(transferIn('T-9', LOT, D2, 500, INSTRUCTION));
    expect(replica.db.prepare(`SELECT moved_in, moved_out FROM instruction_usage WHERE instruction_id = ?`).get(INSTRUCTION)).toEqual({ moved_in: 1000, moved_out: 500 });
    expect(alerts(replica)).toHaveLength(2);
    replica.close();
  });

  it('a correction citing an anomalous movement clears its alert', () => {
    const { replica, append } = fresh();
    append(instruction('I-SMALL', 'dispatch', [{ category: 'GR-RICE', quantity: 10 }]));
    const over = append(issue(LOT, D1, 20, 'I-SMALL'));
    const fix = append(correct([{ seq: over.seq, id: over.id }], { lotId: LOT, depot: D1, quantity: 10 }, 'I-SMALL'));
    expect(alerts(replica)).toMatchObject([{ kind: 'anomaly', cleared_by_seq: fix.seq }]);
    expect(stock(replica, LOT, D1)).toBe(990);
    replica.close();
  });
});
