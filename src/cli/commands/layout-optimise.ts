import { parseArgs } from 'node:util';
import { LayoutInputError, layoutProblemFromReplica, readLayoutProblemFile, solveLayout, writeJsonFile, type LayoutProblem } from '../../core/layout';
import { readKeyFile } from '../../core/replica/key-file';
import { openReplica } from '../../core/replica/replica';
import { CliError, requireOption } from '../cli-error';

export const layoutOptimiseHelp = `inrs layout optimise (--problem FILE.json | --from-replica --replica FILE --key-file FILE [--region ADCODE] [--max-open N]) --out FILE.json [--write-problem FILE.json]
  Layout recommendation: which candidate sites to open (at most maxOpen) and which demand
  point each serves, minimising fixed costs plus demand × road hours (capacitated facility
  location, HiGHS MILP to proven optimality, solved on each point's nearest sites with a proof
  for the rest; each round's bound is printed on stderr). --from-replica builds the problem from the
  replica's depots and the prefecture cities weighted by population and risk.
  File formats: README, "Layout model".`;

function problemFrom(values: Record<string, unknown>): LayoutProblem {
  if (values['from-replica']) {
    const key = readKeyFile(requireOption(values, 'key-file'));
    const replica = openReplica(requireOption(values, 'replica'), key, { readonly: true });
    try {
      const maxOpen = values['max-open'] === undefined ? undefined : Number(values['max-open']);
      if (maxOpen !== undefined && (!Number.isInteger(maxOpen) || maxOpen < 0)) throw new CliError('--max-open must be a whole number ≥ 0');
      return layoutProblemFromReplica(replica.db, { maxOpen, region: values.region as string | undefined });
    } finally {
      replica.close();
    }
  }
  if (typeof values.problem !== 'string') throw new CliError('give --problem FILE.json or --from-replica');
  return readLayoutProblemFile(values.problem);
}

export async function runLayoutOptimise(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      problem: { type: 'string' },
      out: { type: 'string' },
      'from-replica': { type: 'boolean', default: false },
      replica: { type: 'string' },
      'key-file': { type: 'string' },
      region: { type: 'string' },
      'max-open': { type: 'string' },
      'write-problem': { type: 'string' },
    },
    strict: true,
  });
  const outFile = requireOption(values, 'out');
  try {
    const problem = problemFrom(values);
    if (values['write-problem']) writeJsonFile(values['write-problem'], problem);
    const started = performance.now();
    // Each round's proven bound on stderr: a large instance takes minutes.
    const solution = await solveLayout(problem, {
      onRound: (r) =>
        process.stderr.write(`round ${r.round}: ${r.arcs} arcs, lower bound ${r.bound.toFixed(3)}, ${r.overflowPoints === 0 ? 'no point beyond its arcs: optimal' : `${r.overflowPoints} points beyond their arcs`} (${r.ms} ms)\n`),
    });
    const ms = Math.round(performance.now() - started);
    writeJsonFile(outFile, solution);
    process.stdout.write(
      solution.status === 'optimal'
        ? `optimal: objective ${solution.objective.toFixed(3)}, ${solution.open.length} of ${problem.candidates.length} sites open, ${solution.flows.length} flows in ${ms} ms; wrote ${outFile}\n`
        : `infeasible: ${solution.reason}; wrote ${outFile}\n`,
    );
  } catch (err) {
    if (err instanceof LayoutInputError) throw new CliError(err.message, 2);
    throw err;
  }
}
