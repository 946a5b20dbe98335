import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandClient } from './support/command-client';
import { auditOf, commandNet, countEvents, propose, serverLevel, type CommandNet } from './support/officers';

/*
 * A signer whose certificate the PKI revokes: once the server reloads its CRLs, the officer's
 * new commands are refused as revoked, whichever connection carries them; a command decided
 * before the revocation, retried, still returns its first result.
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

describe('revoked signer certificate', () => {
  it('is refused with code revoked after the CRL reload, and audited', async () => {
    const before = propose(cn, cn.officerB, 'normal', 'IV');
    const first = await client.send(before);
    expect(first.status).toBe('accepted');

    cn.net.revoke(cn.officerB.p12, { reason: 'keyCompromise' });
    cn.server.reloadTrust();

    const head = cn.server.store.head();
    const after = propose(cn, cn.officerB, 'IV', 'III');
    const refused = await client.send(after);
    expect(refused).toMatchObject({ status: 'refused', code: 'revoked', seq: null });
    expect(refused.reason).toMatch(/CN=officer-li,OU=duty-officer,O=430000 \(serial [0-9a-f]+\) is revoked/);
    expect(cn.server.store.head()).toEqual(head);
    expect(serverLevel(cn)).toBe('IV');
    expect(auditOf(cn, after.commandId)).toMatchObject([{ status: 'refused', code: 'revoked', signerSubject: cn.officerB.subject, peerSubject: cn.officerA.subject }]);

    // The decision taken before the revocation stands: a retry returns it, nothing changes.
    expect(await client.send(before)).toEqual(first);
    expect(countEvents(cn, 'emergency.level-changed')).toBe(1);

    // Another officer is unaffected.
    expect(await client.send(propose(cn, cn.officerA, 'IV', 'III'))).toMatchObject({ status: 'accepted' });
  });
});
