import type { NormsFile } from '../dispatch/norms';
import { createDispatchQueries } from '../replica/dispatch-queries';
import type { Db } from '../replica/open';
import { scenarioNeeds } from './demand';
import type { SimulationScenario } from './scenario';
import { simulationSupply, type SimulationSupply } from './supply';

/** A capacity unit written as tonnes per day: `t/day`, `t/d`, `tonnes/day`, `吨/天`, `吨/日`. */
const TONNES_PER_DAY = /^\s*(t|tonnes?|吨)\s*\/\s*(d|day|天|日)\s*$/i;

/**
 * The regions' stock of the categories a scenario needs, read with the dispatch queries (the same
 * floors), and the civilian transport units available in the registry, in tonnes per day (a unit
 * whose capacity is in another unit is not counted).
 */
export function simulationSupplyFromReplica(db: Db, scenario: SimulationScenario, norms: NormsFile): SimulationSupply {
  const categories = scenarioNeeds(scenario, norms).map((n) => n.category);
  const units = db
    .prepare<[], { amount: number | null; unit: string | null }>("SELECT amount, unit FROM registry_resources WHERE kind = 'unit' AND what = 'transport' AND status = 'available'")
    .all();
  const civilianTransportTonnesPerDay = units.reduce((n, u) => n + (u.amount !== null && TONNES_PER_DAY.test(u.unit ?? '') ? u.amount : 0), 0);
  return { ...simulationSupply(createDispatchQueries(db).rows(categories), categories), civilianTransportTonnesPerDay };
}
