import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAlertRuleSet } from '../../src/core/alerts/default-rules';
import { ruleObservations } from '../../src/core/alerts/rule-observations';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { createSituationQueries } from '../../src/core/replica/situation';
import { situationFilterSchema } from '../../src/shared/contract/situation-schemas';
import { AlertRuleEngine } from '../../src/shared/domain/alert-rule-engine';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
import { useTempDir } from '../helpers/temp-dir';

/*
 * The shipped rule set on a real encrypted replica raises what the situation picture raises:
 * the same depots and classes under the floor with the same severity, the same expired lots,
 * and every expiring lot (the rule set also keeps `expiring` on an expired lot).
 */
const tempDir = useTempDir();

describe('the default rule set on a replica', () => {
  it('raises the under-floor, expiring and expired alerts of the situation picture', () => {
    const replica = openReplica(join(tempDir(), 'r.db'), newReplicaKey(), { create: true });
    try {
      replica.projector.applyBatch(REGION, sealAll(smallDrafts()));
      const situation = createSituationQueries(replica.db).snapshot(situationFilterSchema.parse({}));
      const today = (situation.asOf ?? '').slice(0, 10);
      expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const engine = new AlertRuleEngine();
      engine.setRuleSet(loadAlertRuleSet(), `${today}T00:00:00.000Z`);
      engine.observe(ruleObservations(replica.db, null, today), `${today}T00:00:00.000Z`);
      const raised = engine.openAlerts();

      const underFloor = (list: { kind: string; depot: string | null; class: string | null; severity: string }[]) =>
        list.filter((a) => a.kind === 'under-floor').map((a) => `${a.depot}|${a.class}|${a.severity}`).sort();
      const lotsOf = (list: { kind: string; id: string }[], kind: string, subject: (id: string) => string) =>
        list.filter((a) => a.kind === kind).map((a) => subject(a.id)).sort();
      const fromSituation = (id: string) => id.split(':').slice(1).join(':');
      const fromRules = (id: string) => id.split(':').slice(3).join(':');

      expect(underFloor(raised)).toEqual(underFloor(situation.alerts));
      expect(lotsOf(raised, 'expired', fromRules)).toEqual(lotsOf(situation.alerts, 'expired', fromSituation));
      const expiringOrExpired = [...lotsOf(situation.alerts, 'expiring', fromSituation), ...lotsOf(situation.alerts, 'expired', fromSituation)].sort();
      expect(lotsOf(raised, 'expiring', fromRules)).toEqual(expiringOrExpired);
      expect(raised.length).toBeGreaterThan(0);

      // Incremental: observing one depot again changes nothing.
      const depot = raised.find((a) => a.depot)?.depot ?? '';
      expect(engine.observe(ruleObservations(replica.db, [depot], today), `${today}T00:01:00.000Z`)).toEqual([]);
    } finally {
      replica.close();
    }
  });
});
