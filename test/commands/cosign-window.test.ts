import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COSIGN_WINDOW_MS } from '../../src/shared/domain/emergency';
import { CommandClient } from './support/command-client';
import { auditOf, commandNet, cosign, propose, serverLevel, sign, type CommandNet } from './support/officers';

/*
 * The co-signature window, on the server's own clock (injected, so the test need not wait ten
 * minutes): a co-signature after it is refused and changes nothing; an expired proposal no
 * longer blocks a new one; a co-signature inside it is accepted.
 */
let cn: CommandNet;
let client: CommandClient;

beforeAll(async () => {
  cn = await commandNet();
  client = await CommandClient.connect(cn, cn.officerA);
});

afterAll(async () => {
  client?.close();
  await cn?.net.close();
});

describe('co-signature window', () => {
  it('refuses a co-signature after 10 minutes; accepts one just inside the window of a new proposal', async () => {
    const stale = propose(cn, cn.officerA, 'normal', 'II');
    expect(await client.send(stale)).toMatchObject({ status: 'accepted' });

    cn.clock.offsetMs += COSIGN_WINDOW_MS + 1_000;
    const late = cosign(cn, cn.officerB, 'normal', stale.commandId);
    const head = cn.server.store.head();
    expect(await client.send(late)).toMatchObject({ status: 'refused', code: 'proposal-expired', reason: expect.stringMatching(/expired at/) });
    expect(cn.server.store.head()).toEqual(head);
    expect(serverLevel(cn)).toBe('normal');
    expect(auditOf(cn, late.commandId)).toMatchObject([{ status: 'refused', code: 'proposal-expired', signerSubject: cn.officerB.subject }]);

    // The expired proposal no longer blocks the region.
    const fresh = propose(cn, cn.officerA, 'normal', 'II');
    expect(await client.send(fresh)).toMatchObject({ status: 'accepted' });
    cn.clock.offsetMs += COSIGN_WINDOW_MS - 1_000;
    expect(await client.send(cosign(cn, cn.officerB, 'normal', fresh.commandId))).toMatchObject({ status: 'accepted' });
    expect(serverLevel(cn)).toBe('II');
    const statuses = cn.server.store.replica.db.prepare('SELECT id, status FROM emergency_proposals ORDER BY seq').all();
    // "expired" is derived by readers: the first stays pending with its deadline long past.
    expect(statuses).toEqual([
      { id: stale.commandId, status: 'pending' },
      { id: fresh.commandId, status: 'confirmed' },
    ]);
  });

  it('a pending proposal is cancelled by another officer in scope (not by a wall); a cancelled one cannot be co-signed', async () => {
    const proposal = propose(cn, cn.officerA, 'II', 'I');
    expect(await client.send(proposal)).toMatchObject({ status: 'accepted' });
    const byWall = sign(cn, cn.wall, { expectedLevel: null, body: { kind: 'emergency.cancel', proposalId: proposal.commandId, reason: '误报' } });
    expect(await client.send(byWall)).toMatchObject({ status: 'refused', code: 'role' });
    const cancel = sign(cn, cn.officerB, { expectedLevel: null, body: { kind: 'emergency.cancel', proposalId: proposal.commandId, reason: '水位回落' } });
    expect(await client.send(cancel)).toMatchObject({ status: 'accepted' });
    expect(cn.server.store.replica.db.prepare('SELECT status, closed_by FROM emergency_proposals WHERE id = ?').get(proposal.commandId)).toEqual({
      status: 'cancelled',
      closed_by: cn.officerB.subject,
    });
    expect(await client.send(cosign(cn, cn.officerB, 'II', proposal.commandId))).toMatchObject({ status: 'refused', code: 'proposal-closed' });
    expect(await client.send(cosign(cn, cn.officerB, 'II', 'no-such-proposal'))).toMatchObject({ status: 'refused', code: 'no-proposal' });
    expect(serverLevel(cn)).toBe('II');
  });
});
