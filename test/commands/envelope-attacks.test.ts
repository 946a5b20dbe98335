import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import { CommandClient } from './support/command-client';
import { auditOf, commandNet, countEvents, propose, REGION, resign, serverLevel, sign, type CommandNet } from './support/officers';

/*
 * Attacks on the envelope itself, over real mutual TLS with real officer certificates: each is
 * refused with its own code, changes nothing, and is written to the server's command audit.
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

/** Expects a refusal with `code`, the head unchanged, and one audit row with the same code. */
async function expectRefused(frame: { commandId: string }, send: () => Promise<{ status: string; code?: string; reason: string | null }>, code: string, reason?: RegExp) {
  const head = cn.server.store.head();
  const result = await send();
  expect(result).toMatchObject({ status: 'refused', code, seq: null });
  if (reason) expect(result.reason).toMatch(reason);
  expect(cn.server.store.head()).toEqual(head);
  const audit = auditOf(cn, frame.commandId).at(-1);
  expect(audit).toMatchObject({ status: 'refused', code, peerSubject: cn.officerA.subject });
  return result;
}

describe('envelope attacks', () => {
  it('unsigned: an emergency level or an instruction sent as a bare draft is refused as unsigned; reference data never accepted', async () => {
    const base = { region: REGION, eventTime: new Date().toISOString(), actor: { subject: 'forged', role: 'national-commander' }, instructionId: null };
    const level = {
      ...base,
      type: 'emergency.level-changed',
      payload: { fromLevel: 'normal', toLevel: 'I', plan: 'p', reason: 'r', signers: ['a', 'b'], proposalId: null, breakGlass: false, envelopes: [] },
    };
    const unsignedLevel = { type: 'command', commandId: 'unsigned-level-1', kind: 'record-event', draft: level };
    await expectRefused(unsignedLevel, () => client.command(unsignedLevel.commandId, unsignedLevel), 'unsigned', /must be sent as a signed command/);

    const instruction = { ...base, type: 'instruction.issued', payload: { id: 'I-FORGED-1', kind: 'dispatch', level: 'province', issuer: 'x', lines: [{ category: 'GR-RICE', quantity: 1 }] } };
    const unsignedInstruction = { type: 'command', commandId: 'unsigned-instruction-1', kind: 'record-event', draft: instruction };
    await expectRefused(unsignedInstruction, () => client.command(unsignedInstruction.commandId, unsignedInstruction), 'unsigned');

    const depot = { ...base, type: 'depot.registered', payload: { code: 'FAKE-1', nameZh: '假', nameEn: 'Fake', adcode: '430100', lon: 112, lat: 28, operatorKind: 'national', capacity: {} } };
    const reference = { type: 'command', commandId: 'unsigned-depot-1', kind: 'record-event', draft: depot };
    await expectRefused(reference, () => client.command(reference.commandId, reference), 'reference-data');
    expect(serverLevel(cn)).toBe('normal');
  });

  it('malformed: an envelope off its schema, or under another command id than its frame', async () => {
    const empty = { type: 'command', commandId: 'malformed-envelope-1', kind: 'signed', envelope: { v: 1 } };
    await expectRefused(empty, () => client.command(empty.commandId, empty), 'malformed', /invalid envelope/);
    const envelope = propose(cn, cn.officerA, 'normal', 'IV');
    const mismatched = { type: 'command', commandId: 'another-command-id', kind: 'signed', envelope };
    await expectRefused(mismatched, () => client.command(mismatched.commandId, mismatched), 'malformed', /differs from the envelope/);
  });

  it('bad signature: a body altered after signing, or a signature by another key under the officer’s certificate', async () => {
    const signed = propose(cn, cn.officerA, 'normal', 'IV');
    const tampered = { ...signed, body: { ...signed.body, toLevel: 'I' as const } };
    await expectRefused(tampered, () => client.send(tampered), 'bad-signature', /does not verify/);
    const wrongKey = signEnvelope({ region: REGION, expectedLevel: 'normal', body: { kind: 'emergency.propose', toLevel: 'IV', plan: 'p', reason: 'r' } }, { keyPem: cn.officerB.keyPem, chainPem: cn.officerA.chainPem });
    await expectRefused(wrongKey, () => client.send(wrongKey), 'bad-signature');
    // Refused before authentication: the id stays free for the genuine command.
    expect(await client.send(resign(signed, cn.officerA, {}))).toMatchObject({ status: 'accepted' });
    expect(serverLevel(cn)).toBe('IV');
  });

  it('expired: an envelope past its 60 s, or issued in the future', async () => {
    const old = sign(cn, cn.officerA, { now: cn.clock.now() - 120_000, expectedLevel: 'IV', body: { kind: 'emergency.propose', toLevel: 'III', plan: 'p', reason: 'r' } });
    await expectRefused(old, () => client.send(old), 'expired', /expired at/);
    const future = sign(cn, cn.officerA, { now: cn.clock.now() + 5 * 60_000, expectedLevel: 'IV', body: { kind: 'emergency.propose', toLevel: 'III', plan: 'p', reason: 'r' } });
    await expectRefused(future, () => client.send(future), 'time-window', /future/);
    expect(serverLevel(cn)).toBe('IV');
  });

  it('wrong region: an envelope for Sichuan sent to the server of Hunan', async () => {
    const sichuan = sign(cn, cn.officerA, { region: '510000', expectedLevel: 'IV', body: { kind: 'emergency.propose', toLevel: 'III', plan: 'p', reason: 'r' } });
    await expectRefused(sichuan, () => client.send(sichuan), 'wrong-region', /510000/);
  });

  it('replay: the same envelope again returns the first result; another id reusing its nonce, or the id with another envelope, is refused', async () => {
    const before = countEvents(cn, 'emergency.level-changed');
    const envelope = propose(cn, cn.officerA, 'IV', 'III');
    const first = await client.send(envelope);
    expect(first.status).toBe('accepted');

    // A retry on this connection and on a fresh one: the first result, unchanged, and no second transition.
    expect(await client.send(envelope)).toEqual(first);
    const other = await CommandClient.connect(cn, cn.officerB);
    try {
      expect(await other.send(envelope)).toEqual(first);
    } finally {
      other.close();
    }
    expect(countEvents(cn, 'emergency.level-changed')).toBe(before + 1);
    expect(serverLevel(cn)).toBe('III');
    expect(auditOf(cn, envelope.commandId).map((r) => [r.status, r.seq, r.reason])).toEqual([
      ['accepted', first.seq, null],
      ['accepted', first.seq, 'retry: the first result returned'],
      ['accepted', first.seq, 'retry: the first result returned'],
    ]);

    // The signed content replayed under a new command id (same nonce), re-signed by a key holder.
    const replay = resign(envelope, cn.officerA, { commandId: 'replayed-nonce-0001', expectedLevel: 'III', body: { kind: 'emergency.propose', toLevel: 'IV', plan: 'p', reason: 'r' } });
    await expectRefused(replay, () => client.send(replay), 'replayed-nonce', new RegExp(envelope.commandId));

    // The decided id with another envelope is not a retry.
    const reused = sign(cn, cn.officerA, { commandId: envelope.commandId, expectedLevel: 'III', body: { kind: 'emergency.propose', toLevel: 'IV', plan: 'p', reason: 'r' } });
    await expectRefused(reused, () => client.send(reused), 'command-id-reused');
    expect(serverLevel(cn)).toBe('III');
  });
});
