import { describe, expect, it } from 'vitest';
import type { ScenarioRun, SimulationResultView } from '../../../../shared/contract';
import { PROVINCE_CENTROIDS } from '../../../../shared/domain/province-centroids';
import { simulationScenarioSchema } from '../../../../shared/domain/simulation-scenario';
import { bestPlan, dayFigures, mapFrame, scenarioBounds } from './plan-figures';
import { dispatchPrefillOf } from './to-dispatch';

/** A hand-made two-day result: water (4 person-days a case, daily) and tents (5 a tent, one-off). */
const summary = (shortfallPersonDays: number, cost: number) => ({ shortfallPersonDays, transportHours: 3, tonneKm: 1, cost, costBreakdown: { transport: cost, handling: 0, procurement: 0 }, regionsBelowFloor: [] });
const result: SimulationResultView = {
  days: 2,
  categories: [
    { code: 'WA', unit: '箱', unitEn: 'case', basis: 'daily', personDaysPerUnit: 4 },
    { code: 'TENT', unit: '顶', unitEn: 'tent', basis: 'one-off', personDaysPerUnit: 5 },
  ],
  plans: [
    {
      id: 'own',
      days: [
        { day: 0, category: 'WA', demand: 10, delivered: 6, shortfall: 4 },
        { day: 0, category: 'TENT', demand: 2, delivered: 1, shortfall: 1 },
        { day: 1, category: 'WA', demand: 10, delivered: 10, shortfall: 0 },
        { day: 1, category: 'TENT', demand: 1, delivered: 1, shortfall: 0 },
      ],
      flows: [
        { day: 0, from: '420000', to: '430000', category: 'WA', quantity: 2, hours: 5 },
        { day: 0, from: '420000', to: '430000', category: 'WA', quantity: 3, hours: 5 },
        { day: 1, from: '420000', to: '430000', category: 'WA', quantity: 9, hours: 5 },
        { day: 0, from: '430000', to: '430000', category: 'TENT', quantity: 1, hours: 0 },
      ],
      stock: [
        { day: 0, region: '420000', category: 'WA', quantity: 30, floor: 10 },
        { day: 0, region: '430000', category: 'WA', quantity: 4, floor: 5 },
        { day: 0, region: '510000', category: 'WA', quantity: 50, floor: 5 },
        { day: 1, region: '420000', category: 'WA', quantity: 21, floor: 10 },
      ],
      summary: summary(21, 500),
    },
    { id: 'all', days: [], flows: [], stock: [], summary: summary(21, 300) },
    { id: 'none', days: [], flows: [], stock: [], summary: summary(40, 0) },
  ],
  model: { plans: [] },
};

describe('plan figures', () => {
  it('weighs each category by the need one unit meets, day by day', () => {
    expect(dayFigures(result, result.plans[0]!)).toEqual([
      { day: 0, demand: 10 * 4 + 2 * 5, delivered: 6 * 4 + 5, shortfall: 4 * 4 + 5 },
      { day: 1, demand: 40 + 5, delivered: 40 + 5, shortfall: 0 },
    ]);
  });

  it('gives the map a day: stock per province at its label point, below floor marked, flows per leg added up', () => {
    const frame = mapFrame(result.plans[0]!, 0, 'WA');
    expect(frame.stock.map((s) => [s.region, s.quantity, s.belowFloor])).toEqual([
      ['420000', 30, false],
      ['430000', 4, true],
      ['510000', 50, false],
    ]);
    expect(frame.stock[0]).toMatchObject({ lon: PROVINCE_CENTROIDS['420000']?.[0], lat: PROVINCE_CENTROIDS['420000']?.[1] });
    expect(frame.flows).toEqual([{ from: '420000', to: '430000', source: PROVINCE_CENTROIDS['420000'], target: PROVINCE_CENTROIDS['430000'], quantity: 5, hours: 5 }]);
    expect(mapFrame(result.plans[0]!, 0, 'WA', new Set(['430000'])).stock.map((s) => s.region)).toEqual(['430000']);
    expect(mapFrame(result.plans[0]!, 1, 'TENT')).toEqual({ stock: [], flows: [] });
  });

  it('suggests the plan with the least shortfall, then the least cost', () => {
    expect(bestPlan(result)).toBe('all');
  });

  it('frames the warned areas and the provinces concerned', () => {
    const box = scenarioBounds({ polygons: [{ polygon: [[[112, 28], [114, 28], [114, 30], [112, 28]]] }], circles: [{ position: [116.4, 39.9], radiusM: 111_195 }] }, ['430000']);
    expect(box?.[0]).toBeCloseTo(Math.min(112, PROVINCE_CENTROIDS['430000']?.[0] ?? 999) - 1, 5);
    expect(box?.[1]).toBeCloseTo(Math.min(27, (PROVINCE_CENTROIDS['430000']?.[1] ?? 99) - 1), 5);
    expect(box?.[3]).toBeCloseTo(41.9, 5);
    expect(box?.[2]).toBeGreaterThan(117.4 + 1);
    expect(scenarioBounds({ polygons: [], circles: [] }, [])).toBeNull();
  });
});

describe('a simulated plan as a dispatch scenario', () => {
  const run: ScenarioRun = {
    at: '2026-07-10T00:00:00.000Z',
    result,
    scenario: simulationScenarioSchema.parse({
      days: 10,
      coldSeason: true,
      affected: [
        { region: '430000', population: 2000, onsetDay: 0, durationDays: 4 },
        { region: '420000', population: 500, onsetDay: 7, durationDays: 6 },
        { region: '360000', population: 0, onsetDay: 0, durationDays: 2 },
      ],
      plans: [
        { id: 'own', sourceRegions: ['430000', '420000'], dailyTransportTonnes: 10, replenishLeadDays: null, belowFloor: false },
        { id: 'all', sourceRegions: 'all', dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false },
      ],
    }),
  };

  it('takes the people to supply, the longest need within the horizon, the season and the plan’s sources', () => {
    // Hubei from day 7 for 6 days is cut at the horizon (10): 3 days; Hunan needs 4. Jiangxi has no one to supply.
    expect(dispatchPrefillOf(run, 'own')).toEqual({ plan: 'own', regions: ['430000', '420000'], people: { '430000': 2000, '420000': 500 }, days: 4, coldSeason: true, sourceRegions: ['430000', '420000'] });
    expect(dispatchPrefillOf(run, 'all')?.sourceRegions).toBeNull();
    expect(dispatchPrefillOf(run, 'missing')).toBeNull();
  });

  it('keeps within the recommendation’s 90 days', () => {
    const long = { ...run, scenario: { ...run.scenario, days: 200, affected: [{ region: '430000', population: 10, onsetDay: 0, durationDays: 200 }] } };
    expect(dispatchPrefillOf(long, 'own')?.days).toBe(90);
  });
});
