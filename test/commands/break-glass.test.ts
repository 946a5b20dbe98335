import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directSink } from '../../src/core/sync/direct-sink';
import { SyncManager } from '../../src/core/sync/sync-manager';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { CommandClient } from './support/command-client';
import { auditOf, commandNet, REGION, serverLevel, sign, type CommandNet } from './support/officers';
import { waitFor } from '../sync/support/wait';
import { serverStateHashesAt } from '../sync/support/reference';

/*
 * Break glass: a national commander raises level I alone, at once; the level is flagged and a
 * critical alert stays open until a second, different officer countersigns. A connected duty
 * officer's replica follows every step.
 */
let cn: CommandNet;
let manager: SyncManager | null = null;
const clients: CommandClient[] = [];

beforeAll(async () => {
  cn = await commandNet();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await manager?.stop();
  await cn?.net.close();
});

describe('break glass', () => {
  it('raises level I at once with an alert; the commander cannot countersign it; another officer’s countersignature clears it', async () => {
    const replica = cn.net.replica();
    manager = new SyncManager({ regions: { [REGION]: { urls: [cn.server.url], pins: [] } }, identity: cn.officerB, rootPem: cn.net.rootPem, sink: directSink(replica) });
    manager.start();
    await manager.whenAllLive();
    const link = manager.links.get(REGION)!;
    const commander = await CommandClient.connect(cn, cn.commander);
    const officer = await CommandClient.connect(cn, cn.officerA);
    clients.push(commander, officer);
    const db = cn.server.store.replica.db;

    // Nothing to countersign yet.
    const early = sign(cn, cn.officerA, { expectedLevel: 'normal', body: { kind: 'emergency.countersign' } });
    expect(await officer.send(early)).toMatchObject({ status: 'refused', code: 'not-break-glass' });

    const glass = sign(cn, cn.commander, { expectedLevel: 'normal', body: { kind: 'emergency.break-glass', plan: '国家地震应急预案Ⅰ级', reason: '强震，通信中断' } });
    const raised = await commander.send(glass);
    expect(raised).toMatchObject({ status: 'accepted' });
    expect(serverLevel(cn)).toBe('I');
    expect(db.prepare('SELECT break_glass, activated_by, countersigned_by FROM emergency_levels WHERE region = ?').get(REGION)).toEqual({
      break_glass: 1,
      activated_by: JSON.stringify([cn.commander.subject]),
      countersigned_by: null,
    });
    const alert = () => db.prepare("SELECT severity, seq, cleared_at, cleared_by_seq FROM alerts WHERE region = ? AND kind = 'break-glass'").all(REGION) as Record<string, unknown>[];
    expect(alert()).toEqual([{ severity: 'critical', seq: raised.seq, cleared_at: null, cleared_by_seq: null }]);

    // The commander who broke the glass cannot confirm it alone.
    const own = sign(cn, cn.commander, { expectedLevel: 'I', body: { kind: 'emergency.countersign' } });
    expect(await commander.send(own)).toMatchObject({ status: 'refused', code: 'same-officer' });
    expect(auditOf(cn, own.commandId)).toMatchObject([{ status: 'refused', code: 'same-officer', signerSubject: cn.commander.subject }]);

    const counter = sign(cn, cn.officerA, { expectedLevel: 'I', body: { kind: 'emergency.countersign' } });
    const countersigned = await officer.send(counter);
    expect(countersigned).toMatchObject({ status: 'accepted' });
    expect(db.prepare('SELECT level, break_glass, countersigned_by FROM emergency_levels WHERE region = ?').get(REGION)).toEqual({
      level: 'I',
      break_glass: 0,
      countersigned_by: cn.officerA.subject,
    });
    expect(alert()).toEqual([{ severity: 'critical', seq: raised.seq, cleared_at: expect.any(String), cleared_by_seq: countersigned.seq }]);

    // Once is enough.
    const again = sign(cn, cn.officerB, { expectedLevel: 'I', body: { kind: 'emergency.countersign' } });
    expect(await officer.send(again)).toMatchObject({ status: 'refused', code: 'not-break-glass' });

    await waitFor(() => link.current.cursor === countersigned.seq, 'the countersignature on the officer replica');
    expect(replica.db.prepare('SELECT level, break_glass, countersigned_by FROM emergency_levels WHERE region = ?').get(REGION)).toEqual({
      level: 'I',
      break_glass: 0,
      countersigned_by: cn.officerA.subject,
    });
    expect(regionStateHash(replica.db, REGION)).toBe(cn.server.store.stateHash());
    // The server's log alone, folded into a fresh replica, reproduces the same state.
    const head = cn.server.store.head().seq;
    expect(serverStateHashesAt(db, REGION, [head], cn.net.dir).get(head)).toBe(cn.server.store.stateHash());
  });
});
