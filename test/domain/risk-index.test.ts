import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMERGENCY_LEVELS,
  RISK_BANDS,
  assessRisk,
  coverConcern,
  riskBand,
  type RiskInputs,
} from '../../src/shared/domain/risk-index';

const calm: RiskInputs = { coverRatios: [2, 2], expiring90Share: 0, openAlerts: 0, depots: 10, emergencyLevel: 'normal' };

const inputs = fc.record({
  coverRatios: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 7 }),
  expiring90Share: fc.double({ min: 0, max: 1, noNaN: true }),
  openAlerts: fc.nat(500),
  depots: fc.integer({ min: 1, max: 300 }),
  emergencyLevel: fc.constantFrom(...EMERGENCY_LEVELS),
});

describe('risk index', () => {
  it('works the documented example (README, "Risk index")', () => {
    // cover: concerns 0.3 and 0.7 → ½·0.7 + ½·0.5 = 0.6; expiry 0.05/0.2 = 0.25; alerts 3/4/2 = 0.375
    // base = 0.5·0.6 + 0.25·0.25 + 0.25·0.375 = 0.45625; level IV: 100·(0.2 + 0.8·0.45625) = 56.5
    const r = assessRisk({ coverRatios: [1.2, 0.8], expiring90Share: 0.05, openAlerts: 3, depots: 4, emergencyLevel: 'IV' });
    expect(r.components.cover).toBeCloseTo(0.6, 10);
    expect(r.components.expiry).toBeCloseTo(0.25, 10);
    expect(r.components.alerts).toBeCloseTo(0.375, 10);
    expect(r.index).toBe(56.5);
    expect(r.band).toBe('elevated');
  });

  it('is 0 when everything is well and 100 when nothing is', () => {
    expect(assessRisk(calm)).toMatchObject({ index: 0, band: 'low' });
    expect(assessRisk({ coverRatios: [0], expiring90Share: 1, openAlerts: 99, depots: 1, emergencyLevel: 'I' })).toMatchObject({ index: 100, band: 'severe' });
  });

  it('stays within 0…100 with a band that matches the index', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const r = assessRisk(i);
        expect(r.index).toBeGreaterThanOrEqual(0);
        expect(r.index).toBeLessThanOrEqual(100);
        expect(r.band).toBe(riskBand(r.index));
      }),
    );
  });

  it('never falls when cover shrinks, expiry or alerts grow, or the emergency level rises', () => {
    fc.assert(
      fc.property(inputs, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(50), (i, dx, da) => {
        const base = assessRisk(i).index;
        expect(assessRisk({ ...i, coverRatios: i.coverRatios.map((r) => r * (1 - dx)) }).index).toBeGreaterThanOrEqual(base);
        expect(assessRisk({ ...i, expiring90Share: Math.min(1, i.expiring90Share + dx) }).index).toBeGreaterThanOrEqual(base);
        expect(assessRisk({ ...i, openAlerts: i.openAlerts + da }).index).toBeGreaterThanOrEqual(base);
        const level = EMERGENCY_LEVELS.indexOf(i.emergencyLevel);
        const higher = EMERGENCY_LEVELS[Math.min(EMERGENCY_LEVELS.length - 1, level + 1)] ?? 'I';
        expect(assessRisk({ ...i, emergencyLevel: higher }).index).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('lets an emergency level set the lowest band', () => {
    const lowest = { normal: 'low', IV: 'guarded', III: 'elevated', II: 'high', I: 'severe' } as const;
    for (const level of EMERGENCY_LEVELS) {
      const band = assessRisk({ ...calm, emergencyLevel: level }).band;
      expect(RISK_BANDS.indexOf(band)).toBe(RISK_BANDS.indexOf(lowest[level]));
    }
  });

  it('cuts bands at 20, 40, 60 and 80', () => {
    expect([0, 19.9, 20, 39.9, 40, 59.9, 60, 79.9, 80, 100].map(riskBand)).toEqual([
      'low', 'low', 'guarded', 'guarded', 'elevated', 'elevated', 'high', 'high', 'severe', 'severe',
    ]);
  });

  it('rates cover against the floor: none above 1.5× it, full at or below half of it', () => {
    expect(coverConcern(3)).toBe(0);
    expect(coverConcern(1.5)).toBe(0);
    expect(coverConcern(1)).toBeCloseTo(0.5, 10);
    expect(coverConcern(0.5)).toBe(1);
    expect(coverConcern(0)).toBe(1);
  });

  it('weighs the worst class as much as the average', () => {
    const one = assessRisk({ ...calm, coverRatios: [0.5, 2, 2, 2] }).components.cover;
    expect(one).toBeCloseTo(0.5 * 1 + 0.5 * 0.25, 10);
  });

  it('has no cover, expiry or alert concern without classes or depots', () => {
    expect(assessRisk({ ...calm, coverRatios: [], depots: 0, openAlerts: 5 }).index).toBe(0);
  });
});
