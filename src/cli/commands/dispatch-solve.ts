import { parseArgs } from 'node:util';
import { DispatchInputError, readProblemFile, solveDispatch, writeSolutionFile } from '../../core/dispatch';
import { CliError, requireOption } from '../cli-error';

export const dispatchSolveHelp = `inrs dispatch solve --problem FILE.json --out FILE.json
  Dispatch recommendation: the flows from depots to demand points that minimise quantity ×
  road hours, plus a penalty per unit short, per category (HiGHS linear programme). Demand
  that supply cannot meet comes out as shortfalls. File formats: README, "Dispatch model".`;

export async function runDispatchSolve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { problem: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const problemFile = requireOption(values, 'problem');
  const outFile = requireOption(values, 'out');
  try {
    const problem = readProblemFile(problemFile);
    const started = performance.now();
    const solution = await solveDispatch(problem);
    const ms = Math.round(performance.now() - started);
    writeSolutionFile(outFile, solution);
    process.stdout.write(
      `${solution.status}: objective ${solution.objective.toFixed(3)}, ${solution.flows.length} flows, ` +
        `${solution.shortfalls.length} shortfalls in ${ms} ms; wrote ${outFile}\n`,
    );
  } catch (err) {
    if (err instanceof DispatchInputError) throw new CliError(err.message, 2);
    throw err;
  }
}
