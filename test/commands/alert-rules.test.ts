import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAlertRuleSet } from '../../src/core/alerts/default-rules';
import { openRegionalStore } from '../../src/core/regional/regional-store';
import { CommandClient } from './support/command-client';
import { auditOf, commandNet, countEvents, REGION, sign, type CommandNet, type Officer } from './support/officers';

/*
 * Alert rules through the regional server: an analyst publishes the next version of the
 * region's rule set as a signed command; an officer acknowledges one raising of an alert with a
 * comment, assigns it and resolves it. All are audited, sealed into the log, and still there
 * after the server restarts.
 */
let cn: CommandNet;
let analyst: Officer;
const clients: CommandClient[] = [];

beforeAll(async () => {
  cn = await commandNet();
  const p12 = cn.net.issue({ kind: 'client', region: '000000', role: 'ministry-analyst', name: 'analyst-qian' });
  analyst = { ...cn.net.identity(p12), subject: 'CN=analyst-qian,OU=ministry-analyst,O=000000', p12 };
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cn?.net.close();
});

async function connect(officer: Officer) {
  const client = await CommandClient.connect(cn, officer);
  clients.push(client);
  return client;
}

const rules = (version: number) => ({ ...loadAlertRuleSet(), version });

describe('alert rule commands', () => {
  it('an analyst publishes the next rule-set version; a duty officer may not, nor may a version be skipped', async () => {
    const officer = await connect(cn.officerA);
    const byOfficer = sign(cn, cn.officerA, { expectedLevel: null, body: { kind: 'alert-rules.publish', ruleSet: rules(1) } });
    expect(await officer.send(byOfficer)).toMatchObject({ status: 'refused', code: 'role' });

    const client = await connect(analyst);
    const skipped = sign(cn, analyst, { expectedLevel: null, body: { kind: 'alert-rules.publish', ruleSet: rules(2) } });
    expect(await client.send(skipped)).toMatchObject({ status: 'refused', code: 'stale-rule-version', reason: expect.stringContaining('next version is 1') });

    const publish = sign(cn, analyst, { expectedLevel: null, body: { kind: 'alert-rules.publish', ruleSet: rules(1) } });
    const accepted = await client.send(publish);
    expect(accepted).toMatchObject({ status: 'accepted' });
    expect(countEvents(cn, 'alert-rules.published')).toBe(1);
    const db = cn.server.store.replica.db;
    expect(db.prepare('SELECT version, published_by, seq FROM alert_rule_sets WHERE region = ?').all(REGION)).toEqual([
      { version: 1, published_by: analyst.subject, seq: accepted.seq },
    ]);
    expect(auditOf(cn, publish.commandId)).toMatchObject([{ kind: 'alert-rules.publish', status: 'accepted', signerSubject: analyst.subject }]);

    const again = sign(cn, analyst, { expectedLevel: null, body: { kind: 'alert-rules.publish', ruleSet: rules(1) } });
    expect(await client.send(again)).toMatchObject({ status: 'refused', code: 'stale-rule-version' });
  });

  it('an officer assigns a raising to a user and resolves it; both are audited, and a resolved raising takes no further action', async () => {
    const officer = await connect(cn.officerA);
    const alert = { alertId: 'rule:expiring:lot:L1:430100-D001', raisedAt: '2026-01-02T08:00:00.000Z' };
    const assign = sign(cn, cn.officerA, { expectedLevel: null, body: { kind: 'alert.assign', ...alert, assignee: '李强' } });
    const assigned = await officer.send(assign);
    expect(assigned).toMatchObject({ status: 'accepted' });
    expect(auditOf(cn, assign.commandId)).toMatchObject([{ kind: 'alert.assign', status: 'accepted', signerSubject: cn.officerA.subject }]);

    const resolve = sign(cn, cn.officerA, { expectedLevel: null, body: { kind: 'alert.resolve', ...alert, comment: '已轮换出库' } });
    const resolved = await officer.send(resolve);
    expect(resolved).toMatchObject({ status: 'accepted' });
    expect(auditOf(cn, resolve.commandId)).toMatchObject([{ kind: 'alert.resolve', status: 'accepted', signerSubject: cn.officerA.subject, seq: resolved.seq }]);
    const db = cn.server.store.replica.db;
    expect(db.prepare('SELECT assigned_to, assigned_by FROM alert_assignments WHERE alert_id = ?').all(alert.alertId)).toEqual([{ assigned_to: '李强', assigned_by: cn.officerA.subject }]);
    expect(db.prepare('SELECT resolved_by, comment FROM alert_resolutions WHERE alert_id = ?').all(alert.alertId)).toEqual([{ resolved_by: cn.officerA.subject, comment: '已轮换出库' }]);

    const late = sign(cn, cn.officerA, { expectedLevel: null, body: { kind: 'alert.acknowledge', ...alert, comment: '迟到的确认' } });
    expect(await officer.send(late)).toMatchObject({ status: 'refused', code: 'already-resolved', reason: expect.stringContaining(cn.officerA.subject) });
    const byWall = sign(cn, cn.wall, { expectedLevel: null, body: { kind: 'alert.assign', ...alert, assignee: '李强' } });
    expect(await (await connect(cn.wall)).send(byWall)).toMatchObject({ status: 'refused', code: 'role' });
  });

  it('an acknowledgement with a comment is audited, refused twice, and survives a restart', async () => {
    const officer = await connect(cn.officerB);
    const alert = { alertId: 'rule:under-floor:depot:430100-D001:grain', raisedAt: '2026-01-01T08:00:00.000Z' };
    const noComment = { kind: 'alert.acknowledge', ...alert, comment: '   ' };
    expect(await officer.send(sign(cn, cn.officerB, { expectedLevel: null, body: noComment as never }))).toMatchObject({ status: 'refused', code: 'malformed' });

    const ack = sign(cn, cn.officerB, { expectedLevel: null, body: { kind: 'alert.acknowledge', ...alert, comment: '调拨车辆已出发' } });
    const accepted = await officer.send(ack);
    expect(accepted).toMatchObject({ status: 'accepted' });
    expect(auditOf(cn, ack.commandId)).toMatchObject([{ kind: 'alert.acknowledge', status: 'accepted', signerSubject: cn.officerB.subject, seq: accepted.seq }]);
    const twice = sign(cn, cn.officerA, { expectedLevel: null, body: { kind: 'alert.acknowledge', ...alert, comment: '重复确认' } });
    expect(await (await connect(cn.officerA)).send(twice)).toMatchObject({ status: 'refused', code: 'already-acknowledged', reason: expect.stringContaining(cn.officerB.subject) });

    await cn.server.close();
    const store = openRegionalStore(cn.dataDir, REGION);
    try {
      const db = store.replica.db;
      expect(db.prepare('SELECT alert_id, raised_at, acknowledged_by, comment, seq FROM alert_acks WHERE region = ?').all(REGION)).toEqual([
        { alert_id: alert.alertId, raised_at: alert.raisedAt, acknowledged_by: cn.officerB.subject, comment: '调拨车辆已出发', seq: accepted.seq },
      ]);
      const payload = db.prepare<[string, number], string>('SELECT payload FROM events WHERE region = ? AND seq = ?').pluck().get(REGION, accepted.seq!)!;
      expect(JSON.parse(payload)).toMatchObject({ comment: '调拨车辆已出发', envelope: { commandId: ack.commandId } });
    } finally {
      store.close();
    }
  });

});
