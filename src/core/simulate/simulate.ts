import { categoryCosts, CostModelError, unitPriceIn, type CostModel } from '../costs/cost-model';
import type { NormsFile } from '../dispatch/norms';
import { highsRuntime } from '../optim/highs';
import { scenarioDemand, type CategoryBasis } from './demand';
import { SimulateInputError } from './errors';
import { buildPlanModel, type PlanModel } from './model';
import { readPlanResult, round6, type PlanResult, type UnitCosts } from './result';
import type { SimulationScenario } from './scenario';
import { phasesOf, solvePlanModel } from './solve';
import type { SimulationSupply } from './supply';

/** The output file of `inrs simulate`: the scenario's categories, then one result per plan, in input order. */
export interface SimulationResult {
  title?: string;
  days: number;
  categories: { code: string; unit: string; unitEn: string; basis: CategoryBasis; personDaysPerUnit: number }[];
  plans: PlanResult[];
  model: { plans: { id: string; columns: number; rows: number }[] };
}

export interface SimulateOptions {
  /** Called after each objective of each plan is solved. */
  onProgress?: (done: number, total: number) => void;
}

function unitCosts(costs: CostModel, categories: readonly string[], month: number | undefined): Map<string, UnitCosts> {
  return new Map(
    categories.map((c) => {
      try {
        const k = categoryCosts(costs, c);
        const unitPrice = month === undefined ? k.unitPrice.value : unitPriceIn(k, month);
        return [c, { tonnesPerUnit: k.tonnesPerUnit.value, handlingPerUnit: k.rotation.handlingPerUnit.value, unitPrice }];
      } catch (err) {
        if (err instanceof CostModelError) throw new SimulateInputError(err.message);
        throw err;
      }
    }),
  );
}

/** Runs every plan of a scenario over the horizon against the regions' stock. */
export async function simulate(scenario: SimulationScenario, supply: SimulationSupply, norms: NormsFile, costs: CostModel, options: SimulateOptions = {}): Promise<SimulationResult> {
  const demand = scenarioDemand(scenario, norms);
  const codes = demand.needs.map((n) => n.category);
  const perUnit = unitCosts(costs, codes, scenario.month);
  const tonnesPerUnit = new Map([...perUnit].map(([c, u]) => [c, u.tonnesPerUnit]));
  const models: PlanModel[] = scenario.plans.map((plan) => buildPlanModel({ scenario, plan, supply, demand, tonnesPerUnit }));
  const total = models.reduce((n, m) => n + phasesOf(m), 0);
  let done = 0;
  options.onProgress?.(0, total);
  const highs = await highsRuntime();
  const plans = scenario.plans.map((plan, k) => {
    const m = models[k] as PlanModel;
    const x = solvePlanModel(highs, m, () => options.onProgress?.(++done, total));
    return readPlanResult({ scenario, plan, supply, demand, costs: perUnit, transportPerTonneKm: costs.transportPerTonneKm.value, civilianTransportPerTonneKm: (costs.civilianTransportPerTonneKm ?? costs.transportPerTonneKm).value }, m, x);
  });
  const units = new Map(supply.categories.map((c) => [c.code, c]));
  return {
    ...(scenario.title !== undefined ? { title: scenario.title } : {}),
    days: scenario.days,
    categories: demand.needs.map((n) => ({
      code: n.category,
      unit: units.get(n.category)?.unit ?? '',
      unitEn: units.get(n.category)?.unitEn ?? '',
      basis: n.basis,
      personDaysPerUnit: round6(n.personDaysPerUnit),
    })),
    plans,
    model: { plans: scenario.plans.map((p, k) => ({ id: p.id, columns: models[k]?.model.colCost.length ?? 0, rows: models[k]?.model.rowLower.length ?? 0 })) },
  };
}
