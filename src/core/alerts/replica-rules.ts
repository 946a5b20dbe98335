import { parseAlertRuleSet, type AlertRuleSet } from '../../shared/domain/alert-rules';
import type { Db } from '../replica/open';

/** The latest rule set published on a region's log, or null before the first. */
export function publishedRuleSet(db: Db, region: string): AlertRuleSet | null {
  const rules = db
    .prepare<[string], string>('SELECT rules FROM alert_rule_sets WHERE region = ? ORDER BY version DESC LIMIT 1')
    .pluck()
    .get(region);
  return rules === undefined ? null : parseAlertRuleSet(JSON.parse(rules));
}
