import { ALERT_SEVERITIES, MEASURE_DIRECTION, type AlertRule, type AlertRuleMeasure, type AlertRuleSet, type AlertSeverity } from '../../../../shared/domain/alert-rules';
import type { MessageKey } from '../../i18n';

/** One rule as the panel edits it: numbers as typed, scope lists as comma-separated text. */
export interface RuleRow {
  rule: AlertRule;
  /** A rule added in the panel: its kind follows its measure until published. */
  added: boolean;
  measure: AlertRuleMeasure;
  enabled: boolean;
  severity: AlertSeverity;
  raiseAt: string;
  clearAt: string;
  criticalAt: string;
  minDuration: string;
  escalationMinutes: string;
  escalationTo: AlertSeverity;
  classes: string;
  categories: string;
  regions: string;
}

export type RowField = Exclude<keyof RuleRow, 'rule' | 'added'>;

/** What a rule added on a measure starts from: the kind it raises and thresholds a reader can start from. */
export const MEASURE_STARTS: Record<AlertRuleMeasure, { kind: string; raiseAt: number; clearAt: number }> = {
  'stock-floor-ratio': { kind: 'under-floor', raiseAt: 1, clearAt: 1 },
  'supported-days': { kind: 'supported-days', raiseAt: 30, clearAt: 35 },
  'plan-completion': { kind: 'plan-completion', raiseAt: 0.8, clearAt: 0.85 },
  'days-to-expiry': { kind: 'expiring', raiseAt: 31, clearAt: 31 },
  'stale-minutes': { kind: 'stale', raiseAt: 60, clearAt: 30 },
  'chain-problems': { kind: 'chain', raiseAt: 0, clearAt: 0 },
  'consumption-anomaly': { kind: 'anomaly', raiseAt: 3.5, clearAt: 3 },
};

/** A new rule on a measure, with an id no other row has. */
export function newRow(measure: AlertRuleMeasure, rows: readonly RuleRow[]): RuleRow {
  const taken = new Set(rows.map((r) => r.rule.id));
  let n = 1;
  while (taken.has(`${measure}-${n}`)) n++;
  const start = MEASURE_STARTS[measure];
  const rule: AlertRule = {
    id: `${measure}-${n}`,
    kind: start.kind,
    measure,
    severity: 'warning',
    raiseAt: start.raiseAt,
    clearAt: start.clearAt,
    criticalAt: null,
    minDurationMinutes: 0,
    scope: {},
    escalation: null,
    enabled: true,
  };
  return { ...toRow(rule), added: true };
}

/** A row moved to another measure; a rule added here also takes that measure's kind and starting thresholds. */
export function withMeasure(row: RuleRow, measure: AlertRuleMeasure): RuleRow {
  if (!row.added) return { ...row, measure };
  const start = MEASURE_STARTS[measure];
  return { ...row, measure, rule: { ...row.rule, kind: start.kind }, raiseAt: String(start.raiseAt), clearAt: String(start.clearAt), criticalAt: '' };
}

export interface RuleProblem {
  field: RowField;
  key: MessageKey;
  params: Record<string, string | number>;
}

const text = (n: number | null) => (n === null ? '' : String(n));
const list = (xs: readonly string[] | undefined) => (xs ?? []).join(', ');
const parseList = (s: string) =>
  s
    .split(/[,，\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function toRow(rule: AlertRule): RuleRow {
  const next = ALERT_SEVERITIES[Math.min(ALERT_SEVERITIES.indexOf(rule.severity) + 1, ALERT_SEVERITIES.length - 1)] ?? 'critical';
  return {
    rule,
    added: false,
    measure: rule.measure,
    enabled: rule.enabled,
    severity: rule.severity,
    raiseAt: text(rule.raiseAt),
    clearAt: text(rule.clearAt),
    criticalAt: text(rule.criticalAt),
    minDuration: text(rule.minDurationMinutes),
    escalationMinutes: rule.escalation ? String(rule.escalation.afterMinutes) : '',
    escalationTo: rule.escalation?.to ?? next,
    classes: list(rule.scope.classes),
    categories: list(rule.scope.categories),
    regions: list(rule.scope.regions),
  };
}

const num = (s: string): number | null => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));

/**
 * What is wrong with a row, each problem a message of its own (the server's schema refuses the
 * same things, in English; the panel says it in the officer's language before anything is sent).
 */
export function rowProblems(row: RuleRow): RuleProblem[] {
  const out: RuleProblem[] = [];
  const below = MEASURE_DIRECTION[row.measure] === 'below';
  const raiseAt = num(row.raiseAt);
  const clearAt = num(row.clearAt);
  const criticalAt = row.criticalAt.trim() === '' ? null : num(row.criticalAt);
  if (raiseAt === null) out.push({ field: 'raiseAt', key: 'rules.error.number', params: { field: 'raiseAt' } });
  if (clearAt === null) out.push({ field: 'clearAt', key: 'rules.error.number', params: { field: 'clearAt' } });
  if (row.criticalAt.trim() !== '' && criticalAt === null) out.push({ field: 'criticalAt', key: 'rules.error.number', params: { field: 'criticalAt' } });
  if (raiseAt !== null && clearAt !== null && (below ? clearAt < raiseAt : clearAt > raiseAt)) {
    out.push({ field: 'clearAt', key: 'rules.error.clearSide', params: { side: below ? 'atOrAbove' : 'atOrBelow', raiseAt } });
  }
  if (raiseAt !== null && criticalAt !== null && (below ? criticalAt > raiseAt : criticalAt < raiseAt)) {
    out.push({ field: 'criticalAt', key: 'rules.error.criticalSide', params: { side: below ? 'below' : 'above', raiseAt } });
  }
  const hold = num(row.minDuration.trim() === '' ? '0' : row.minDuration);
  if (hold === null || !Number.isInteger(hold) || hold < 0 || hold > 7 * 24 * 60) out.push({ field: 'minDuration', key: 'rules.error.minDuration', params: {} });
  if (row.escalationMinutes.trim() !== '') {
    const after = num(row.escalationMinutes);
    if (after === null || !Number.isInteger(after) || after < 1) out.push({ field: 'escalationMinutes', key: 'rules.error.escalationMinutes', params: {} });
    if (ALERT_SEVERITIES.indexOf(row.escalationTo) <= ALERT_SEVERITIES.indexOf(row.severity)) {
      out.push({ field: 'escalationTo', key: 'rules.error.escalationTarget', params: { severity: row.severity } });
    }
  }
  for (const r of parseList(row.regions)) if (!/^\d{6}$/.test(r)) out.push({ field: 'regions', key: 'rules.error.region', params: { value: r } });
  return out;
}

/** The rule a valid row stands for; null while it has problems. */
export function fromRow(row: RuleRow): AlertRule | null {
  if (rowProblems(row).length > 0) return null;
  const scope: AlertRule['scope'] = {};
  const classes = parseList(row.classes);
  const categories = parseList(row.categories);
  const regions = parseList(row.regions);
  if (classes.length > 0) scope.classes = classes;
  if (categories.length > 0) scope.categories = categories;
  if (regions.length > 0) scope.regions = regions;
  return {
    ...row.rule,
    measure: row.measure,
    enabled: row.enabled,
    severity: row.severity,
    raiseAt: Number(row.raiseAt),
    clearAt: Number(row.clearAt),
    criticalAt: row.criticalAt.trim() === '' ? null : Number(row.criticalAt),
    minDurationMinutes: Number(row.minDuration.trim() === '' ? '0' : row.minDuration),
    scope,
    escalation: row.escalationMinutes.trim() === '' ? null : { afterMinutes: Number(row.escalationMinutes), to: row.escalationTo },
  };
}

/** The next version of the rule set from the edited rows, or null while any row has problems. */
export function nextRuleSet(version: number, rows: readonly RuleRow[]): AlertRuleSet | null {
  const rules = rows.map(fromRow);
  if (rules.some((r) => r === null)) return null;
  return { format: 'inrs-alert-rules', version, rules: rules as AlertRule[] };
}

/** The valid edited rows as a rule set to preview: a row with problems does not hold up the others' preview. */
export function previewRuleSet(version: number, rows: readonly RuleRow[]): AlertRuleSet | null {
  const rules = rows.map(fromRow).filter((r): r is AlertRule => r !== null);
  return rules.length === 0 ? null : { format: 'inrs-alert-rules', version, rules };
}

/** Whether the edited rows differ from the rules in force. */
export function rulesChanged(current: AlertRuleSet, next: AlertRuleSet | null): boolean {
  return next === null || JSON.stringify(current.rules) !== JSON.stringify(next.rules);
}
