import { afterEach, describe, expect, it } from 'vitest';
import { parseSimulationScenario, simulate, type SimulationSupply } from '../../src/core/simulate';
import { createSimulationRunner, type SimulationRunner } from '../../src/core/simulate/simulate-client';
import { CATEGORY_ROWS, COSTS, normsOf, region } from './support';

/** The simulation in its own worker thread: the in-process result, progress per objective solved, bad input kept as such, a clean shutdown. */

const supply: SimulationSupply = {
  categories: CATEGORY_ROWS,
  regions: [region('420000', 114.3, 30.6, { 'WA-BOTTLE': [300, 100], 'SH-TENT': [150, 50] }), region('430000', 112.94, 28.23, { 'WA-BOTTLE': [600, 0] })],
};
const norms = normsOf('WA-BOTTLE', 'SH-TENT');
const scenario = parseSimulationScenario({
  days: 3,
  affected: [{ region: '420000', population: 1000, onsetDay: 0, durationDays: 3 }],
  plans: [
    { id: 'own', sourceRegions: ['420000'], dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false },
    { id: 'all', sourceRegions: 'all', dailyTransportTonnes: 5, replenishLeadDays: 1, belowFloor: true },
  ],
});

let runner: SimulationRunner | null = null;
afterEach(async () => {
  await runner?.dispose();
  runner = null;
});

describe('simulation worker', () => {
  it('gives the in-process result and reports each objective solved', async () => {
    runner = createSimulationRunner();
    const progress: [number, number][] = [];
    const result = await runner.run({ scenario, supply, norms, costs: COSTS }, (done, total) => progress.push([done, total]));
    expect(result).toEqual(await simulate(scenario, supply, norms, COSTS));
    // Two objectives for the first plan, three for the one that may go below floor.
    expect(progress).toEqual([0, 1, 2, 3, 4, 5].map((k) => [k, 5]));
  });

  it('keeps bad input a SimulateInputError, and refuses what comes after shutdown', async () => {
    runner = createSimulationRunner();
    const noCosts = { ...COSTS, categories: {} };
    await expect(runner.run({ scenario, supply, norms, costs: noCosts })).rejects.toMatchObject({ name: 'SimulateInputError', message: 'the cost model has no entry for category SH-TENT' });
    await runner.dispose();
    await expect(runner.run({ scenario, supply, norms, costs: COSTS })).rejects.toThrow('the simulation worker is shut down');
  });
});
