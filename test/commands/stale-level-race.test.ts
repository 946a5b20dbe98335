import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandClient } from './support/command-client';
import { auditOf, commandNet, cosign, countEvents, propose, serverLevel, type CommandNet } from './support/officers';

/*
 * Officers racing on separate connections, frames sent in the same tick: compare-and-set on
 * the level they saw lets exactly one win; the others are refused with a specific code.
 */
let cn: CommandNet;
const clients: CommandClient[] = [];

beforeAll(async () => {
  cn = await commandNet();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cn?.net.close();
});

describe('racing officers', () => {
  it('two one-officer changes from the same level: exactly one wins, the other is stale', async () => {
    const [a, b] = await Promise.all([CommandClient.connect(cn, cn.officerA), CommandClient.connect(cn, cn.officerB)]);
    clients.push(a, b);
    const envelopes = [propose(cn, cn.officerA, 'normal', 'IV'), propose(cn, cn.officerB, 'normal', 'III')];
    const results = await Promise.all([a.send(envelopes[0]!), b.send(envelopes[1]!)]);
    expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'refused']);
    const loser = results.findIndex((r) => r.status === 'refused');
    expect(results[loser]).toMatchObject({ code: 'stale-level', reason: expect.stringMatching(/is at level (IV|III), not normal/) });
    expect(serverLevel(cn)).toBe(loser === 0 ? 'III' : 'IV');
    expect(countEvents(cn, 'emergency.level-changed')).toBe(1);
    expect(auditOf(cn, envelopes[loser]!.commandId)).toMatchObject([{ status: 'refused', code: 'stale-level' }]);
  });

  it('two proposals for level II at once: one waits, the other is refused while it is pending', async () => {
    const [a, b] = clients;
    const from = serverLevel(cn) as 'IV' | 'III';
    const envelopes = [propose(cn, cn.officerA, from, 'II'), propose(cn, cn.officerB, from, 'I')];
    const results = await Promise.all([a!.send(envelopes[0]!), b!.send(envelopes[1]!)]);
    expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'refused']);
    expect(results.find((r) => r.status === 'refused')).toMatchObject({ code: 'proposal-pending' });
    expect(countEvents(cn, 'emergency.proposed')).toBe(1);
  });

  it('two co-signatures of the same proposal at once: one confirms it, the other finds it closed', async () => {
    const [a, b] = clients;
    const proposalId = cn.server.store.replica.db.prepare<[], string>("SELECT id FROM emergency_proposals WHERE status = 'pending'").pluck().get()!;
    const proposer = cn.server.store.replica.db.prepare<[string], string>('SELECT proposer FROM emergency_proposals WHERE id = ?').pluck().get(proposalId);
    const second = proposer === cn.officerA.subject ? cn.officerB : cn.officerA;
    const from = serverLevel(cn) as 'IV' | 'III';
    const commander = await CommandClient.connect(cn, cn.commander);
    clients.push(commander);
    const envelopes = [cosign(cn, second, from, proposalId), cosign(cn, cn.commander, from, proposalId)];
    const results = await Promise.all([(second === cn.officerA ? a : b)!.send(envelopes[0]!), commander.send(envelopes[1]!)]);
    expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'refused']);
    expect(results.find((r) => r.status === 'refused')).toMatchObject({ code: 'proposal-closed' });
    expect(countEvents(cn, 'emergency.level-changed')).toBe(2);
    expect(['II', 'I']).toContain(serverLevel(cn));
  });
});
