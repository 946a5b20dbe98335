import { afterAll, describe, expect, it } from 'vitest';
import { loadAlertRuleSet } from '../../src/core/alerts/default-rules';
import { createRuleAlertService, ruleAlertFollower, type RuleAlertService } from '../../src/core/alerts/rule-alert-service';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import type { Replica } from '../../src/core/replica/replica';
import { directSink } from '../../src/core/sync/direct-sink';
import { SyncManager } from '../../src/core/sync/sync-manager';
import { CommandClient } from '../commands/support/command-client';
import { TestNetwork } from './network';

/*
 * A rule-set change reaches two workstations through a real regional server (mutual TLS on
 * 127.0.0.1, certificates from the project's PKI): an analyst publishes a stricter floor rule,
 * both replicas follow the log (each evaluating its rules on every applied batch, as the replica
 * worker does), and both raise the same alerts, more than the shipped default raises; an
 * officer's acknowledgement with a comment shows on both.
 */
const REGION = '430000';
const net = new TestNetwork();
const managers: SyncManager[] = [];
const clients: CommandClient[] = [];

afterAll(async () => {
  for (const c of clients) c.close();
  for (const m of managers) await m.stop();
  await net.close();
});

function waitFor(predicate: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 20);
    };
    check();
  });
}

function person(name: string, role: string, region: string) {
  return { ...net.identity(net.issue({ kind: 'client', region, role, name })), subject: `CN=${name},OU=${role},O=${region}`, p12: '' };
}

describe('alert rules across workstations', () => {
  it('a published rule set and an acknowledgement reach two workstations, which raise the same alerts', async () => {
    const analyst = person('analyst-qian', 'ministry-analyst', '000000');
    const officer = person('officer-wang', 'duty-officer', REGION);
    const walls = [net.clientIdentity('wall', REGION), net.clientIdentity('wall', REGION)];
    // Every certificate is issued before the server starts, so its CRLs cover their intermediates.
    const server = await net.server(REGION, net.seededStore(REGION));
    const workstation = async (): Promise<{ db: Replica['db']; rules: RuleAlertService }> => {
      const replica = net.replica();
      const rules = createRuleAlertService(replica.db);
      const sink = directSink(replica, ruleAlertFollower(rules));
      const manager = new SyncManager({ regions: { [REGION]: { urls: [server.url], pins: [] } }, identity: walls[managers.length]!, rootPem: net.rootPem, sink });
      managers.push(manager);
      manager.start();
      await manager.whenAllLive();
      return { db: replica.db, rules };
    };
    const [a, b] = [await workstation(), await workstation()];
    const before = a.rules.list();

    const shipped = loadAlertRuleSet();
    const stricter = { ...shipped, version: 1, rules: shipped.rules.map((r) => (r.id === 'under-floor' ? { ...r, raiseAt: 3, clearAt: 3, criticalAt: 1 } : r)) };
    const cn = { server, net };
    const client = await CommandClient.connect(cn as never, analyst as never);
    clients.push(client);
    const publish = signEnvelope({ region: REGION, now: Date.now(), expectedLevel: null, body: { kind: 'alert-rules.publish', ruleSet: stricter } }, analyst);
    const published = await client.send(publish);
    expect(published).toMatchObject({ status: 'accepted' });
    const has = (r: { db: Replica['db'] }, seq: number) => (r.db.prepare<[string], number>('SELECT max(seq) FROM events WHERE region = ?').pluck().get(REGION) ?? 0) >= seq;
    await waitFor(() => has(a, published.seq!) && has(b, published.seq!), 'the rule set on both workstations');

    const onA = a.rules.list();
    expect(onA.length).toBeGreaterThan(0);
    // The same raisings (rule, subject, log time and value); escalation is each screen's own clock.
    const named = (list: typeof onA) => list.map((x) => ({ id: x.id, raisedAt: x.raisedAt, value: x.value, acknowledged: x.acknowledged })).sort((p, q) => p.id.localeCompare(q.id));
    expect(named(onA)).toEqual(named(b.rules.list()));
    expect(onA.filter((x) => x.kind === 'under-floor').length).toBeGreaterThan(before.filter((x) => x.kind === 'under-floor').length);

    const target = onA.find((x) => x.kind === 'under-floor')!;
    const officerClient = await CommandClient.connect(cn as never, officer as never);
    clients.push(officerClient);
    const ack = signEnvelope(
      { region: REGION, now: Date.now(), expectedLevel: null, body: { kind: 'alert.acknowledge', alertId: target.id, raisedAt: target.raisedAt, comment: '已安排补库' } },
      officer,
    );
    const acked = await officerClient.send(ack);
    expect(acked).toMatchObject({ status: 'accepted' });
    await waitFor(() => has(a, acked.seq!) && has(b, acked.seq!), 'the acknowledgement on both workstations');
    for (const r of [a, b]) {
      expect(r.rules.list().find((x) => x.id === target.id)?.acknowledged).toMatchObject({ by: officer.subject, comment: '已安排补库' });
    }
  });
});
