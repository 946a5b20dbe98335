import type { NormsFile } from '../dispatch/norms';
import { createDispatchQueries } from '../replica/dispatch-queries';
import type { Db } from '../replica/open';
import { scenarioNeeds } from './demand';
import type { SimulationScenario } from './scenario';
import { simulationSupply, type SimulationSupply } from './supply';

/** The regions' stock of the categories a scenario needs, read with the dispatch queries (the same floors). */
export function simulationSupplyFromReplica(db: Db, scenario: SimulationScenario, norms: NormsFile): SimulationSupply {
  const categories = scenarioNeeds(scenario, norms).map((n) => n.category);
  return simulationSupply(createDispatchQueries(db).rows(categories), categories);
}
