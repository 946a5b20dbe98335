import { describe, expect, it } from 'vitest';
import { loadAlertRuleSet } from '../../src/core/alerts/default-rules';
import { AlertRuleEngine } from '../../src/shared/domain/alert-rule-engine';

const now = '2026-01-01T00:00:00.000Z';
const depot = { subject: 'depot:430100-D001:grain', region: '430000', depot: '430100-D001', class: 'grain', category: null };
const lot = (days: number) => ({ measure: 'days-to-expiry' as const, subject: 'lot:L1:430100-D001', region: '430000', depot: '430100-D001', class: 'grain', category: 'GR-RICE', value: days });

describe('the shipped default rule set', () => {
  it('raises what the situation raises today: under floor warning, under half the floor critical', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(loadAlertRuleSet(), now);
    expect(e.observe([{ measure: 'stock-floor-ratio', ...depot, value: 1 }], now)).toEqual([]);
    expect(e.observe([{ measure: 'stock-floor-ratio', ...depot, value: 0.7 }], now)).toMatchObject([{ alert: { kind: 'under-floor', severity: 'warning' } }]);
    const other = { ...depot, subject: 'depot:430100-D002:grain', depot: '430100-D002' };
    expect(e.observe([{ measure: 'stock-floor-ratio', ...other, value: 0.4 }], now)).toMatchObject([{ alert: { kind: 'under-floor', severity: 'critical' } }]);
  });

  it('raises expiring within 30 days and expired past the date', () => {
    const e = new AlertRuleEngine();
    e.setRuleSet(loadAlertRuleSet(), now);
    expect(e.observe([lot(31)], now)).toEqual([]);
    expect(e.observe([lot(30)], now)).toMatchObject([{ alert: { kind: 'expiring', severity: 'warning' } }]);
    expect(e.observe([lot(-1)], now)).toMatchObject([{ alert: { kind: 'expired', severity: 'critical' } }]);
  });
});
