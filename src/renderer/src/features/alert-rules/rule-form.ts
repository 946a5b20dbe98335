import { ALERT_SEVERITIES, MEASURE_DIRECTION, type AlertRule, type AlertRuleSet, type AlertSeverity } from '../../../../shared/domain/alert-rules';
import type { MessageKey } from '../../i18n';

/** One rule as the panel edits it: numbers as typed, scope lists as comma-separated text. */
export interface RuleRow {
  rule: AlertRule;
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

export type RowField = Exclude<keyof RuleRow, 'rule'>;

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
  const below = MEASURE_DIRECTION[row.rule.measure] === 'below';
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
