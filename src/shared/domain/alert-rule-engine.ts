import { MEASURE_DIRECTION, type AlertRule, type AlertRuleMeasure, type AlertRuleSet, type AlertSeverity } from './alert-rules';

/** What a rule is evaluated on: the latest value of one measure for one subject. */
export interface RuleObservation {
  measure: AlertRuleMeasure;
  /** Stable key of the subject (e.g. `depot:D1:grain`, `lot:L9:D1`, `region:110000`). */
  subject: string;
  region: string;
  depot: string | null;
  class: string | null;
  category: string | null;
  value: number;
  /** What makes the value (an anomaly's day, its value and the expected band), carried onto the alert. */
  evidence?: RuleEvidence | null;
}

/** The finding behind an anomaly score: the day, what was consumed, and what was expected. */
export interface RuleEvidence {
  kind: 'outlier' | 'changepoint';
  day: string;
  value: number;
  /** The band of ordinary values that day (outlier), or the levels either side of the change (changepoint). */
  expectedLow: number;
  expectedHigh: number;
}

export interface RuleAlert {
  id: string;
  ruleId: string;
  kind: string;
  severity: AlertSeverity;
  subject: string;
  region: string;
  depot: string | null;
  class: string | null;
  category: string | null;
  value: number;
  evidence: RuleEvidence | null;
  raisedAt: string;
  /** The severity before an unacknowledged alert escalated (time-based escalation), else null. */
  escalatedFrom: AlertSeverity | null;
  acknowledged: { by: string; at: string; comment: string } | null;
  assigned: { to: string; by: string; at: string } | null;
  /** Closed by an officer: off the open list, and not raised again until its measure clears. */
  resolved: { by: string; at: string; comment: string } | null;
}

/** What an engine holds besides its rules, to carry it across a restart. */
export interface RuleEngineState {
  values: RuleObservation[];
  pending: [string, string][];
  open: RuleAlert[];
}

export type RuleChange =
  | { type: 'raised'; alert: RuleAlert }
  | { type: 'escalated'; alert: RuleAlert; from: AlertSeverity }
  | { type: 'cleared'; alert: RuleAlert; at: string };

interface Pending {
  since: string;
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
const valueKey = (o: { measure: string; subject: string }) => `${o.measure}|${o.subject}`;
const alertId = (ruleId: string, subject: string) => `rule:${ruleId}:${subject}`;

function inScope(rule: AlertRule, o: RuleObservation): boolean {
  const s = rule.scope;
  if (s.regions && !s.regions.includes(o.region)) return false;
  if (s.classes && (o.class === null || !s.classes.includes(o.class))) return false;
  if (s.categories && (o.category === null || !s.categories.includes(o.category))) return false;
  return true;
}

const isBad = (rule: AlertRule, v: number) => (MEASURE_DIRECTION[rule.measure] === 'below' ? v < rule.raiseAt : v > rule.raiseAt);
const isCritical = (rule: AlertRule, v: number) =>
  rule.criticalAt !== null && (MEASURE_DIRECTION[rule.measure] === 'below' ? v < rule.criticalAt : v > rule.criticalAt);
const isClear = (rule: AlertRule, v: number) => (MEASURE_DIRECTION[rule.measure] === 'below' ? v >= rule.clearAt : v <= rule.clearAt);

/**
 * Evaluates a rule set incrementally: each applied batch hands over only the observations it
 * changed, and only the rules on those measures run. Between raise and clear values the
 * alert keeps its state (hysteresis); a condition raises once it has held for the rule's
 * minimum duration; an unacknowledged alert escalates once. An acknowledged alert stays
 * open and silent until its measure clears; the next breach then raises a new alert.
 */
export class AlertRuleEngine {
  private rules: AlertRule[] = [];
  private version = 0;
  private readonly values = new Map<string, RuleObservation>();
  private readonly pending = new Map<string, Pending>();
  private readonly open = new Map<string, RuleAlert>();

  get ruleSetVersion(): number {
    return this.version;
  }

  /** Installs a rule set (a newer version only) and re-evaluates every known value against it. */
  setRuleSet(set: AlertRuleSet, now: string): RuleChange[] {
    if (set.version <= this.version) {
      throw new Error(`alert rule set version ${set.version} is not newer than the applied version ${this.version}`);
    }
    this.rules = set.rules.filter((r) => r.enabled);
    this.version = set.version;
    const changes: RuleChange[] = [];
    const live = new Set(this.rules.map((r) => r.id));
    // Alerts of a rule that is gone or disabled clear now; pending conditions of it are forgotten.
    for (const [id, a] of this.open) {
      if (!live.has(a.ruleId)) {
        this.open.delete(id);
        changes.push({ type: 'cleared', alert: a, at: now });
      }
    }
    for (const id of this.pending.keys()) if (!live.has(id.split(':')[1] ?? '')) this.pending.delete(id);
    for (const o of this.values.values()) this.step(o, now, changes);
    this.sweep(now, changes);
    return changes;
  }

  /** Takes the observations one applied batch changed. */
  observe(batch: readonly RuleObservation[], now: string): RuleChange[] {
    const changes: RuleChange[] = [];
    for (const o of batch) {
      this.values.set(valueKey(o), o);
      this.step(o, now, changes);
    }
    this.sweep(now, changes);
    return changes;
  }

  /** Advances the clock alone: minimum durations that have run out raise, overdue alerts escalate. */
  tick(now: string): RuleChange[] {
    const changes: RuleChange[] = [];
    this.sweep(now, changes);
    return changes;
  }

  acknowledge(id: string, by: string, comment: string, at: string): RuleAlert {
    if (comment.trim() === '') throw new Error(`acknowledging ${id} needs a comment`);
    return this.update(id, 'acknowledge', (a) => ({ ...a, acknowledged: { by, at, comment } }));
  }

  assign(id: string, to: string, by: string, at: string): RuleAlert {
    if (to.trim() === '') throw new Error(`assigning ${id} needs an assignee`);
    return this.update(id, 'assign', (a) => ({ ...a, assigned: { to, by, at } }));
  }

  resolve(id: string, by: string, comment: string, at: string): RuleAlert {
    return this.update(id, 'resolve', (a) => ({ ...a, resolved: { by, at, comment } }));
  }

  /** The open raising of `id` if it is the one raised at `raisedAt` (what a log entry names), else null. */
  raising(id: string, raisedAt: string): RuleAlert | null {
    const a = this.open.get(id);
    return a && a.raisedAt === raisedAt ? a : null;
  }

  /** Open alerts not resolved, most severe first. */
  openAlerts(): RuleAlert[] {
    const rank = { critical: 0, warning: 1, info: 2 } as const;
    return [...this.open.values()].filter((a) => !a.resolved).sort((a, b) => rank[a.severity] - rank[b.severity] || a.id.localeCompare(b.id));
  }

  /** The pending conditions, as a key that changes whenever one starts or ends (to save only what moved). */
  pendingKey(): string {
    return [...this.pending].map(([id, p]) => `${id}@${p.since}`).join('|');
  }

  exportState(): RuleEngineState {
    return { values: [...this.values.values()], pending: [...this.pending].map(([id, p]) => [id, p.since]), open: [...this.open.values()] };
  }

  /** Puts back what `exportState` saved, under the rule set installed before (no re-evaluation). */
  restoreState(state: RuleEngineState): void {
    this.values.clear();
    this.pending.clear();
    this.open.clear();
    for (const o of state.values) this.values.set(valueKey(o), o);
    for (const [id, since] of state.pending) this.pending.set(id, { since });
    for (const a of state.open) this.open.set(a.id, a);
  }

  private update(id: string, what: string, change: (a: RuleAlert) => RuleAlert): RuleAlert {
    const a = this.open.get(id);
    if (!a) throw new Error(`no open alert ${id} to ${what}`);
    const next = change(a);
    this.open.set(id, next);
    return next;
  }

  /** What a rule set would raise on the values known now, ignoring minimum durations. */
  preview(set: AlertRuleSet): RuleAlert[] {
    const out: RuleAlert[] = [];
    for (const rule of set.rules) {
      if (!rule.enabled) continue;
      for (const o of this.values.values()) {
        if (o.measure !== rule.measure || !inScope(rule, o) || !isBad(rule, o.value)) continue;
        out.push(this.makeAlert(rule, o, this.open.get(alertId(rule.id, o.subject))?.raisedAt ?? ''));
      }
    }
    return out;
  }

  private step(o: RuleObservation, now: string, changes: RuleChange[]): void {
    for (const rule of this.rules) {
      if (rule.measure !== o.measure || !inScope(rule, o)) continue;
      const id = alertId(rule.id, o.subject);
      const open = this.open.get(id);
      if (open) {
        if (isClear(rule, o.value)) {
          this.open.delete(id);
          changes.push({ type: 'cleared', alert: { ...open, value: o.value, evidence: o.evidence ?? null }, at: now });
        } else if (isCritical(rule, o.value) && open.severity !== 'critical') {
          const up = { ...open, value: o.value, evidence: o.evidence ?? null, severity: 'critical' as const };
          this.open.set(id, up);
          changes.push({ type: 'escalated', alert: up, from: open.severity });
        } else {
          this.open.set(id, { ...open, value: o.value, evidence: o.evidence ?? null });
        }
        continue;
      }
      if (!isBad(rule, o.value)) {
        this.pending.delete(id);
        continue;
      }
      if (!this.pending.has(id)) this.pending.set(id, { since: now });
    }
  }

  private sweep(now: string, changes: RuleChange[]): void {
    const byId = new Map(this.rules.map((r) => [r.id, r]));
    for (const [id, p] of this.pending) {
      const [, ruleId = ''] = id.split(':');
      const rule = byId.get(ruleId);
      const o = rule && this.values.get(valueKey({ measure: rule.measure, subject: id.slice(`rule:${ruleId}:`.length) }));
      if (!rule || !o || !isBad(rule, o.value)) {
        this.pending.delete(id);
        continue;
      }
      if (minutesBetween(p.since, now) < rule.minDurationMinutes) continue;
      this.pending.delete(id);
      // Raised when the duration ran out, counted from the log time the condition began: every
      // workstation names the same raising, whenever its clock looked.
      const alert = this.makeAlert(rule, o, new Date(Date.parse(p.since) + rule.minDurationMinutes * 60_000).toISOString());
      this.open.set(id, alert);
      changes.push({ type: 'raised', alert });
    }
    for (const [id, a] of this.open) {
      const rule = byId.get(a.ruleId);
      const esc = rule?.escalation;
      if (!esc || a.acknowledged || a.resolved || a.escalatedFrom || a.severity === esc.to || minutesBetween(a.raisedAt, now) < esc.afterMinutes) continue;
      const up = { ...a, severity: esc.to, escalatedFrom: a.severity };
      this.open.set(id, up);
      changes.push({ type: 'escalated', alert: up, from: a.severity });
    }
  }

  private makeAlert(rule: AlertRule, o: RuleObservation, raisedAt: string): RuleAlert {
    return {
      id: alertId(rule.id, o.subject),
      ruleId: rule.id,
      kind: rule.kind,
      severity: isCritical(rule, o.value) ? 'critical' : rule.severity,
      subject: o.subject,
      region: o.region,
      depot: o.depot,
      class: o.class,
      category: o.category,
      value: o.value,
      evidence: o.evidence ?? null,
      raisedAt,
      escalatedFrom: null,
      acknowledged: null,
      assigned: null,
      resolved: null,
    };
  }
}
