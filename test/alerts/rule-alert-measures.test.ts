import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRuleAlertService, ruleAlertFollower } from '../../src/core/alerts/rule-alert-service';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { createSyncOps } from '../../src/core/sync/sync-ops';
import { parseAlertRuleSet } from '../../src/shared/domain/alert-rules';
import type { EventDraft, SealedEvent } from '../../src/shared/domain/events';
import { provincePopulation } from '../../src/shared/domain/population';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
import { useTempDir } from '../helpers/temp-dir';

/*
 * A rule on each measure observed beside the depots' (days supported, plan completion, stale data,
 * chain problems, consumption anomaly) raises and clears through the service sync's follower
 * calls, batch by batch, on a real encrypted replica holding the small Hunan log. Where the measure
 * is continuous the value is also held between the raise and clear values, where the alert keeps
 * its state (hysteresis).
 */
const tempDir = useTempDir();
const operator = { subject: 'CN=李强,OU=430100-D001', role: 'depot-operator' } as const;
const at = (day: number, hour = 9, minute = 0) => new Date(Date.UTC(2026, 0, 1 + day, hour, minute)).toISOString();

/** The small log, Changsha's depot planning 2000 t of rice (plan completion needs a plan). */
function plannedDrafts(): EventDraft[] {
  return smallDrafts().map((d) =>
    d.type === 'depot.registered' && (d.payload as { code: string }).code === '430100-D001' ? ({ ...d, payload: { ...d.payload, planned: { 'GR-RICE': 2000 } } } as EventDraft) : d,
  );
}

function workstation(rules: unknown[]) {
  const replica = openReplica(join(tempDir(), `${Math.random().toString(36).slice(2)}.db`), newReplicaKey(), { create: true });
  const set = parseAlertRuleSet({ format: 'inrs-alert-rules', version: 1, rules });
  const service = createRuleAlertService(replica.db, { clock: () => new Date('2026-03-01T00:00:00Z'), defaultRules: () => set });
  const follower = ruleAlertFollower(service);
  const sync = createSyncOps(replica, follower);
  const apply = (region: string, drafts: EventDraft[]) => {
    const sealed: SealedEvent[] = sealAll(drafts, replica.projector.headOf(region));
    expect(sync.apply(region, sealed)).toBe(sealed.at(-1)?.seq);
  };
  const open = (ruleId: string) => service.list().filter((a) => a.ruleId === ruleId);
  return { replica, service, follower, apply, open };
}

const intake = (day: number, quantity: number, lotId: string, hour = 9): EventDraft => ({
  region: REGION, type: 'lot.intake', eventTime: at(day, hour), actor: operator, instructionId: 'I-430000-0001',
  payload: { lotId, depot: '430100-D001', category: 'GR-RICE', quantity, productionDate: '2025-12-01', expiryDate: '2028-12-01', grade: 'A', origin: '湖南' },
});
const issue = (day: number, quantity: number, lotId = 'L430000-000001', hour = 9): EventDraft => ({
  region: REGION, type: 'stock.issued', eventTime: at(day, hour), actor: operator, instructionId: 'I-430000-0001',
  payload: { lotId, depot: '430100-D001', quantity, recipient: '长沙市应急管理局' },
});

describe('rule alerts on the region-wide measures, through the service', () => {
  it('days supported and plan completion raise under their raise value, hold between, clear past the clear value', () => {
    // After the small log Hunan holds 800 t of rice (500 t Changsha, 300 t Zhuzhou); Changsha plans 2000 t.
    const days = (tonnes: number) => tonnes / 0.0005 / provincePopulation(REGION);
    const ws = workstation([
      { id: 'days', kind: 'supported-days', measure: 'supported-days', severity: 'warning', raiseAt: days(700), clearAt: days(800), scope: { categories: ['GR-RICE'] } },
      { id: 'plan', kind: 'plan-completion', measure: 'plan-completion', severity: 'info', raiseAt: 0.35, clearAt: 0.4 },
    ]);
    ws.apply(REGION, plannedDrafts());
    expect(ws.service.list()).toEqual([]);
    // Changsha's share of the plan is the depots' with a plan and a grain capacity: all of Hunan's rice.
    ws.apply(REGION, [issue(10, 200)]);
    expect(ws.open('days')).toMatchObject([{ subject: 'region:430000:GR-RICE', raisedAt: at(10), category: 'GR-RICE', class: 'grain' }]);
    expect(ws.open('days')[0]?.value).toBeCloseTo(days(600), 12);
    expect(ws.open('plan')).toMatchObject([{ raisedAt: at(10) }]);
    expect(ws.open('plan')[0]?.value).toBeCloseTo(600 / 2000, 12);
    // 750 t: between raise and clear, both stay raised (same raising).
    ws.apply(REGION, [intake(11, 150, 'L430000-000002')]);
    expect(ws.open('days')).toMatchObject([{ raisedAt: at(10) }]);
    expect(ws.open('plan')).toMatchObject([{ raisedAt: at(10) }]);
    expect(ws.open('plan')[0]?.value).toBeCloseTo(750 / 2000, 12);
    // 850 t: past the clear values, both clear.
    ws.apply(REGION, [intake(12, 100, 'L430000-000003')]);
    expect(ws.service.list()).toEqual([]);
    ws.replica.close();
  });

  it('stale minutes: a region falls behind as another moves on, holds between, clears once its own data catches up', () => {
    const ws = workstation([{ id: 'stale', kind: 'stale', measure: 'stale-minutes', severity: 'warning', raiseAt: 60, clearAt: 30 }]);
    ws.apply(REGION, smallDrafts());
    const hunanAsOf = at(7, 0);
    expect(smallDrafts().at(-1)?.eventTime).toBe(hunanAsOf);
    expect(ws.service.list()).toEqual([]);
    // Hubei's log starts two hours after Hunan's last event: Hunan is 120 minutes behind the replica.
    const hubei = (minute: number): EventDraft => ({
      region: '420000', type: 'region.declared', eventTime: at(7, 0, minute), actor: { subject: 'CN=张伟,OU=420000', role: 'duty-officer' }, instructionId: null,
      payload: { adcode: '420000', nameZh: '湖北省', nameEn: 'Hubei', level: 'province' },
    });
    ws.apply('420000', [hubei(120)]);
    expect(ws.open('stale')).toMatchObject([{ subject: 'feed:430000', region: '430000', value: 120, raisedAt: at(7, 2) }]);
    // Hunan moves to 75 minutes behind (45 minutes): between clear and raise, still raised.
    ws.apply(REGION, [issue(7, 1, 'L430000-000001', 1)].map((d) => ({ ...d, eventTime: at(7, 1, 15) })));
    expect(ws.open('stale')).toMatchObject([{ value: 45, raisedAt: at(7, 2) }]);
    // 15 minutes behind: cleared.
    ws.apply(REGION, [{ ...issue(7, 1), eventTime: at(7, 1, 45) }]);
    expect(ws.open('stale')).toEqual([]);
    ws.replica.close();
  });

  it('chain problems: a checkpoint the log contradicts raises; the region walked afresh after its log is replaced clears', () => {
    const ws = workstation([{ id: 'chain', kind: 'chain', measure: 'chain-problems', severity: 'critical', raiseAt: 0, clearAt: 0 }]);
    ws.apply(REGION, smallDrafts());
    expect(ws.service.list()).toEqual([]);
    // A checkpoint at seq 3 signing another hash than the log holds there.
    ws.replica.db
      .prepare('INSERT INTO checkpoints (region, seq, hash, time, signature, signer_cert) VALUES (?, 3, ?, ?, ?, ?)')
      .run(REGION, 'f'.repeat(64), at(3), 'sig', 'cert');
    ws.apply(REGION, [issue(8, 10)]);
    expect(ws.open('chain')).toMatchObject([{ subject: 'feed:430000', value: 1, severity: 'critical', raisedAt: at(8) }]);
    // Sync replaces the region (a snapshot): the contradicting checkpoint is gone, the walk starts afresh.
    ws.replica.db.prepare('DELETE FROM checkpoints WHERE region = ? AND seq = 3').run(REGION);
    ws.follower.replaced(REGION);
    expect(ws.open('chain')).toEqual([]);
    ws.replica.close();
  });

  it('consumption anomaly: a new level of daily issues raises with its evidence, and clears once the change has aged out', () => {
    const ws = workstation([{ id: 'anomaly', kind: 'anomaly', measure: 'consumption-anomaly', severity: 'warning', raiseAt: 3.5, clearAt: 3 }]);
    ws.apply(REGION, [...smallDrafts(), intake(8, 6000, 'L430000-000009')]);
    // Three weeks of about 10 t a day, then ten days of about 100 t a day.
    const daily = (first: number, n: number, level: number) => Array.from({ length: n }, (_, i) => issue(first + i, level + ((i * 7) % 5) - 2, 'L430000-000009', 10));
    ws.apply(REGION, daily(9, 21, 10));
    expect(ws.open('anomaly')).toEqual([]);
    ws.apply(REGION, daily(30, 10, 100));
    const [raised] = ws.open('anomaly');
    expect(raised).toMatchObject({ subject: 'consumption:430000:GR-RICE', category: 'GR-RICE', evidence: { kind: 'changepoint' } });
    expect(raised?.value).toBeGreaterThan(3.5);
    // The change began on day 30; the level after it is about 100 t a day, before it about 10.
    expect(raised?.evidence?.day).toBe(at(30).slice(0, 10));
    expect(raised?.evidence?.value).toBeGreaterThan(90);
    expect(raised?.evidence?.expectedHigh).toBeLessThan(20);
    // Three weeks on at the new level, the change is history: cleared.
    ws.apply(REGION, daily(40, 21, 100));
    expect(ws.open('anomaly')).toEqual([]);
    ws.replica.close();
  });
});
