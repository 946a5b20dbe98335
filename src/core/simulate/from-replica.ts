import type { NormsFile } from '../dispatch/norms';
import { createDispatchQueries, type DispatchQueries } from '../replica/dispatch-queries';
import type { Db } from '../replica/open';
import { scenarioNeeds } from './demand';
import type { SimulationScenario } from './scenario';
import { simulationSupply, type SimulationSupply } from './supply';

/** The regions' stock of some categories, read with the dispatch queries (the same floors), and the civilian transport in tonnes per day. */
export function replicaSimulationSupply(queries: DispatchQueries, categories: string[]): SimulationSupply {
  const rows = queries.rows(categories);
  return { ...simulationSupply(rows, categories), civilianTransportTonnesPerDay: (rows.transport ?? []).reduce((n, u) => n + u.tonnesPerDay, 0) };
}

/** The supply of the categories a scenario needs (`inrs simulate`). */
export function simulationSupplyFromReplica(db: Db, scenario: SimulationScenario, norms: NormsFile): SimulationSupply {
  return replicaSimulationSupply(createDispatchQueries(db), scenarioNeeds(scenario, norms).map((n) => n.category));
}
