import { verify, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directSink } from '../../src/core/sync/direct-sink';
import { SyncManager } from '../../src/core/sync/sync-manager';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { envelopeSigningText, type SignedEnvelope } from '../../src/shared/protocol/command-envelope';
import { CommandClient } from './support/command-client';
import { auditOf, commandNet, cosign, propose, REGION, serverLevel, type CommandNet } from './support/officers';
import { waitFor } from '../sync/support/wait';

/*
 * The two-person rule end to end: over real mutual TLS, one officer raises Hunan to IV alone,
 * then proposes II, a second officer co-signs, and a wall connected through the real sync link
 * receives the level in its replica; a client that joins later gets it in a snapshot.
 */
let cn: CommandNet;
let manager: SyncManager | null = null;
const clients: CommandClient[] = [];

beforeAll(async () => {
  // A client further than 3 events behind gets a snapshot: the emergency tables travel in it.
  cn = await commandNet({ retainEvents: 3 });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await manager?.stop();
  await cn?.net.close();
});

async function connect(officer: Parameters<typeof CommandClient.connect>[1]) {
  const client = await CommandClient.connect(cn, officer);
  clients.push(client);
  return client;
}

describe('two officers raise Hunan to level II', () => {
  it('applies IV at once, holds II as a proposal until a second officer co-signs, and a connected wall receives it', async () => {
    const replica = cn.net.replica();
    manager = new SyncManager({ regions: { [REGION]: { urls: [cn.server.url], pins: [] } }, identity: cn.wall, rootPem: cn.net.rootPem, sink: directSink(replica) });
    manager.start();
    await manager.whenAllLive();
    const link = manager.links.get(REGION)!;

    const a = await connect(cn.officerA);
    const b = await connect(cn.officerB);

    // normal → IV needs one officer: the level changes at once.
    const toIV = await a.send(propose(cn, cn.officerA, 'normal', 'IV'));
    expect(toIV).toMatchObject({ status: 'accepted', reason: null });
    expect(toIV.code).toBeUndefined();
    expect(serverLevel(cn)).toBe('IV');

    // IV → II enters level II: a pending proposal, no change yet.
    const proposal = propose(cn, cn.officerA, 'IV', 'II');
    const proposed = await a.send(proposal);
    expect(proposed.status).toBe('accepted');
    expect(serverLevel(cn)).toBe('IV');
    const pending = cn.server.store.replica.db.prepare('SELECT status, proposer, from_level, to_level, cosign_by, proposed_at FROM emergency_proposals WHERE id = ?').get(proposal.commandId) as Record<string, string>;
    expect(pending).toMatchObject({ status: 'pending', proposer: cn.officerA.subject, from_level: 'IV', to_level: 'II' });
    expect(Date.parse(pending.cosign_by!) - Date.parse(pending.proposed_at!)).toBe(10 * 60 * 1000);

    // The second officer co-signs: level II with both signers.
    const confirmation = cosign(cn, cn.officerB, 'IV', proposal.commandId);
    const confirmed = await b.send(confirmation);
    expect(confirmed).toMatchObject({ status: 'accepted', seq: cn.server.store.head().seq });
    expect(serverLevel(cn)).toBe('II');

    // The audit event is in the log before the answer: the wall's replica receives it through sync.
    await waitFor(() => link.current.cursor === confirmed.seq, 'the level change on the wall replica');
    const row = replica.db.prepare('SELECT level, activated_by, break_glass, seq FROM emergency_levels WHERE region = ?').get(REGION) as Record<string, unknown>;
    expect(row).toMatchObject({ level: 'II', break_glass: 0, seq: confirmed.seq });
    expect(JSON.parse(row.activated_by as string)).toEqual([cn.officerA.subject, cn.officerB.subject]);
    expect(replica.db.prepare('SELECT emergency_level FROM regions WHERE adcode = ?').pluck().get(REGION)).toBe('II');
    expect(replica.db.prepare('SELECT status, closed_by FROM emergency_proposals WHERE id = ?').get(proposal.commandId)).toEqual({ status: 'confirmed', closed_by: cn.officerB.subject });
    expect(regionStateHash(replica.db, REGION)).toBe(cn.server.store.stateHash());

    // The event carries both officers' envelopes, each verifiable on its own by an auditor.
    const event = replica.db.prepare('SELECT actor_subject, payload FROM events WHERE region = ? AND seq = ?').get(REGION, confirmed.seq) as { actor_subject: string; payload: string };
    expect(event.actor_subject).toBe(cn.officerB.subject);
    const payload = JSON.parse(event.payload) as { signers: string[]; envelopes: SignedEnvelope[]; proposalId: string; breakGlass: boolean };
    expect(payload).toMatchObject({ signers: [cn.officerA.subject, cn.officerB.subject], proposalId: proposal.commandId, breakGlass: false });
    for (const envelope of payload.envelopes) {
      const leaf = new X509Certificate(envelope.signerCert.split(/(?<=-----END CERTIFICATE-----)/)[0]!.trim());
      expect(verify('sha256', Buffer.from(envelopeSigningText(envelope)), leaf.publicKey, Buffer.from(envelope.signature, 'base64'))).toBe(true);
    }
    expect(payload.envelopes.map((e) => e.commandId)).toEqual([proposal.commandId, confirmation.commandId]);

    // Every command is in the server's audit, accepted, with its signer and connection.
    for (const [envelope, officer] of [[proposal, cn.officerA], [confirmation, cn.officerB]] as const) {
      expect(auditOf(cn, envelope.commandId)).toMatchObject([{ status: 'accepted', signerSubject: officer.subject, peerSubject: officer.subject, code: null }]);
    }
  });

  it('a client that joins later receives the level in a snapshot and agrees on the state hash', async () => {
    const replica = cn.net.replica();
    const late = new SyncManager({ regions: { [REGION]: { urls: [cn.server.url], pins: [] } }, identity: cn.auditor, rootPem: cn.net.rootPem, sink: directSink(replica) });
    late.start();
    try {
      await late.whenAllLive();
      expect(cn.net.logs.some((l) => /sent a snapshot/.test(l) && l.includes(cn.auditor.subject))).toBe(true);
      expect(replica.db.prepare('SELECT level FROM emergency_levels WHERE region = ?').pluck().get(REGION)).toBe('II');
      expect(replica.db.prepare('SELECT count(*) FROM emergency_proposals WHERE region = ?').pluck().get(REGION)).toBe(1);
      expect(regionStateHash(replica.db, REGION)).toBe(cn.server.store.stateHash());
    } finally {
      await late.stop();
    }
  });
});
