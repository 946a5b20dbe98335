import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvent, type ChainHead } from '../../src/core/chain/seal';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import { ProjectionError } from '../../src/core/projector/errors';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { EMERGENCY_LEVELS, needsTwoOfficers, type EmergencyLevel } from '../../src/shared/domain/emergency';
import { DISPOSAL_REASONS, type EventDraft, type SealedEvent } from '../../src/shared/domain/events';
import { seededRandom } from '../sync/support/random';

/*
 * The projector folds a batch with its running figures held in memory and written once at the
 * end (batch-state.ts). Whatever the batching, the tables must be exactly those of folding the
 * same log one event per transaction: a random mixed log of every event kind the projector
 * knows (refusals included: a candidate the projector refuses is left out of the log, as a
 * server would refuse it), applied in random batch sizes, must dump to the same rows. Seeds
 * are printed by fast-check on failure.
 */
const REGION = '430000';
const dir = mkdtempSync(join(tmpdir(), 'inrs-batch-eq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = newReplicaKey();
let files = 0;
const fresh = (): Replica => openReplica(join(dir, `r-${files++}.db`), key, { create: true });

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
// The projector carries envelopes without checking them (the server did); one real one serves all.
const envelope = signEnvelope(
  { region: REGION, expectedLevel: 'normal', body: { kind: 'emergency.countersign' } },
  { keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), chainPem: ['(not checked by the projector)'] },
);
const OFFICERS = ['CN=王芳,OU=430000', 'CN=李强,OU=430000', 'CN=赵敏,OU=430000'];
const CATEGORIES = ['GR-RICE', 'OL-RAPE', 'SH-TENT'];
const DEPOTS = ['430100-D001', '430100-D002', '430200-D001', '430300-D001'];
const EVENT_KINDS = [
  'region.declared', 'category.defined', 'depot.registered', 'instruction.issued', 'lot.intake', 'stock.transfer-out',
  'stock.transfer-in', 'stock.issued', 'stock.inspected', 'stock.rotated', 'stock.disposed', 'event.corrected',
  'emergency.proposed', 'emergency.level-changed', 'emergency.proposal-cancelled', 'emergency.countersigned', 'instruction.acknowledged',
];

/** Every row of every table, in key order: two replicas that agree on this agree on everything. */
function dump(replica: Replica): Record<string, unknown[]> {
  const tables = replica.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = replica.db.prepare('SELECT count(*) FROM pragma_table_info(?)').pluck().get(table) as number;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    out[table] = replica.db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().all();
  }
  return out;
}

/**
 * A random candidate event for the reference's current state: mostly valid, sometimes not
 * (over-debits, stale proposals, a second acknowledgement), so refusals are exercised too.
 */
function candidate(ref: Replica, rnd: () => number, n: number, minute: number): EventDraft {
  const db = ref.db;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const time = new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString();
  const actor = { subject: pick(OFFICERS), role: 'duty-officer' as const };
  const instructions = db.prepare<[string], string>('SELECT id FROM instructions WHERE region = ? ORDER BY id').pluck().all(REGION);
  const instructionId = instructions.length > 0 ? pick(instructions) : 'I-none';
  const draft = (type: string, payload: unknown, withInstruction = true): EventDraft =>
    ({ region: REGION, type, eventTime: time, actor, instructionId: withInstruction ? instructionId : null, payload }) as EventDraft;
  const stock = db.prepare<[], { lot_id: string; depot: string; quantity: number; category: string }>(
    'SELECT s.lot_id, s.depot, s.quantity, l.category FROM lot_stock s JOIN lots l ON l.id = s.lot_id WHERE s.quantity > 0 ORDER BY 1, 2',
  ).all();
  const held = stock.length > 0 ? pick(stock) : { lot_id: 'L-none', depot: DEPOTS[0]!, quantity: 1, category: CATEGORIES[0]! };
  const debit = () => (rnd() < 0.1 ? held.quantity + int(1, 5) : int(1, held.quantity));
  const newLot = (category: string) => ({
    lotId: `L-${n}`,
    category,
    quantity: int(50, 5000),
    productionDate: '2025-10-01',
    expiryDate: rnd() < 0.05 ? '2025-01-01' : `202${int(6, 9)}-0${int(1, 9)}-15`,
    grade: pick(['A', 'B']),
    origin: '湖南益阳',
  });
  const level = (db.prepare<[string], string>('SELECT emergency_level FROM regions WHERE adcode = ?').pluck().get(REGION) ?? 'normal') as EmergencyLevel;
  const pending = db.prepare<[string], { id: string; to_level: string }>(`SELECT id, to_level FROM emergency_proposals WHERE region = ? AND status = 'pending' ORDER BY id`).all(REGION);
  const change = { plan: '防汛应急预案', reason: '水位超警戒' };

  switch (pick(EVENT_KINDS.slice(3))) {
    case 'instruction.issued':
      return draft('instruction.issued', {
        id: `I-${n}`,
        kind: pick(['procurement', 'transfer', 'release']),
        level: 'province',
        issuer: actor.subject,
        lines: Array.from({ length: int(1, 2) }, () => ({ category: pick(CATEGORIES), quantity: int(100, 8000) })),
      }, false);
    case 'lot.intake':
      return draft('lot.intake', { ...newLot(pick(CATEGORIES)), depot: pick(DEPOTS) });
    case 'stock.transfer-out':
      return draft('stock.transfer-out', { transferId: `T-${n}`, lotId: held.lot_id, fromDepot: held.depot, toDepot: pick(DEPOTS), quantity: debit() });
    case 'stock.transfer-in': {
      const open = db.prepare<[], { transfer_id: string; lot_id: string; to_depot: string; left: number }>(
        'SELECT transfer_id, lot_id, to_depot, quantity - received AS left FROM transfers WHERE received < quantity ORDER BY 1',
      ).all();
      const t = open.length > 0 ? pick(open) : { transfer_id: 'T-none', lot_id: held.lot_id, to_depot: held.depot, left: 1 };
      return draft('stock.transfer-in', { transferId: t.transfer_id, lotId: t.lot_id, toDepot: t.to_depot, quantity: rnd() < 0.5 ? t.left : int(1, t.left) });
    }
    case 'stock.issued':
      return draft('stock.issued', { lotId: held.lot_id, depot: held.depot, quantity: debit(), recipient: '长沙市应急管理局' });
    case 'stock.inspected':
      return draft('stock.inspected', { lotId: held.lot_id, depot: held.depot, physicalCount: rnd() < 0.5 ? held.quantity : Math.max(0, held.quantity + int(-50, 50)), quality: pick(['pass', 'fail']) });
    case 'stock.rotated':
      return draft('stock.rotated', { lotId: held.lot_id, depot: held.depot, quantity: debit(), newLot: newLot(rnd() < 0.9 ? held.category : pick(CATEGORIES)), reason: '轮换' });
    case 'stock.disposed':
      return draft('stock.disposed', { lotId: held.lot_id, depot: held.depot, quantity: debit(), reason: pick(DISPOSAL_REASONS) });
    case 'event.corrected': {
      const head = ref.projector.headOf(REGION).seq;
      const seq = int(1, Math.max(1, head));
      const id = db.prepare<[string, number], string>('SELECT id FROM events WHERE region = ? AND seq = ?').pluck().get(REGION, seq) ?? 'a'.repeat(64);
      const adjustment = rnd() < 0.6 ? { lotId: held.lot_id, depot: held.depot, quantity: rnd() < 0.5 ? int(1, 40) : -debit() } : undefined;
      return draft('event.corrected', { corrects: [{ seq, id }], reason: '数量录入错误', ...(adjustment ? { adjustment } : {}) });
    }
    case 'emergency.proposed': {
      const to = pick(EMERGENCY_LEVELS.filter((l) => l !== level));
      return draft('emergency.proposed', { proposalId: `P-${n}`, fromLevel: level, toLevel: to, ...change, cosignBy: new Date(Date.parse(time) + int(1, 30) * 60_000).toISOString(), envelope }, false);
    }
    case 'emergency.level-changed': {
      const proposal = pending.length > 0 && rnd() < 0.6 ? pick(pending) : null;
      const to = (proposal?.to_level ?? pick(EMERGENCY_LEVELS.filter((l) => l !== level))) as EmergencyLevel;
      const breakGlass = !proposal && to === 'I' && rnd() < 0.7;
      const two = !breakGlass && needsTwoOfficers(level, to);
      const signers = two ? [OFFICERS[0]!, OFFICERS[1]!] : [actor.subject];
      return draft('emergency.level-changed', { fromLevel: level, toLevel: to, ...change, signers, proposalId: proposal?.id ?? null, breakGlass, envelopes: signers.map(() => envelope) }, false);
    }
    case 'emergency.proposal-cancelled':
      return draft('emergency.proposal-cancelled', { proposalId: pending.length > 0 ? pick(pending).id : 'P-none', reason: '撤回', envelope }, false);
    case 'emergency.countersigned':
      return draft('emergency.countersigned', { envelope }, false);
    default:
      return draft('instruction.acknowledged', { instructionId, envelope }, false);
  }
}

/** The reference: candidates folded one event per transaction; those refused are left out of the log. */
function referenceLog(seed: number, length: number): { log: SealedEvent[]; reference: Replica } {
  const rnd = seededRandom(seed);
  const reference = fresh();
  const setup: EventDraft[] = [
    { region: REGION, type: 'region.declared', eventTime: '2026-01-01T00:00:00.000Z', actor: { subject: OFFICERS[0]!, role: 'duty-officer' }, instructionId: null, payload: { adcode: REGION, nameZh: '湖南省', nameEn: 'Hunan', level: 'province' } },
    ...CATEGORIES.map((code) => ({
      region: REGION, type: 'category.defined', eventTime: '2026-01-01T00:00:00.000Z', actor: { subject: OFFICERS[0]!, role: 'duty-officer' }, instructionId: null,
      payload: { code, nameZh: code, nameEn: code, unit: '吨', unitEn: 't', class: 'grain', shelfLifeDays: 1095, perCapitaDaily: 0.0005, safetyFloorShare: 0.3 },
    })),
    ...DEPOTS.map((code, i) => ({
      region: REGION, type: 'depot.registered', eventTime: '2026-01-01T00:00:00.000Z', actor: { subject: OFFICERS[0]!, role: 'duty-officer' }, instructionId: null,
      payload: { code, nameZh: `储备库${i}`, nameEn: `Depot ${i}`, adcode: code.slice(0, 6), lon: 112 + i / 10, lat: 28, operatorKind: 'national', capacity: { grain: 50_000 }, ...(i % 2 ? { planned: { 'GR-RICE': 1000 } } : {}) },
    })),
  ] as EventDraft[];
  const log: SealedEvent[] = [];
  let head: ChainHead = EMPTY_HEAD;
  const offer = (draft: EventDraft): void => {
    const sealed = sealEvent(draft, head, draft.eventTime);
    try {
      reference.projector.applyBatch(REGION, [sealed]);
    } catch (err) {
      if (err instanceof ProjectionError) return;
      throw err;
    }
    log.push(sealed);
    head = { seq: sealed.seq, hash: sealed.hash };
  };
  setup.forEach(offer);
  for (let i = 0; log.length < length && i < length * 4; i++) offer(candidate(reference, rnd, i, i));
  return { log, reference };
}

describe('batched projection (property)', () => {
  it('a random mixed log of every event kind gives the same tables in random batches as one event at a time', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 12 }), (seed, sizes) => {
        const { log, reference } = referenceLog(seed, 220);
        const batched = fresh();
        try {
          for (const e of log) seen.add(e.type);
          for (let at = 0, i = 0; at < log.length; i++) {
            const size = sizes[i % sizes.length]!;
            batched.projector.applyBatch(REGION, log.slice(at, at + size));
            at += size;
          }
          expect(dump(batched)).toEqual(dump(reference));
        } finally {
          batched.close();
          reference.close();
        }
      }),
      { numRuns: 12 },
    );
    // The logs exercised every kind the projector folds.
    expect([...seen].sort()).toEqual([...EVENT_KINDS].sort());
  });
});
