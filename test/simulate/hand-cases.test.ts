import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../src/core/dispatch/geo';
import { PROVINCE_CENTROIDS } from '../../src/shared/domain/province-centroids';
import { parseSimulationScenario, simulate, type PlanResult, type SimulationSupply } from '../../src/core/simulate';
import { CATEGORY_ROWS, COSTS, normsOf, region } from './support';

/**
 * A small case worked out by hand. Hubei (420000), 1,000 people to supply from day 0 for the
 * whole 3-day horizon. By the shipped norms a person needs 3 L of drinking water a day (a case
 * holds 12 L: 250 cases a day, 4 person-days a case) and a fifth of a tent once (200 tents, 5
 * persons a tent). Hubei holds 300 cases (100 of them floor) and 150 tents (50 floor); Hunan
 * holds 600 cases, no floor.
 */
const WUHAN: [number, number] = [114.3, 30.6];
const CHANGSHA: [number, number] = [112.94, 28.23];
const supply: SimulationSupply = {
  categories: CATEGORY_ROWS,
  regions: [region('420000', ...WUHAN, { 'WA-BOTTLE': [300, 100], 'SH-TENT': [150, 50] }), region('430000', ...CHANGSHA, { 'WA-BOTTLE': [600, 0] })],
};
const norms = normsOf('WA-BOTTLE', 'SH-TENT');
const plan = (id: string, over: Record<string, unknown> = {}) => ({ id, sourceRegions: ['420000'], dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false, ...over });
const scenario = parseSimulationScenario({
  days: 3,
  affected: [{ region: '420000', population: 1000, onsetDay: 0, durationDays: 3 }],
  plans: [
    plan('own'),
    plan('all', { sourceRegions: 'all' }),
    plan('own-below-floor', { belowFloor: true }),
    plan('own-replenished', { replenishLeadDays: 1 }),
    plan('all-2.4t', { sourceRegions: 'all', dailyTransportTonnes: 2.4 }),
  ],
});

const total = (p: PlanResult, category: string, field: 'demand' | 'delivered' | 'shortfall') => p.days.filter((d) => d.category === category).reduce((n, d) => n + d[field], 0);
const row = (p: PlanResult, day: number, category: string) => p.days.find((d) => d.day === day && d.category === category);
const stockOf = (p: PlanResult, day: number, r: string, category: string) => p.stock.find((s) => s.day === day && s.region === r && s.category === category)?.quantity;

describe('scenario simulation, a case worked by hand', async () => {
  const result = await simulate(scenario, supply, norms, COSTS);
  const byId = new Map(result.plans.map((p) => [p.id, p]));
  const get = (id: string) => byId.get(id) as PlanResult;

  it('states the categories with their basis and person-days per unit', () => {
    expect(result.categories).toEqual([
      { code: 'SH-TENT', unit: '顶', unitEn: 'tent', basis: 'one-off', personDaysPerUnit: 5 },
      { code: 'WA-BOTTLE', unit: '箱', unitEn: 'case', basis: 'daily', personDaysPerUnit: 4 },
    ]);
  });

  it('own region above floor: 200 cases and 100 tents on day 0', () => {
    const p = get('own');
    expect(total(p, 'WA-BOTTLE', 'demand')).toBe(750);
    expect(total(p, 'WA-BOTTLE', 'delivered')).toBeCloseTo(200, 6);
    // Tents are owed until delivered: 200 on day 0, then the 100 still missing on days 1 and 2.
    expect([0, 1, 2].map((t) => row(p, t, 'SH-TENT'))).toEqual([
      { day: 0, category: 'SH-TENT', demand: 200, delivered: 100, shortfall: 100 },
      { day: 1, category: 'SH-TENT', demand: 100, delivered: 0, shortfall: 100 },
      { day: 2, category: 'SH-TENT', demand: 100, delivered: 0, shortfall: 100 },
    ]);
    // 550 cases × 4 + 300 tent-days × 5.
    expect(p.summary.shortfallPersonDays).toBeCloseTo(2200 + 1500, 3);
    expect(stockOf(p, 2, '420000', 'WA-BOTTLE')).toBe(100);
    expect(stockOf(p, 2, '420000', 'SH-TENT')).toBe(50);
    expect(stockOf(p, 2, '430000', 'WA-BOTTLE')).toBe(600);
    expect(p.summary.regionsBelowFloor).toEqual([]);
    // Handling 2 CNY a case and 12 a tent; transport 0.45 CNY a tonne-km over the road km.
    const km = haversineKm(...WUHAN, ...(PROVINCE_CENTROIDS['420000'] as [number, number])) * 1.3;
    expect(p.summary.tonneKm).toBeCloseTo((200 * 0.012 + 100 * 0.03) * km, 2);
    expect(p.summary.costBreakdown).toEqual({ transport: expect.closeTo(p.summary.tonneKm * 0.45, 1), handling: 400 + 1200, procurement: 0, civilianTransport: 0 });
  });

  it('every region: the water is met, Hubei’s nearer cases first', () => {
    const p = get('all');
    expect(total(p, 'WA-BOTTLE', 'shortfall')).toBeCloseTo(0, 6);
    expect(p.summary.shortfallPersonDays).toBeCloseTo(1500, 3);
    const from = (r: string) => p.flows.filter((f) => f.from === r && f.category === 'WA-BOTTLE').reduce((n, f) => n + f.quantity, 0);
    expect(from('420000')).toBeCloseTo(200, 6);
    expect(from('430000')).toBeCloseTo(550, 6);
  });

  it('below floor allowed: all 300 cases and 150 tents, and Hubei is left below its floor', () => {
    const p = get('own-below-floor');
    expect(p.summary.shortfallPersonDays).toBeCloseTo(450 * 4 + 150 * 5, 3);
    expect(row(p, 0, 'SH-TENT')).toEqual({ day: 0, category: 'SH-TENT', demand: 200, delivered: 150, shortfall: 50 });
    expect(p.summary.regionsBelowFloor).toEqual(['420000']);
  });

  it('replenished after a day: 200 cases every day, the tents sent on day 0 come back for day 1', () => {
    const p = get('own-replenished');
    for (const t of [0, 1, 2]) expect(row(p, t, 'WA-BOTTLE')?.delivered).toBeCloseTo(200, 6);
    expect(row(p, 1, 'SH-TENT')).toEqual({ day: 1, category: 'SH-TENT', demand: 100, delivered: 100, shortfall: 0 });
    expect(p.summary.shortfallPersonDays).toBeCloseTo(150 * 4 + 100 * 5, 3);
    expect([0, 1, 2].map((t) => stockOf(p, t, '420000', 'WA-BOTTLE'))).toEqual([100, 100, 100]);
    // Every unit sent is ordered again: 600 cases at 30 CNY and 200 tents at 2,600 CNY.
    expect(p.summary.costBreakdown.procurement).toBe(600 * 30 + 200 * 2600);
  });

  it('2.4 t a day: day 0 carries tents (500 person-days a tonne against water’s 333)', () => {
    const p = get('all-2.4t');
    expect(row(p, 0, 'SH-TENT')?.delivered).toBeCloseTo(80, 6);
    expect(row(p, 0, 'WA-BOTTLE')?.delivered).toBeCloseTo(0, 6);
    expect(row(p, 2, 'WA-BOTTLE')?.delivered).toBeCloseTo(200, 6);
    // Need 3,000 person-days of water and 3,000 of tents; delivered 1,200 + 800 + 800.
    expect(p.summary.shortfallPersonDays).toBeCloseTo(6000 - 2800, 3);
    for (let t = 0; t < 3; t++) {
      const tonnes = p.flows.filter((f) => f.day === t).reduce((n, f) => n + f.quantity * (f.category === 'SH-TENT' ? 0.03 : 0.012), 0);
      expect(tonnes).toBeLessThanOrEqual(2.4 + 1e-6);
    }
  });
});
