import { describe, expect, it } from 'vitest';
import { AlertRuleEngine, type RuleObservation } from '../../src/shared/domain/alert-rule-engine';
import { parseAlertRuleSet, type AlertRuleSet } from '../../src/shared/domain/alert-rules';

/** A fake clock: minutes after a fixed start, as ISO text. */
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();

const floorRatio = (value: number, over: Partial<RuleObservation> = {}): RuleObservation => ({
  measure: 'stock-floor-ratio',
  subject: 'depot:430100-D001:grain',
  region: '430000',
  depot: '430100-D001',
  class: 'grain',
  category: null,
  value,
  ...over,
});

const set = (version: number, rule: Record<string, unknown>): AlertRuleSet =>
  parseAlertRuleSet({
    format: 'inrs-alert-rules',
    version,
    rules: [{ id: 'low-stock', kind: 'under-floor', measure: 'stock-floor-ratio', severity: 'warning', raiseAt: 1, clearAt: 1.2, ...rule }],
  });

const types = (cs: { type: string }[]) => cs.map((c) => c.type);

describe('alert rule engine', () => {
  it('raises below raiseAt, holds between the thresholds, clears only past clearAt', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(set(1, {}), at(0));
    expect(types(e.observe([floorRatio(0.9)], at(1)))).toEqual(['raised']);
    // Back above raiseAt but short of clearAt: the alert stays, nothing is raised again.
    expect(e.observe([floorRatio(1.1)], at(2))).toEqual([]);
    expect(e.observe([floorRatio(0.95)], at(3))).toEqual([]);
    expect(e.openAlerts()).toHaveLength(1);
    expect(types(e.observe([floorRatio(1.2)], at(4)))).toEqual(['cleared']);
    expect(e.openAlerts()).toEqual([]);
  });

  it('raises only once the condition has held for the minimum duration', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(set(1, { minDurationMinutes: 15 }), at(0));
    expect(e.observe([floorRatio(0.9)], at(0))).toEqual([]);
    expect(e.tick(at(14))).toEqual([]);
    const raised = e.tick(at(15));
    expect(types(raised)).toEqual(['raised']);
    expect(raised[0]?.type === 'raised' && raised[0].alert.raisedAt).toBe(at(15));
  });

  it('forgets a condition that recovers before the minimum duration', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(set(1, { minDurationMinutes: 15 }), at(0));
    e.observe([floorRatio(0.9)], at(0));
    e.observe([floorRatio(1.05)], at(10));
    // A new breach starts its own clock.
    e.observe([floorRatio(0.9)], at(12));
    expect(e.tick(at(20))).toEqual([]);
    expect(types(e.tick(at(27)))).toEqual(['raised']);
  });

  it('escalates an alert nobody acknowledges, once', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(set(1, { escalation: { afterMinutes: 30, to: 'critical' } }), at(0));
    e.observe([floorRatio(0.9)], at(0));
    expect(e.tick(at(29))).toEqual([]);
    const up = e.tick(at(30));
    expect(up).toMatchObject([{ type: 'escalated', from: 'warning', alert: { severity: 'critical' } }]);
    expect(e.tick(at(90))).toEqual([]);
  });

  it('does not escalate an acknowledged alert, nor raise it again until it clears', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(set(1, { escalation: { afterMinutes: 30, to: 'critical' } }), at(0));
    e.observe([floorRatio(0.9)], at(0));
    const [open] = e.openAlerts();
    const acked = e.acknowledge(open!.id, 'officer-1', 'truck on the way', at(5));
    expect(acked.acknowledged).toEqual({ by: 'officer-1', at: at(5), comment: 'truck on the way' });
    expect(e.tick(at(60))).toEqual([]);
    expect(e.observe([floorRatio(0.5)], at(61))).toEqual([]);
    expect(types(e.observe([floorRatio(1.3)], at(62)))).toEqual(['cleared']);
    const again = e.observe([floorRatio(0.8)], at(63));
    expect(again).toMatchObject([{ type: 'raised', alert: { acknowledged: null } }]);
  });

  it('refuses an acknowledgement without a comment', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(set(1, {}), at(0));
    e.observe([floorRatio(0.9)], at(0));
    expect(() => e.acknowledge(e.openAlerts()[0]!.id, 'officer-1', '  ', at(1))).toThrow(/needs a comment/);
  });

  it('goes critical past criticalAt', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(set(1, { criticalAt: 0.5 }), at(0));
    expect(e.observe([floorRatio(0.4)], at(0))).toMatchObject([{ type: 'raised', alert: { severity: 'critical' } }]);
    e.observe([floorRatio(1.5)], at(1));
    e.observe([floorRatio(0.8)], at(2));
    expect(e.observe([floorRatio(0.3)], at(3))).toMatchObject([{ type: 'escalated', from: 'warning' }]);
  });

  it('keeps a rule to its scope', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(set(1, { scope: { regions: ['110000'], classes: ['grain'] } }), at(0));
    expect(e.observe([floorRatio(0.5)], at(0))).toEqual([]);
    expect(types(e.observe([floorRatio(0.5, { subject: 'depot:110100-D001:grain', region: '110000' })], at(0)))).toEqual(['raised']);
    expect(e.observe([floorRatio(0.5, { subject: 'depot:110100-D001:oil', region: '110000', class: 'oil' })], at(0))).toEqual([]);
  });

  it('re-evaluates the known values when a newer rule set arrives, and refuses an older one', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(set(1, {}), at(0));
    expect(e.observe([floorRatio(1.1)], at(0))).toEqual([]);
    expect(e.preview(set(2, { raiseAt: 1.5, clearAt: 1.6 }))).toMatchObject([{ ruleId: 'low-stock', value: 1.1 }]);
    expect(types(e.setRuleSet(set(2, { raiseAt: 1.5, clearAt: 1.6 }), at(1)))).toEqual(['raised']);
    expect(() => e.setRuleSet(set(2, {}), at(2))).toThrow(/not newer/);
    // A rule set without the rule clears its alerts.
    const other = parseAlertRuleSet({
      format: 'inrs-alert-rules',
      version: 3,
      rules: [{ id: 'chain', kind: 'chain', measure: 'chain-problems', severity: 'critical', raiseAt: 0, clearAt: 0 }],
    });
    expect(types(e.setRuleSet(other, at(3)))).toEqual(['cleared']);
  });
});

describe('alert rule set format', () => {
  it('names each problem and its place', () => {
    expect(() => set(1, { clearAt: 0.8 })).toThrow(/rules\.0\.clearAt: rule low-stock: clearAt 0.8 must be at or above raiseAt 1/);
    expect(() => set(1, { escalation: { afterMinutes: 5, to: 'info' } })).toThrow(/escalation goes to info, which is not above warning/);
    expect(() => set(1, { measure: 'mood' })).toThrow(/rules\.0\.measure/);
    expect(() =>
      parseAlertRuleSet({ format: 'inrs-alert-rules', version: 1, rules: [set(1, {}).rules[0], set(1, {}).rules[0]] }),
    ).toThrow(/rule id low-stock appears twice/);
  });
});
