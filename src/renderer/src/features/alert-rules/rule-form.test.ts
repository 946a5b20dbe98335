import { describe, expect, it } from 'vitest';
import { parseAlertRuleSet } from '../../../../shared/domain/alert-rules';
import { ALERT_RULE_MEASURES } from '../../../../shared/domain/alert-rules';
import { fromRow, newRow, nextRuleSet, previewRuleSet, rowProblems, rulesChanged, toRow, withMeasure } from './rule-form';

const current = parseAlertRuleSet({
  format: 'inrs-alert-rules',
  version: 3,
  rules: [
    { id: 'under-floor', kind: 'under-floor', measure: 'stock-floor-ratio', severity: 'warning', raiseAt: 1, clearAt: 1, criticalAt: 0.5, escalation: { afterMinutes: 240, to: 'critical' } },
    { id: 'stale', kind: 'stale', measure: 'stale-minutes', severity: 'info', raiseAt: 60, clearAt: 30 },
  ],
});
const [floor, stale] = current.rules.map(toRow) as [ReturnType<typeof toRow>, ReturnType<typeof toRow>];

describe('the rules panel form', () => {
  it('round-trips a rule unchanged, and an unchanged set is not a change', () => {
    expect(fromRow(floor)).toEqual(current.rules[0]);
    const next = nextRuleSet(4, [floor, stale]);
    expect(next?.version).toBe(4);
    expect(rulesChanged(current, next)).toBe(false);
  });

  it('takes edited thresholds, hold, severity, scope and escalation as the next version', () => {
    const edited = { ...floor, raiseAt: '2', clearAt: '2.5', criticalAt: '', minDuration: '15', escalationMinutes: '60', regions: '430000，420000', classes: 'grain' };
    const next = nextRuleSet(4, [edited, stale]);
    expect(next?.rules[0]).toMatchObject({ raiseAt: 2, clearAt: 2.5, criticalAt: null, minDurationMinutes: 15, escalation: { afterMinutes: 60, to: 'critical' }, scope: { regions: ['430000', '420000'], classes: ['grain'] } });
    expect(rulesChanged(current, next)).toBe(true);
    // The result is what the server's schema accepts.
    expect(() => parseAlertRuleSet(next)).not.toThrow();
  });

  it('names each problem with its field, on the side the measure makes bad', () => {
    expect(rowProblems({ ...floor, clearAt: '0.8' })).toEqual([{ field: 'clearAt', key: 'rules.error.clearSide', params: { side: 'atOrAbove', raiseAt: 1 } }]);
    expect(rowProblems({ ...stale, clearAt: '90' })).toEqual([{ field: 'clearAt', key: 'rules.error.clearSide', params: { side: 'atOrBelow', raiseAt: 60 } }]);
    expect(rowProblems({ ...floor, criticalAt: '1.5' }).map((p) => p.key)).toEqual(['rules.error.criticalSide']);
    expect(rowProblems({ ...floor, raiseAt: 'abc' }).map((p) => [p.field, p.key])).toEqual([['raiseAt', 'rules.error.number']]);
    expect(rowProblems({ ...floor, minDuration: '2.5' }).map((p) => p.key)).toEqual(['rules.error.minDuration']);
    expect(rowProblems({ ...floor, escalationMinutes: '0' }).map((p) => p.key)).toEqual(['rules.error.escalationMinutes']);
    expect(rowProblems({ ...floor, severity: 'critical' }).map((p) => p.key)).toEqual(['rules.error.escalationTarget']);
    expect(rowProblems({ ...floor, regions: '4300' })).toEqual([{ field: 'regions', key: 'rules.error.region', params: { value: '4300' } }]);
    expect(nextRuleSet(4, [{ ...floor, clearAt: '0.8' }, stale])).toBeNull();
    // The valid rows are still previewed.
    expect(previewRuleSet(4, [{ ...floor, clearAt: '0.8' }, stale])?.rules.map((r) => r.id)).toEqual(['stale']);
  });

  it('adds a rule on any measure that the schema accepts, with an id of its own, and moves it to another measure', () => {
    let rows = [floor, stale];
    for (const measure of ALERT_RULE_MEASURES) rows = [...rows, newRow(measure, rows)];
    expect(new Set(rows.map((r) => r.rule.id)).size).toBe(rows.length);
    const next = nextRuleSet(4, rows);
    expect(next?.rules.map((r) => r.measure).slice(2)).toEqual([...ALERT_RULE_MEASURES]);
    expect(() => parseAlertRuleSet(next)).not.toThrow();
    // An added rule moved to another measure takes its kind and starting thresholds (the direction flips with it).
    const moved = withMeasure(newRow('stock-floor-ratio', rows), 'stale-minutes');
    expect(fromRow(moved)).toMatchObject({ measure: 'stale-minutes', kind: 'stale', raiseAt: 60, clearAt: 30 });
    // A published rule moved to another measure keeps its thresholds and kind: a clear value now on the wrong side is named.
    const floorAsStale = withMeasure(floor, 'stale-minutes');
    expect(floorAsStale.rule.kind).toBe('under-floor');
    expect(rowProblems({ ...floorAsStale, raiseAt: '60', clearAt: '90', criticalAt: '' }).map((p) => p.key)).toEqual(['rules.error.clearSide']);
  });
});
