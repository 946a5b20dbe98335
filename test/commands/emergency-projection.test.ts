import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import { ProjectionError } from '../../src/core/projector/errors';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import type { EventDraft, SealedEvent } from '../../src/shared/domain/events';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
import { useTempDir } from '../helpers/temp-dir';

/*
 * The projector's own rules for emergency events, on a hand-written log: what a replica
 * refuses even from a log whose signatures it does not check (the server checked them). The
 * envelopes here are signed with a throwaway key: the projector only carries them.
 */
const tempDir = useTempDir();
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const envelope = signEnvelope({ region: REGION, expectedLevel: 'normal', body: { kind: 'emergency.countersign' } }, { keyPem: key, chainPem: ['(not checked by the projector)'] });
const A = { subject: 'CN=officer-wang,OU=duty-officer,O=430000', role: 'duty-officer' } as const;
const B = { subject: 'CN=officer-li,OU=duty-officer,O=430000', role: 'duty-officer' } as const;
const C = { subject: 'CN=commander-zhao,OU=national-commander,O=000000', role: 'national-commander' } as const;
const t = (minute: number) => new Date(Date.UTC(2026, 1, 1, 8, minute)).toISOString();
const change = { plan: '防汛Ⅱ级应急预案', reason: '洞庭湖水位超警戒' };

const draft = (type: string, actor: EventDraft['actor'], minute: number, payload: unknown): EventDraft =>
  ({ region: REGION, type, eventTime: t(minute), actor, instructionId: null, payload }) as EventDraft;

function replicaWith(extra: EventDraft[]) {
  const replica = openReplica(join(tempDir(), 'r.db'), newReplicaKey(), { create: true });
  const events = sealAll([...smallDrafts(), ...extra]);
  return { replica, events };
}

const apply = (r: ReturnType<typeof replicaWith>, events: SealedEvent[] = r.events) => r.replica.projector.applyBatch(REGION, events);

describe('emergency projection', () => {
  it('a proposal confirmed by a second signer sets the level, its proposal, and the region', () => {
    const r = replicaWith([
      draft('emergency.proposed', A, 0, { proposalId: 'P-1', fromLevel: 'normal', toLevel: 'II', ...change, cosignBy: t(10), envelope }),
      draft('emergency.level-changed', B, 5, { fromLevel: 'normal', toLevel: 'II', ...change, signers: [A.subject, B.subject], proposalId: 'P-1', breakGlass: false, envelopes: [envelope, envelope] }),
    ]);
    apply(r);
    const db = r.replica.db;
    expect(db.prepare('SELECT level, activated_by, since, break_glass FROM emergency_levels').get()).toEqual({ level: 'II', activated_by: JSON.stringify([A.subject, B.subject]), since: t(5), break_glass: 0 });
    expect(db.prepare('SELECT status, proposer, closed_by, closed_at FROM emergency_proposals').get()).toEqual({ status: 'confirmed', proposer: A.subject, closed_by: B.subject, closed_at: t(5) });
    expect(db.prepare('SELECT emergency_level FROM regions WHERE adcode = ?').pluck().get(REGION)).toBe('II');
    r.replica.close();
  });

  it('refuses a one-signer change into II, and a confirmation after the deadline; nothing of the batch applied', () => {
    const lone = replicaWith([draft('emergency.level-changed', A, 0, { fromLevel: 'normal', toLevel: 'II', ...change, signers: [A.subject], proposalId: null, breakGlass: false, envelopes: [envelope] })]);
    expect(() => apply(lone)).toThrow(ProjectionError);
    expect(() => apply(lone)).toThrow(/needs two different officers/);
    expect(lone.replica.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    lone.replica.close();

    const late = replicaWith([
      draft('emergency.proposed', A, 0, { proposalId: 'P-1', fromLevel: 'normal', toLevel: 'II', ...change, cosignBy: t(10), envelope }),
      draft('emergency.level-changed', B, 11, { fromLevel: 'normal', toLevel: 'II', ...change, signers: [A.subject, B.subject], proposalId: 'P-1', breakGlass: false, envelopes: [envelope, envelope] }),
    ]);
    expect(() => apply(late)).toThrow(/expired/);
    late.replica.close();
  });

  it('one open proposal per region until its deadline passes', () => {
    const proposal = (id: string, minute: number) => draft('emergency.proposed', A, minute, { proposalId: id, fromLevel: 'normal', toLevel: 'I', ...change, cosignBy: t(minute + 10), envelope });
    const blocked = replicaWith([proposal('P-1', 0), proposal('P-2', 5)]);
    expect(() => apply(blocked)).toThrow(/already has pending proposal P-1/);
    blocked.replica.close();
    const after = replicaWith([proposal('P-1', 0), proposal('P-2', 11)]);
    expect(apply(after).applied).toBe(11);
    after.replica.close();
  });

  it('break glass raises a critical alert that only another officer’s countersignature clears', () => {
    const glass = draft('emergency.level-changed', C, 0, { fromLevel: 'normal', toLevel: 'I', ...change, signers: [C.subject], proposalId: null, breakGlass: true, envelopes: [envelope] });
    const self = replicaWith([glass, draft('emergency.countersigned', C, 1, { envelope })]);
    expect(() => apply(self)).toThrow(/cannot countersign/);
    self.replica.close();

    const r = replicaWith([glass, draft('emergency.countersigned', A, 2, { envelope })]);
    apply(r);
    const db = r.replica.db;
    expect(db.prepare('SELECT level, break_glass, countersigned_by FROM emergency_levels').get()).toEqual({ level: 'I', break_glass: 0, countersigned_by: A.subject });
    const seqs = r.events.slice(-2).map((e) => e.seq);
    expect(db.prepare("SELECT kind, severity, seq, cleared_by_seq FROM alerts WHERE kind = 'break-glass'").all()).toEqual([{ kind: 'break-glass', severity: 'critical', seq: seqs[0], cleared_by_seq: seqs[1] }]);
    r.replica.close();
  });

  it('back to normal removes the level row (no row is normal)', () => {
    const r = replicaWith([
      draft('emergency.level-changed', A, 0, { fromLevel: 'normal', toLevel: 'IV', ...change, signers: [A.subject], proposalId: null, breakGlass: false, envelopes: [envelope] }),
      draft('emergency.level-changed', B, 1, { fromLevel: 'IV', toLevel: 'normal', ...change, signers: [B.subject], proposalId: null, breakGlass: false, envelopes: [envelope] }),
    ]);
    apply(r);
    expect(r.replica.db.prepare('SELECT count(*) FROM emergency_levels').pluck().get()).toBe(0);
    expect(r.replica.db.prepare('SELECT emergency_level FROM regions WHERE adcode = ?').pluck().get(REGION)).toBe('normal');
    r.replica.close();
  });
});
