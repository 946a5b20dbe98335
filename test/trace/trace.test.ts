import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyFile } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { seedInto } from '../../src/core/seed/seed-replica';
import { createTraceQueries, type TraceQueries } from '../../src/core/trace';
import { lotTraceSchema, instructionTraceSchema } from '../../src/shared/contract/trace-schemas';
import { inrs } from '../audit/support/cli';
import { TINY } from '../seed/fixtures';

/** Traces on a real seeded replica, each answer checked against the tables and the log. */
const REGION = '120000';
let dir: string;
let file: string;
let keyFile: string;
let replica: Replica;
let trace: TraceQueries;

const one = <T>(sql: string, ...params: unknown[]) => replica.db.prepare(sql).get(...params) as T;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-trace-'));
  file = join(dir, 'replica.db');
  keyFile = join(dir, 'replica.key');
  replica = openReplica(file, createKeyFile(keyFile), { create: true });
  seedInto(replica, { ...TINY, regions: ['000000', REGION] });
  trace = createTraceQueries(replica.db);
}, 60_000);
afterAll(() => {
  replica?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('trace of a lot', () => {
  it('follows a transferred lot across depots, its stock card ending at what the depots hold', () => {
    const { lot_id: lotId } = one<{ lot_id: string }>(`SELECT json_extract(payload, '$.lotId') AS lot_id FROM events WHERE region = ? AND type = 'stock.transfer-in' LIMIT 1`, REGION);
    const t = trace.lot(lotId);
    expect(lotTraceSchema.safeParse(t).success).toBe(true);
    if (!t) throw new Error('no trace');
    expect(t.path.length).toBeGreaterThanOrEqual(2);
    expect(t.path[0]?.depot).toBe(t.lot.intakeDepot);
    expect(t.events[0]?.type).toBe('lot.intake');
    for (const e of t.events) {
      expect(e.actor.subject).toMatch(/^CN=/);
      expect(Date.parse(e.recordTime)).toBeGreaterThanOrEqual(Date.parse(e.eventTime));
      expect(e.instructionId).not.toBeNull();
      expect(e.chain).toBe('ok');
    }
    const last = new Map<string, number>();
    for (const row of t.stockCard) last.set(row.depot, row.balance);
    for (const h of t.holdings) expect(last.get(h.depot)).toBe(h.quantity);
    expect([...last.values()].reduce((a, b) => a + b, 0)).toBe(t.lot.onHand);
  });

  it('links the two lots of a rotation both ways', () => {
    const p = JSON.parse(one<{ payload: string }>(`SELECT payload FROM events WHERE region = ? AND type = 'stock.rotated' LIMIT 1`, REGION).payload) as { lotId: string; newLot: { lotId: string } };
    expect(trace.lot(p.lotId)?.replacedBy).toContain(p.newLot.lotId);
    const successor = trace.lot(p.newLot.lotId);
    expect(successor?.replaces).toBe(p.lotId);
    expect(successor?.events[0]?.type).toBe('stock.rotated');
  });

  it('shows a count, the correction that wrote it off, and the alert they raised and cleared', () => {
    const c = JSON.parse(one<{ payload: string }>(`SELECT payload FROM events WHERE region = ? AND type = 'event.corrected' LIMIT 1`, REGION).payload) as { corrects: { seq: number }[]; adjustment?: { lotId: string } };
    const { lot_id: lotId } = one<{ lot_id: string }>(`SELECT json_extract(payload, '$.lotId') AS lot_id FROM events WHERE region = ? AND seq = ?`, REGION, c.corrects[0]?.seq);
    const t = trace.lot(lotId);
    const types = t?.events.map((e) => e.type) ?? [];
    expect(types).toContain('stock.inspected');
    expect(types).toContain('event.corrected');
    expect(t?.alerts.find((a) => a.seq === c.corrects[0]?.seq)).toMatchObject({ kind: 'discrepancy', clearedBySeq: expect.any(Number) });
  });

  it('marks an event whose stored bytes were changed as broken', () => {
    const { lot_id: lotId, seq } = one<{ lot_id: string; seq: number }>(`SELECT json_extract(payload, '$.lotId') AS lot_id, seq FROM events WHERE region = ? AND type = 'stock.issued' LIMIT 1`, REGION);
    replica.db.exec('SAVEPOINT tamper');
    try {
      replica.db.prepare(`UPDATE events SET payload = json_set(payload, '$.quantity', json_extract(payload, '$.quantity') + 1) WHERE region = ? AND seq = ?`).run(REGION, seq);
      const t = trace.lot(lotId);
      expect(t?.chain).toEqual({ ok: false, broken: 1 });
      expect(t?.events.find((e) => e.seq === seq)).toMatchObject({ chain: 'broken', chainNote: expect.stringContaining('content does not match its id') });
    } finally {
      replica.db.exec('ROLLBACK TO tamper');
      replica.db.exec('RELEASE tamper');
    }
    expect(trace.lot(lotId)?.chain.ok).toBe(true);
  });
});

describe('trace of an instruction', () => {
  it('lists the issuing event, every movement under it, and what it moved against its lines', () => {
    const { id } = one<{ id: string }>(`SELECT id FROM instructions WHERE region = ? AND kind = 'transfer' LIMIT 1`, REGION);
    const t = trace.instruction(id);
    expect(instructionTraceSchema.safeParse(t).success).toBe(true);
    expect(t?.events[0]).toMatchObject({ type: 'instruction.issued', instructionId: null });
    const types = new Set(t?.events.slice(1).map((e) => e.type));
    expect(types).toContain('stock.transfer-out');
    expect(t?.events.slice(1).every((e) => e.instructionId === id)).toBe(true);
    for (const u of t?.usage ?? []) expect(u.movedOut).toBeLessThanOrEqual(u.allowed);
    expect(trace.instruction('I-NONE')).toBeNull();
    expect(trace.lot('L-NONE')).toBeNull();
  });
});

describe('inrs trace', () => {
  it('prints a lot, an instruction, JSON, and refuses an unknown lot', () => {
    const { lot_id: lotId } = one<{ lot_id: string }>(`SELECT json_extract(payload, '$.lotId') AS lot_id FROM events WHERE region = ? AND type = 'stock.transfer-in' LIMIT 1`, REGION);
    replica.db.pragma('wal_checkpoint(TRUNCATE)');
    const text = inrs(['trace', lotId, '--replica', file, '--key-file', keyFile]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(`lot ${lotId}`);
    expect(text.stdout).toMatch(/path: \S+ .+ → /);
    expect(text.stdout).toContain('lot.intake');
    const json = inrs(['trace', lotId, '--replica', file, '--key-file', keyFile, '--json']);
    expect(lotTraceSchema.parse(JSON.parse(json.stdout)).lot.lotId).toBe(lotId);
    const instructionId = JSON.parse(json.stdout).events[0].instructionId as string;
    const byInstruction = inrs(['trace', '--instruction', instructionId, '--replica', file, '--key-file', keyFile]);
    expect(byInstruction.stdout).toContain(`instruction ${instructionId}`);
    const missing = inrs(['trace', 'L-NONE', '--replica', file, '--key-file', keyFile]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no lot L-NONE');
  }, 60_000);
});

describe('lots to trace', () => {
  it('finds a lot by its id or its start, by a depot that took it in or holds it, and by category', () => {
    const row = one<{ lot_id: string; depot: string }>(
      `SELECT json_extract(payload, '$.lotId') AS lot_id, json_extract(payload, '$.toDepot') AS depot FROM events WHERE region = ? AND type = 'stock.transfer-in' LIMIT 1`,
      REGION,
    );
    const lot = one<{ category: string; intake_depot: string }>('SELECT category, intake_depot FROM lots WHERE id = ?', row.lot_id);
    expect(trace.search(row.lot_id, 5).map((l) => l.lotId)).toEqual([row.lot_id]);
    expect(trace.search(row.lot_id.slice(0, -2), 200).map((l) => l.lotId)).toContain(row.lot_id);
    const byIntake = trace.search(lot.intake_depot, 200).map((l) => l.lotId);
    expect(byIntake).toContain(row.lot_id);
    const held = one<{ n: number }>('SELECT count(*) AS n FROM lot_stock WHERE lot_id = ? AND depot = ? AND quantity > 0', row.lot_id, row.depot).n;
    if (held > 0) expect(trace.search(row.depot, 200).map((l) => l.lotId)).toContain(row.lot_id);
    expect(trace.search(lot.category, 200).every((l) => l.category === lot.category || l.lotId.startsWith(lot.category))).toBe(true);
    expect(trace.search('%', 5)).toEqual([]);
  });

  it("places every depot a lot's events name, so its path can be drawn", () => {
    const { lot_id: lotId } = one<{ lot_id: string }>(`SELECT json_extract(payload, '$.lotId') AS lot_id FROM events WHERE region = ? AND type = 'stock.transfer-in' LIMIT 1`, REGION);
    const t = trace.lot(lotId)!;
    const codes = new Set(t.places?.map((p) => p.code));
    for (const e of t.events) for (const c of [e.depot, e.fromDepot, e.toDepot]) if (c) expect(codes.has(c), c).toBe(true);
    for (const p of t.path) expect(codes.has(p.depot)).toBe(true);
  });
});
