import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initPki, issueCertificate, loadIdentityFile } from '../../src/core/pki';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import { CommandClient } from './support/command-client';
import { auditOf, commandNet, cosign, propose, REGION, serverLevel, sign, type CommandNet, type Officer } from './support/officers';

/*
 * Attacks on authority: the signature is genuine but the signer may not do this, here, or
 * alone. Role and scope come from the signer's certificate through the role matrix; a signer
 * from another PKI is not trusted at all. Every refusal is audited with its code.
 */
let cn: CommandNet;
let client: CommandClient;
const foreignDir = mkdtempSync(join(tmpdir(), 'inrs-foreign-pki-'));

beforeAll(async () => {
  cn = await commandNet();
  client = await CommandClient.connect(cn, cn.officerA);
});

afterAll(async () => {
  client?.close();
  await cn?.net.close();
  rmSync(foreignDir, { recursive: true, force: true });
});

/** `signer` null: the signer is not trusted, so the audit names none. */
async function expectRefused(envelope: Parameters<CommandClient['send']>[0], code: string, reason: RegExp | undefined, signer: Officer | null) {
  const head = cn.server.store.head();
  const result = await client.send(envelope);
  expect(result).toMatchObject({ status: 'refused', code, seq: null });
  if (reason) expect(result.reason).toMatch(reason);
  expect(cn.server.store.head()).toEqual(head);
  expect(auditOf(cn, envelope.commandId)).toMatchObject([{ status: 'refused', code, signerSubject: signer?.subject ?? null }]);
}

describe('authority attacks', () => {
  it('the same officer cannot co-sign their own proposal; a second officer can', async () => {
    const proposal = propose(cn, cn.officerA, 'normal', 'II');
    expect(await client.send(proposal)).toMatchObject({ status: 'accepted' });
    await expectRefused(cosign(cn, cn.officerA, 'normal', proposal.commandId), 'same-officer', /different officer/, cn.officerA);
    expect(serverLevel(cn)).toBe('normal');
    // A second pending proposal is refused while the first waits.
    await expectRefused(propose(cn, cn.officerB, 'normal', 'I'), 'proposal-pending', new RegExp(proposal.commandId), cn.officerB);
    expect(await client.send(cosign(cn, cn.officerB, 'normal', proposal.commandId))).toMatchObject({ status: 'accepted' });
    expect(serverLevel(cn)).toBe('II');
    // Closed: a late co-signature finds nothing to confirm.
    await expectRefused(cosign(cn, cn.commander, 'II', proposal.commandId), 'proposal-closed', /confirmed/, cn.commander);
  });

  it('wrong region scope: a duty officer of Sichuan cannot change Hunan’s level', async () => {
    await expectRefused(propose(cn, cn.sichuanOfficer, 'II', 'III'), 'scope', /region 430000 is out of scope for an identity of region 510000/, cn.sichuanOfficer);
  });

  it('wrong role: a wall, an auditor, a depot operator and a contributor hold no emergency right', async () => {
    for (const officer of [cn.wall, cn.auditor, cn.operator, cn.contributor]) {
      await expectRefused(propose(cn, officer, 'II', 'III'), 'role', undefined, officer);
    }
    // Nor may a duty officer break the glass: that is a national commander's alone.
    const breakGlass = sign(cn, cn.officerA, { expectedLevel: 'II', body: { kind: 'emergency.break-glass', plan: 'p', reason: 'r' } });
    await expectRefused(breakGlass, 'role', /only a national commander/, cn.officerA);
    // A contributor cannot issue an instruction either.
    const instruction = sign(cn, cn.contributor, {
      expectedLevel: null,
      body: { kind: 'instruction.issue', instruction: { id: 'I-CONTRIB-1', kind: 'dispatch', level: 'province', issuer: cn.contributor.subject, lines: [{ category: 'GR-RICE', quantity: 1 }] } },
    });
    await expectRefused(instruction, 'role', /no command right/, cn.contributor);
    expect(serverLevel(cn)).toBe('II');
  });

  it('untrusted signer: an officer certificate of another PKI, and a signer certificate without its intermediate', async () => {
    initPki(join(foreignDir, 'pki'));
    const out = join(foreignDir, 'rogue.p12');
    issueCertificate(join(foreignDir, 'pki'), { kind: 'client', region: REGION, role: 'duty-officer', name: 'officer-wang', out });
    const rogue = loadIdentityFile(out);
    const forged = signEnvelope({ region: REGION, now: cn.clock.now(), expectedLevel: 'II', body: { kind: 'emergency.propose', toLevel: 'III', plan: 'p', reason: 'r' } }, rogue);
    await expectRefused(forged, 'untrusted-signer', /intermediate|national root/, null);
    const bare = signEnvelope({ region: REGION, now: cn.clock.now(), expectedLevel: 'II', body: { kind: 'emergency.propose', toLevel: 'III', plan: 'p', reason: 'r' } }, { keyPem: cn.officerA.keyPem, chainPem: [cn.officerA.chainPem[0]!] });
    await expectRefused(bare, 'untrusted-signer', /intermediate/, null);
    expect(serverLevel(cn)).toBe('II');
  });
});
