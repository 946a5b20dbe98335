import type { Db } from '../replica/open';

/** Statements of published alert rule sets and alert acknowledgements; values always bound. */
export function prepareAlertRuleStatements(db: Db) {
  return {
    latestRuleVersion: db
      .prepare<[string], number | null>('SELECT max(version) FROM alert_rule_sets WHERE region = ?')
      .pluck(),
    insertRuleSet: db.prepare<[string, number, string, string, string, number]>(
      'INSERT INTO alert_rule_sets (region, version, rules, published_by, published_at, seq) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    alertAck: db.prepare<[string, string, string], { acknowledged_by: string }>(
      'SELECT acknowledged_by FROM alert_acks WHERE region = ? AND alert_id = ? AND raised_at = ?',
    ),
    insertAlertAck: db.prepare<[string, string, string, string, string, string, number]>(
      'INSERT INTO alert_acks (region, alert_id, raised_at, acknowledged_by, acknowledged_at, comment, seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertAlertAssignment: db.prepare<[string, string, string, string, string, string, number]>(
      'INSERT INTO alert_assignments (region, alert_id, raised_at, assigned_to, assigned_by, assigned_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    alertResolution: db.prepare<[string, string, string], { resolved_by: string }>(
      'SELECT resolved_by FROM alert_resolutions WHERE region = ? AND alert_id = ? AND raised_at = ?',
    ),
    insertAlertResolution: db.prepare<[string, string, string, string, string, string, number]>(
      'INSERT INTO alert_resolutions (region, alert_id, raised_at, resolved_by, resolved_at, comment, seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
  };
}
