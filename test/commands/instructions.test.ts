import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTraceQueries } from '../../src/core/trace';
import type { InstructionContent } from '../../src/shared/domain/instruction-schema';
import { CommandClient } from './support/command-client';
import { auditOf, commandNet, REGION, sign, type CommandNet } from './support/officers';

/*
 * Signed dispatch instructions: issued by a duty officer (the event keeps the envelope), then
 * acknowledged by the operator of a depot the instruction names: its status moves
 * issued → acknowledged → executing as the trace derives it.
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

async function connect(officer: Parameters<typeof CommandClient.connect>[1]) {
  const client = await CommandClient.connect(cn, officer);
  clients.push(client);
  return client;
}

describe('signed instructions', () => {
  it('issue, acknowledge by the named depot’s operator, then execute: issued → acknowledged → executing', async () => {
    const db = cn.server.store.replica.db;
    const trace = createTraceQueries(db);
    const lot = db
      .prepare<[string], { lot_id: string; category: string; quantity: number }>(
        'SELECT s.lot_id, l.category, s.quantity FROM lot_stock s JOIN lots l ON l.id = s.lot_id WHERE s.depot = ? AND s.quantity > 10 ORDER BY s.lot_id LIMIT 1',
      )
      .get(cn.operatorDepot)!;
    const officer = await connect(cn.officerA);
    const instruction: InstructionContent = {
      id: 'I-430000-SIGNED-1',
      kind: 'dispatch',
      level: 'province',
      issuer: cn.officerA.subject,
      lines: [{ category: lot.category, quantity: 5, fromDepot: cn.operatorDepot }],
      parentId: 'I-000000-CENTRAL-7',
    };

    // The central instruction it forwards, issued first: a parentId must name an instruction of the region.
    const { parentId: _none, ...body } = instruction;
    const central = { ...body, id: 'I-000000-CENTRAL-7', level: 'central' as const, issuer: cn.commander.subject };
    expect(await (await connect(cn.commander)).send(sign(cn, cn.commander, { expectedLevel: null, body: { kind: 'instruction.issue', instruction: central } }))).toMatchObject({ status: 'accepted' });

    // The issuer named must be the signer.
    const impostor = sign(cn, cn.officerA, { expectedLevel: null, body: { kind: 'instruction.issue', instruction: { ...instruction, issuer: cn.officerB.subject } } });
    expect(await officer.send(impostor)).toMatchObject({ status: 'refused', code: 'issuer-mismatch' });

    const issue = sign(cn, cn.officerA, { expectedLevel: null, body: { kind: 'instruction.issue', instruction } });
    const issued = await officer.send(issue);
    expect(issued).toMatchObject({ status: 'accepted' });
    const event = db.prepare('SELECT actor_subject, actor_role, payload FROM events WHERE region = ? AND seq = ?').get(REGION, issued.seq) as Record<string, string>;
    expect(event).toMatchObject({ actor_subject: cn.officerA.subject, actor_role: 'duty-officer' });
    expect(JSON.parse(event.payload!)).toMatchObject({ id: instruction.id, parentId: 'I-000000-CENTRAL-7', envelope: { commandId: issue.commandId, signature: issue.signature } });
    expect(db.prepare('SELECT parent_id, acknowledged_by FROM instructions WHERE id = ?').get(instruction.id)).toEqual({ parent_id: 'I-000000-CENTRAL-7', acknowledged_by: null });
    expect(trace.instruction(instruction.id)?.instruction.status).toBe('issued');

    // The operator of a depot the instruction does not name cannot acknowledge it.
    const stranger = { ...cn.net.identity(cn.net.issue({ kind: 'client', region: REGION, role: 'depot-operator', depot: 'HN-ELSEWHERE', name: 'operator-ma' })), subject: 'CN=operator-ma,OU=depot-operator,O=430000', p12: '' };
    const foreign = sign(cn, stranger, { expectedLevel: null, body: { kind: 'instruction.acknowledge', instructionId: instruction.id } });
    expect(await officer.send(foreign)).toMatchObject({ status: 'refused', code: 'scope', reason: expect.stringContaining('HN-ELSEWHERE') });
    const unknown = sign(cn, cn.officerB, { expectedLevel: null, body: { kind: 'instruction.acknowledge', instructionId: 'I-NOPE' } });
    expect(await officer.send(unknown)).toMatchObject({ status: 'refused', code: 'unknown-instruction' });

    const operator = await connect(cn.operator);
    const ack = sign(cn, cn.operator, { expectedLevel: null, body: { kind: 'instruction.acknowledge', instructionId: instruction.id } });
    const acknowledged = await operator.send(ack);
    expect(acknowledged).toMatchObject({ status: 'accepted' });
    expect(db.prepare('SELECT acknowledged_by FROM instructions WHERE id = ?').pluck().get(instruction.id)).toBe(cn.operator.subject);
    expect(trace.instruction(instruction.id)?.instruction.status).toBe('acknowledged');
    expect(auditOf(cn, ack.commandId)).toMatchObject([{ kind: 'instruction.acknowledge', status: 'accepted', signerSubject: cn.operator.subject, seq: acknowledged.seq }]);

    const twice = sign(cn, cn.officerB, { expectedLevel: null, body: { kind: 'instruction.acknowledge', instructionId: instruction.id } });
    expect(await officer.send(twice)).toMatchObject({ status: 'refused', code: 'already-acknowledged' });

    // The operator executes part of it: a movement under the instruction.
    const movement = {
      type: 'command',
      commandId: 'movement-under-signed-1',
      kind: 'record-event',
      draft: {
        region: REGION,
        type: 'stock.issued',
        eventTime: new Date().toISOString(),
        actor: { subject: 'ignored', role: 'wall' },
        instructionId: instruction.id,
        payload: { lotId: lot.lot_id, depot: cn.operatorDepot, quantity: 2, recipient: '岳阳市应急管理局' },
      },
    };
    expect(await operator.command(movement.commandId, movement)).toMatchObject({ status: 'accepted' });
    expect(trace.instruction(instruction.id)?.instruction.status).toBe('executing');
    expect(auditOf(cn, movement.commandId)).toMatchObject([{ kind: 'record-event stock.issued', status: 'accepted', signerSubject: null, peerSubject: cn.operator.subject }]);
  });
});
