import { parseArgs } from 'node:util';
import { loadCostModel } from '../../core/costs/cost-model';
import { loadNorms } from '../../core/dispatch/norms';
import { readKeyFile } from '../../core/replica/key-file';
import { openReplica } from '../../core/replica/replica';
import { readScenarioFile, simulate, simulationSupplyFromReplica, SimulateInputError, writeSimulationFile, type SimulationSupply } from '../../core/simulate';
import { CliError, requireOption } from '../cli-error';
import { progressBar } from '../progress';

export const simulateHelp = `inrs simulate --replica FILE --key-file FILE --scenario FILE.json [--costs FILE.json] --out FILE.json
  Scenario simulation: each response plan (source regions, daily transport tonnes,
  replenishment lead days, use of stock below floor) run over the scenario's days against the
  replica's stock: demand by the per-capita norms, delivered and shortfall per day and category,
  stock left per region and category, and per plan the shortfall in person-days, transport
  hours, cost and regions left below floor (HiGHS LP per plan). Progress on stderr.
  Model and file formats: README, "Scenario simulation".`;

export async function runSimulate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { replica: { type: 'string' }, 'key-file': { type: 'string' }, scenario: { type: 'string' }, costs: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const replicaFile = requireOption(values, 'replica');
  const keyFile = requireOption(values, 'key-file');
  const scenarioFile = requireOption(values, 'scenario');
  const outFile = requireOption(values, 'out');
  try {
    const scenario = readScenarioFile(scenarioFile);
    const norms = loadNorms();
    const costs = loadCostModel(values.costs);
    const replica = openReplica(replicaFile, readKeyFile(keyFile), { readonly: true });
    let supply: SimulationSupply;
    try {
      supply = simulationSupplyFromReplica(replica.db, scenario, norms);
    } finally {
      replica.close();
    }
    const started = performance.now();
    const result = await simulate(scenario, supply, norms, costs, { onProgress: progressBar('simulate') });
    const ms = Math.round(performance.now() - started);
    writeSimulationFile(outFile, result);
    for (const p of result.plans) {
      const s = p.summary;
      process.stdout.write(
        `${p.id}: shortfall ${s.shortfallPersonDays.toFixed(1)} person-days, transport ${s.transportHours.toFixed(1)} h, ` +
          `cost ${s.cost.toFixed(2)} CNY, ${s.regionsBelowFloor.length} regions below floor\n`,
      );
    }
    process.stdout.write(`${result.plans.length} plans over ${result.days} days in ${ms} ms; wrote ${outFile}\n`);
  } catch (err) {
    if (err instanceof SimulateInputError) throw new CliError(err.message, 2);
    throw err;
  }
}
