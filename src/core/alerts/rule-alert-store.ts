import type { RuleAlert, RuleChange, RuleEngineState } from '../../shared/domain/alert-rule-engine';
import type { Db } from '../replica/open';

export interface RaisingAction {
  kind: 'acknowledged' | 'assigned' | 'resolved';
  alertId: string;
  raisedAt: string;
  by: string;
  at: string;
  /** The comment (acknowledged, resolved) or the assignee (assigned). */
  text: string;
  seq: number;
}

/**
 * The evaluator state a workstation keeps beside its replica (open raisings, conditions waiting
 * out a minimum duration) and the officers' actions on raisings the log records.
 */
export function createRuleAlertStore(db: Db) {
  const open = db.prepare<[string], string>('SELECT alert FROM rule_alerts_open WHERE region = ?').pluck();
  const pending = db.prepare<[string], { id: string; since: string }>('SELECT id, since FROM rule_alerts_pending WHERE region = ?');
  const putOpen = db.prepare<[string, string, string]>('INSERT OR REPLACE INTO rule_alerts_open (region, id, alert) VALUES (?, ?, ?)');
  const dropOpen = db.prepare<[string, string]>('DELETE FROM rule_alerts_open WHERE region = ? AND id = ?');
  const clearOpen = db.prepare<[string]>('DELETE FROM rule_alerts_open WHERE region = ?');
  const clearPending = db.prepare<[string]>('DELETE FROM rule_alerts_pending WHERE region = ?');
  const putPending = db.prepare<[string, string, string]>('INSERT INTO rule_alerts_pending (region, id, since) VALUES (?, ?, ?)');
  const actions = db.prepare<[{ region: string; after: number }], RaisingAction>(
    `SELECT 'acknowledged' AS kind, alert_id AS alertId, raised_at AS raisedAt, acknowledged_by AS by, acknowledged_at AS at, comment AS text, seq FROM alert_acks WHERE region = @region AND seq > @after
     UNION ALL SELECT 'assigned', alert_id, raised_at, assigned_by, assigned_at, assigned_to, seq FROM alert_assignments WHERE region = @region AND seq > @after
     UNION ALL SELECT 'resolved', alert_id, raised_at, resolved_by, resolved_at, comment, seq FROM alert_resolutions WHERE region = @region AND seq > @after
     ORDER BY seq`,
  );
  return {
    /** The saved open raisings and pending conditions of a region (no values: those are read afresh). */
    load(region: string): Pick<RuleEngineState, 'open' | 'pending'> {
      return {
        open: open.all(region).map((a) => JSON.parse(a) as RuleAlert),
        pending: pending.all(region).map((p) => [p.id, p.since]),
      };
    },
    /** Writes what changed: raisings added, moved or gone, and every pending condition of the region. */
    save(region: string, changes: readonly RuleChange[], state: RuleEngineState, touched: readonly RuleAlert[]): void {
      db.transaction(() => {
        for (const c of changes) {
          if (c.type === 'cleared') dropOpen.run(region, c.alert.id);
        }
        const openNow = new Map(state.open.map((a) => [a.id, a]));
        for (const a of [...changes.filter((c) => c.type !== 'cleared').map((c) => c.alert), ...touched]) {
          const current = openNow.get(a.id);
          if (current) putOpen.run(region, a.id, JSON.stringify(current));
        }
        clearPending.run(region);
        for (const [id, since] of state.pending) putPending.run(region, id, since);
      })();
    },
    /** Replaces the region's saved state wholesale (after a full evaluation). */
    replace(region: string, state: RuleEngineState): void {
      db.transaction(() => {
        clearOpen.run(region);
        for (const a of state.open) putOpen.run(region, a.id, JSON.stringify(a));
        clearPending.run(region);
        for (const [id, since] of state.pending) putPending.run(region, id, since);
      })();
    },
    /** Acknowledgements, assignments and resolutions of a region after `afterSeq`, in log order. */
    actions(region: string, afterSeq = 0): RaisingAction[] {
      return actions.all({ region, after: afterSeq });
    },
  };
}

export type RuleAlertStore = ReturnType<typeof createRuleAlertStore>;
