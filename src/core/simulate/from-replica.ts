import type { NormsFile } from '../dispatch/norms';
import { createDispatchQueries, type DispatchQueries } from '../replica/dispatch-queries';
import type { Db } from '../replica/open';
import { scenarioNeeds } from './demand';
import type { SimulationScenario } from './scenario';
import { simulationSupply, type SimulationSupply } from './supply';

/** A capacity unit written as tonnes per day: `t/day`, `t/d`, `tonnes/day`, `吨/天`, `吨/日`. */
const TONNES_PER_DAY = /^\s*(t|tonnes?|吨)\s*\/\s*(d|day|天|日)\s*$/i;

/** The civilian transport units available in the registry, in tonnes per day (a unit whose capacity is in another unit is not counted). */
export function civilianTransportTonnesPerDay(db: Db): number {
  const units = db
    .prepare<[], { amount: number | null; unit: string | null }>("SELECT amount, unit FROM registry_resources WHERE kind = 'unit' AND what = 'transport' AND status = 'available'")
    .all();
  return units.reduce((n, u) => n + (u.amount !== null && TONNES_PER_DAY.test(u.unit ?? '') ? u.amount : 0), 0);
}

/** The regions' stock of some categories, read with the dispatch queries (the same floors), and the civilian transport. */
export function replicaSimulationSupply(db: Db, queries: DispatchQueries, categories: string[]): SimulationSupply {
  return { ...simulationSupply(queries.rows(categories), categories), civilianTransportTonnesPerDay: civilianTransportTonnesPerDay(db) };
}

/** The supply of the categories a scenario needs (`inrs simulate`). */
export function simulationSupplyFromReplica(db: Db, scenario: SimulationScenario, norms: NormsFile): SimulationSupply {
  return replicaSimulationSupply(db, createDispatchQueries(db), scenarioNeeds(scenario, norms).map((n) => n.category));
}
