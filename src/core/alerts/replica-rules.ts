import { AlertRuleEngine, type RuleAlert } from '../../shared/domain/alert-rule-engine';
import { parseAlertRuleSet, type AlertRuleSet } from '../../shared/domain/alert-rules';
import type { Db } from '../replica/open';
import { loadAlertRuleSet } from './default-rules';
import { ruleObservations } from './rule-observations';

/** The latest rule set published on a region's log, or null before the first. */
export function publishedRuleSet(db: Db, region: string): AlertRuleSet | null {
  const rules = db
    .prepare<[string], string>('SELECT rules FROM alert_rule_sets WHERE region = ? ORDER BY version DESC LIMIT 1')
    .pluck()
    .get(region);
  return rules === undefined ? null : parseAlertRuleSet(JSON.parse(rules));
}

/**
 * The rule alerts of a region on a replica: the rule set its log carries (the shipped default
 * before any is published) over every depot of the region, as of `today`, with the
 * acknowledgements the log records applied to the raisings they name.
 */
export function replicaRuleAlerts(db: Db, region: string, today: string): RuleAlert[] {
  const now = `${today}T00:00:00.000Z`;
  const engine = new AlertRuleEngine();
  engine.setRuleSet(publishedRuleSet(db, region) ?? loadAlertRuleSet(), now);
  const depots = db.prepare<[string], string>('SELECT code FROM depots WHERE region = ?').pluck().all(region);
  engine.observe(ruleObservations(db, depots, today), now);
  const acks = db.prepare<[string], { alert_id: string; raised_at: string; acknowledged_by: string; acknowledged_at: string; comment: string }>(
    'SELECT alert_id, raised_at, acknowledged_by, acknowledged_at, comment FROM alert_acks WHERE region = ? ORDER BY seq',
  );
  const open = new Map(engine.openAlerts().map((a) => [a.id, a]));
  for (const ack of acks.all(region)) {
    if (open.get(ack.alert_id)?.raisedAt === ack.raised_at) engine.acknowledge(ack.alert_id, ack.acknowledged_by, ack.comment, ack.acknowledged_at);
  }
  return engine.openAlerts();
}
