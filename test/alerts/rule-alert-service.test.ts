import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuleAlertService, ruleAlertFollower } from '../../src/core/alerts/rule-alert-service';
import type { ChainHead } from '../../src/core/chain/seal';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { createSyncOps } from '../../src/core/sync/sync-ops';
import type { LinkIdentity } from '../../src/core/sync/region-link';
import { parseAlertRuleSet, type AlertRuleSet } from '../../src/shared/domain/alert-rules';
import type { EventDraft, SealedEvent } from '../../src/shared/domain/events';
import type { CommandBody } from '../../src/shared/protocol/command-envelope';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
import { TestNetwork } from '../sync/network';

/*
 * Rule alerts on a workstation's replica, evaluated on every batch sync applies (the follower the
 * replica worker installs): a real encrypted replica in a temp dir, the small Hunan log, officers'
 * actions as events signed with certificates of the project's PKI, and a fake clock for escalation.
 */
const net = new TestNetwork();
let dir: string;
let officer: LinkIdentity & { subject: string };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-rule-alerts-'));
  officer = { ...net.identity(net.issue({ kind: 'client', region: REGION, role: 'duty-officer', name: 'officer-wang' })), subject: 'CN=officer-wang,OU=duty-officer,O=430000' };
});

afterAll(async () => {
  await net.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A floor rule without a critical band that escalates after 30 minutes unacknowledged. */
const rules: AlertRuleSet = parseAlertRuleSet({
  format: 'inrs-alert-rules',
  version: 1,
  rules: [{ id: 'under-floor', kind: 'under-floor', measure: 'stock-floor-ratio', severity: 'warning', raiseAt: 1, clearAt: 1, escalation: { afterMinutes: 30, to: 'critical' } }],
});

const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

function workstation(file: string, key: Buffer, clock: { now: Date }, create: boolean) {
  const replica = openReplica(file, key, { create });
  const service = createRuleAlertService(replica.db, { clock: () => clock.now, defaultRules: () => rules });
  const sync = createSyncOps(replica, ruleAlertFollower(service));
  return { replica, service, sync };
}

/** Seals drafts after the region's head, as the regional server does. */
function sealAfter(replica: Replica, drafts: EventDraft[]): SealedEvent[] {
  const head: ChainHead = replica.projector.headOf(REGION);
  return sealAll(drafts, head);
}

function officerAction(body: Extract<CommandBody, { kind: 'alert.acknowledge' | 'alert.assign' | 'alert.resolve' }>, eventTime: string): EventDraft {
  const envelope = signEnvelope({ region: REGION, now: Date.now(), expectedLevel: null, body }, officer);
  const type = ({ 'alert.acknowledge': 'alert.acknowledged', 'alert.assign': 'alert.assigned', 'alert.resolve': 'alert.resolved' } as const)[body.kind];
  const { kind: _kind, ...payload } = body;
  return { region: REGION, type, eventTime, actor: { subject: officer.subject, role: 'duty-officer' }, instructionId: null, payload: { ...payload, envelope } } as EventDraft;
}

describe('rule alerts on a replica, batch by batch', () => {
  it('raises on the batch that takes a depot under its floor, timed by that event, and escalates by the clock', () => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const file = join(dir, 'escalation.db');
    const key = newReplicaKey();
    const ws = workstation(file, key, clock, true);
    const log = sealAll(smallDrafts());
    // The registrations: two depots with a floor and no stock, raised at the registration's log time.
    ws.sync.apply(REGION, log.slice(0, 4));
    const changsha = ws.service.list().find((a) => a.depot === '430100-D001')!;
    expect(ws.service.list().map((a) => a.id).sort()).toEqual(['rule:under-floor:depot:430100-D001:grain', 'rule:under-floor:depot:430200-D001:grain']);
    expect(changsha).toMatchObject({ raisedAt: log[3]!.eventTime, severity: 'warning', escalatedFrom: null, acknowledged: null, value: 0 });

    // Nobody acknowledges: 29 minutes after the raising nothing moves, at 30 it is critical.
    clock.now = minutesAfter(changsha.raisedAt, 29);
    expect(ws.service.list().every((a) => a.escalatedFrom === null)).toBe(true);
    clock.now = minutesAfter(changsha.raisedAt, 30);
    expect(ws.service.list().find((a) => a.id === changsha.id)).toMatchObject({ severity: 'critical', escalatedFrom: 'warning' });

    // The intake and the movements (Changsha 500 t against a floor of 15000 t) move its value, not its raising.
    ws.sync.apply(REGION, log.slice(4));
    const later = ws.service.list().find((a) => a.id === changsha.id)!;
    expect(later).toMatchObject({ raisedAt: changsha.raisedAt, severity: 'critical', escalatedFrom: 'warning' });
    expect(later.value).toBeCloseTo(500 / 15000);
    ws.replica.close();
  });

  it('an acknowledgement with a comment silences the raising it names, survives a restart, and the alert comes back only after it clears', () => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const file = join(dir, 'ack.db');
    const key = newReplicaKey();
    let ws = workstation(file, key, clock, true);
    ws.sync.apply(REGION, sealAll(smallDrafts()));
    const target = ws.service.list().find((a) => a.depot === '430200-D001')!;
    expect(target).toBeDefined();

    // Acknowledged 10 minutes after the raising: before its 30-minute escalation.
    const at = minutesAfter(target.raisedAt, 10).toISOString();
    ws.sync.apply(REGION, sealAfter(ws.replica, [
      officerAction({ kind: 'alert.acknowledge', alertId: target.id, raisedAt: target.raisedAt, comment: '株洲库补库车辆已出发' }, at),
      officerAction({ kind: 'alert.assign', alertId: target.id, raisedAt: target.raisedAt, assignee: '李强' }, at),
    ]));
    const acked = { by: officer.subject, at, comment: '株洲库补库车辆已出发' };
    expect(ws.service.list().find((a) => a.id === target.id)).toMatchObject({ acknowledged: acked, assigned: { to: '李强', by: officer.subject } });

    // Restart: a new process opens the file; the raising keeps its time and its acknowledgement,
    // and an acknowledged alert does not escalate however late it is.
    ws.replica.close();
    clock.now = minutesAfter(target.raisedAt, 24 * 60);
    ws = workstation(file, key, clock, false);
    const reopened = ws.service.list().find((a) => a.id === target.id);
    expect(reopened).toMatchObject({ raisedAt: target.raisedAt, acknowledged: acked, severity: 'warning', escalatedFrom: null });

    // Still under the floor: a further issue keeps it silent, not raised again.
    const t = (d: number) => `2026-01-${String(d).padStart(2, '0')}T09:00:00.000Z`;
    const intake = (d: number, quantity: number, lotId: string): EventDraft => ({
      region: REGION, type: 'lot.intake', eventTime: t(d), actor: { subject: 'CN=李强,OU=430200-D001', role: 'depot-operator' }, instructionId: 'I-430000-0001',
      payload: { lotId, depot: '430200-D001', category: 'GR-RICE', quantity, productionDate: '2025-12-01', expiryDate: '2028-12-01', grade: 'A', origin: '湖南' },
    });
    ws.sync.apply(REGION, sealAfter(ws.replica, [intake(11, 100, 'L430000-000002')]));
    expect(ws.service.list().find((a) => a.id === target.id)).toMatchObject({ raisedAt: target.raisedAt, acknowledged: acked });
    // Restocked above the floor (9000 t): cleared. Down again: a new raising, not acknowledged.
    ws.sync.apply(REGION, sealAfter(ws.replica, [intake(12, 9000, 'L430000-000003')]));
    expect(ws.service.list().find((a) => a.id === target.id)).toBeUndefined();
    ws.sync.apply(REGION, sealAfter(ws.replica, [
      { region: REGION, type: 'stock.issued', eventTime: t(13), actor: { subject: 'CN=李强,OU=430200-D001', role: 'depot-operator' }, instructionId: 'I-430000-0001', payload: { lotId: 'L430000-000003', depot: '430200-D001', quantity: 5000, recipient: '株洲市应急管理局' } },
    ]));
    expect(ws.service.list().find((a) => a.id === target.id)).toMatchObject({ raisedAt: t(13), acknowledged: null, assigned: null });
    ws.replica.close();
  });

  it('a resolved raising leaves the list until its measure clears; an action naming another raising changes nothing', () => {
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const ws = workstation(join(dir, 'resolve.db'), newReplicaKey(), clock, true);
    ws.sync.apply(REGION, sealAll(smallDrafts()));
    const [first, second] = ws.service.list();
    ws.sync.apply(REGION, sealAfter(ws.replica, [
      officerAction({ kind: 'alert.resolve', alertId: first!.id, raisedAt: first!.raisedAt, comment: '已列入下月采购计划' }, '2026-01-10T08:00:00.000Z'),
      officerAction({ kind: 'alert.acknowledge', alertId: second!.id, raisedAt: '2025-01-01T00:00:00.000Z', comment: '另一次' }, '2026-01-10T08:00:00.000Z'),
    ]));
    expect(ws.service.list().map((a) => a.id)).toEqual([second!.id]);
    expect(ws.service.list()[0]!.acknowledged).toBeNull();
    ws.replica.close();
  });
});
