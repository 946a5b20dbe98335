import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandClient } from './support/command-client';
import { commandNet, propose, type CommandNet } from './support/officers';
import { spawnInrs } from '../sync/support/inrs-process';

/*
 * `inrs server audit`: the operator reads the command audit of a server store from the real
 * command line (another process, while the server runs), as text and as JSON.
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

describe('inrs server audit', () => {
  it('prints every command, accepted and refused, with signer, code and seq', async () => {
    const accepted = propose(cn, cn.officerA, 'normal', 'IV');
    const ok = await client.send(accepted);
    const refused = propose(cn, cn.wall, 'IV', 'III');
    await client.send(refused);

    const json = spawnInrs(['server', 'audit', '--data', cn.dataDir, '--json']);
    expect(await json.exited).toEqual({ code: 0, signal: null });
    const rows = JSON.parse(json.stdout.join('\n')) as Record<string, unknown>[];
    expect(rows).toEqual(cn.server.commands.ledger.auditRows());
    expect(rows).toMatchObject([
      { commandId: accepted.commandId, kind: 'emergency.propose', signerSubject: cn.officerA.subject, peerSubject: cn.officerA.subject, status: 'accepted', code: null, seq: ok.seq },
      { commandId: refused.commandId, kind: 'emergency.propose', signerSubject: cn.wall.subject, status: 'refused', code: 'role', seq: null },
    ]);

    const text = spawnInrs(['server', 'audit', '--data', cn.dataDir]);
    expect(await text.exited).toEqual({ code: 0, signal: null });
    const out = text.stdout.join('\n');
    expect(out).toContain(`${accepted.commandId}  emergency.propose`);
    expect(out).toContain(`accepted seq ${ok.seq}`);
    expect(out).toContain(`signer ${cn.wall.subject}`);
    expect(out).toMatch(/refused \[role\] role wall may not propose-emergency-level/);

    const missing = spawnInrs(['server', 'audit', '--data', `${cn.dataDir}-missing`]);
    expect((await missing.exited).code).toBe(1);
    expect(missing.stderr.join('\n')).toMatch(/no regional server store here/);
  });
});
