import { describe, expect, it } from 'vitest';
import { parseSimulationScenario, simulate, type PlanResult, type SimulationSupply } from '../../src/core/simulate';
import { CATEGORY_ROWS, COSTS, normsOf, region } from '../simulate/support';

/*
 * Civilian transport capacity in the scenario simulation: Hubei's 1,000 people need 250 cases of
 * water a day and 200 tents once; Hunan holds enough. With 2.4 t a day of the state's transport
 * the plan is short; a plan calling on the registry's civilian transport units (here 40 t a day)
 * has the limit raised by them and is short of nothing more than the plan without any limit.
 */
const supply: SimulationSupply = {
  categories: CATEGORY_ROWS,
  regions: [region('420000', 114.3, 30.6, { 'WA-BOTTLE': [300, 100], 'SH-TENT': [150, 50] }), region('430000', 112.94, 28.23, { 'WA-BOTTLE': [2000, 0], 'SH-TENT': [400, 0] })],
  civilianTransportTonnesPerDay: 40,
};
const plan = (id: string, over: Record<string, unknown> = {}) => ({ id, sourceRegions: 'all', dailyTransportTonnes: 2.4, replenishLeadDays: null, belowFloor: false, ...over });
const scenario = parseSimulationScenario({
  days: 3,
  affected: [{ region: '420000', population: 1000, onsetDay: 0, durationDays: 3 }],
  plans: [plan('state-only'), plan('with-civilian', { civilianTransport: true }), plan('no-limit', { dailyTransportTonnes: null }), plan('no-limit-civilian', { dailyTransportTonnes: null, civilianTransport: true })],
});

describe('civilian transport in the scenario simulation', async () => {
  const result = await simulate(scenario, supply, normsOf('WA-BOTTLE', 'SH-TENT'), COSTS);
  const get = (id: string) => result.plans.find((p) => p.id === id) as PlanResult;

  it('removes the shortfall the state’s transport limit leaves, and says it called on civilian capacity', () => {
    expect(get('state-only').summary.shortfallPersonDays).toBeGreaterThan(0);
    expect(get('with-civilian').summary.shortfallPersonDays).toBe(get('no-limit').summary.shortfallPersonDays);
    expect(get('with-civilian').summary.shortfallPersonDays).toBeLessThan(get('state-only').summary.shortfallPersonDays);
    expect(get('with-civilian').summary.civilianTransportTonnesPerDay).toBe(40);
    expect(get('state-only').summary.civilianTransportTonnesPerDay).toBe(0);
  });

  it('prices what civilian transport carries at its own rate: each day’s load above the state’s limit, pro rata', () => {
    const civ = get('with-civilian');
    const tonnes = (category: string) => COSTS.categories[category]!.tonnesPerUnit.value;
    // Recomputed from the flows: road km = hours × speed; a day's civilian share = (load − 2.4 t) / load.
    let expected = 0;
    for (let day = 0; day < scenario.days; day++) {
      const legs = civ.flows.filter((f) => f.day === day);
      const load = legs.reduce((n, f) => n + f.quantity * tonnes(f.category), 0);
      const tkm = legs.reduce((n, f) => n + f.quantity * tonnes(f.category) * f.hours * scenario.speedKmh, 0);
      if (load > 2.4) expected += (tkm * (load - 2.4)) / load;
    }
    expect(expected).toBeGreaterThan(0);
    expect(civ.summary.civilianTonneKm).toBeCloseTo(expected, 0);
    const rate = COSTS.civilianTransportPerTonneKm!.value;
    expect(rate).toBeGreaterThan(COSTS.transportPerTonneKm.value);
    expect(civ.summary.costBreakdown.civilianTransport).toBeCloseTo(civ.summary.civilianTonneKm * rate, 1);
    expect(civ.summary.costBreakdown.transport).toBeCloseTo((civ.summary.tonneKm - civ.summary.civilianTonneKm) * COSTS.transportPerTonneKm.value, 1);
    const b = civ.summary.costBreakdown;
    expect(civ.summary.cost).toBeCloseTo(b.transport + b.civilianTransport + b.handling + b.procurement, 1);
    // The plans that carry nothing civilian pay nothing civilian.
    for (const id of ['state-only', 'no-limit', 'no-limit-civilian']) expect(get(id).summary).toMatchObject({ civilianTonneKm: 0, costBreakdown: { civilianTransport: 0 } });
  });

  it('adds nothing to a plan without a transport limit, nor when the plan does not call on it', () => {
    expect(get('no-limit-civilian').summary.civilianTransportTonnesPerDay).toBe(0);
    expect(get('no-limit-civilian').summary.shortfallPersonDays).toBe(get('no-limit').summary.shortfallPersonDays);
  });
});
