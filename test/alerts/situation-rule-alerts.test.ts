import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuleAlertService, type RuleAlertService } from '../../src/core/alerts/rule-alert-service';
import { createKeyFile } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { createSituationQueries } from '../../src/core/replica/situation';
import { createReplayQueries } from '../../src/core/replay/replay-queries';
import { seedInto } from '../../src/core/seed/seed-replica';
import { situationFilterSchema, type SituationFilter } from '../../src/shared/contract/situation-schemas';
import { ruleAlertInScope } from '../../src/shared/domain/rule-alert-filter';
import { assessRisk } from '../../src/shared/domain/risk-index';
import { TINY } from '../seed/fixtures';

/*
 * Where rules are in force the situation picture counts their alerts: the map's alert points, the
 * provinces' open-alert counts and risk index, and the KPI strip's open alerts. A real encrypted
 * replica seeded with every province's log, the shipped rule set, a clock for escalation.
 */
let dir: string;
let replica: Replica;
let service: RuleAlertService;
// Before any raising: nothing has escalated yet.
const clock = { now: new Date('2020-01-01T00:00:00Z') };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-situation-rules-'));
  replica = openReplica(join(dir, 'replica.db'), createKeyFile(join(dir, 'replica.key')), { create: true });
  seedInto(replica, TINY);
  service = createRuleAlertService(replica.db, { clock: () => clock.now });
}, 120_000);
afterAll(() => {
  replica?.close();
  rmSync(dir, { recursive: true, force: true });
});

const filter = (f: Partial<SituationFilter> = {}) => situationFilterSchema.parse(f);

describe('the situation picture with rules in force', () => {
  it('shows the rule alerts in place of the checks they cover, and counts them in every province, the risk index and the KPIs', () => {
    const withRules = createSituationQueries(replica.db, { ruleAlerts: () => ({ alerts: service.list(), coveredKinds: service.coveredKinds() }) });
    const builtIn = createSituationQueries(replica.db).snapshot(filter());
    const covered = new Set(service.coveredKinds());
    expect([...covered].sort()).toEqual(['expired', 'expiring', 'under-floor']);
    const rules = service.list();
    expect(rules.length).toBeGreaterThan(0);

    const s = withRules.snapshot(filter());
    const others = builtIn.alerts.filter((a) => !covered.has(a.kind));
    expect(s.alerts.filter((a) => a.rule === undefined).map((a) => a.id).sort()).toEqual(others.map((a) => a.id).sort());
    expect(s.alerts.filter((a) => a.rule !== undefined).map((a) => a.id).sort()).toEqual(rules.map((a) => a.id).sort());
    // A rule alert on a depot is drawn at the depot.
    const onDepot = s.alerts.find((a) => a.rule !== undefined && a.depot);
    const depot = s.depots.find((d) => d.code === onDepot?.depot);
    if (depot) expect([onDepot?.lon, onDepot?.lat]).toEqual([depot.lon, depot.lat]);

    for (const p of s.provinces) {
      const count = s.alerts.filter((a) => a.region === p.adcode).length;
      expect(p.openAlerts, p.adcode).toBe(count);
      const risk = assessRisk({ coverRatios: p.classes?.map((c) => c.coverRatio) ?? [], expiring90Share: p.expiring90Share, openAlerts: count, depots: p.depots, emergencyLevel: p.emergencyLevel });
      expect(p.riskIndex, p.adcode).toBe(risk.index);
    }
    expect(withRules.kpis(filter()).openAlerts).toBe(s.alerts.length);
    expect(s.alerts.length).toBe(others.length + rules.length);
  });

  it('follows the filter as the rule list does', () => {
    const withRules = createSituationQueries(replica.db, { ruleAlerts: () => ({ alerts: service.list(), coveredKinds: service.coveredKinds() }) });
    const f = filter({ classes: ['grain'], regions: ['430000'] });
    const builtIn = createSituationQueries(replica.db).snapshot(f);
    const covered = new Set(service.coveredKinds());
    const rules = service.list().filter(ruleAlertInScope(f));
    expect(withRules.kpis(f).openAlerts).toBe(builtIn.alerts.filter((a) => !covered.has(a.kind)).length + rules.length);
  });

  it('shows an escalation the clock makes, and a past moment replays without the rules', () => {
    const withRules = createSituationQueries(replica.db, { ruleAlerts: () => ({ alerts: service.list(), coveredKinds: service.coveredKinds() }) });
    const warning = withRules.snapshot(filter()).alerts.find((a) => a.rule === 'under-floor' && a.severity === 'warning');
    expect(warning).toBeDefined();
    // The shipped under-floor rule escalates after 240 minutes unacknowledged.
    clock.now = new Date(Date.parse(warning?.raisedAt ?? '') + 241 * 60_000);
    expect(withRules.snapshot(filter()).alerts.find((a) => a.id === warning?.id)?.severity).toBe('critical');
    const replay = createReplayQueries(replica.db);
    for (let i = 0; i < 1000 && !replay.build(50_000).complete; i++);
    const range = replay.range();
    const at = range.to ?? '';
    expect(replay.snapshot(at, filter()).alerts.every((a) => a.rule === undefined)).toBe(true);
  });
});
