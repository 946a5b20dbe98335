import { parseArgs } from 'node:util';
import { loadCostModel } from '../../core/costs/cost-model';
import { writeJsonFile } from '../../core/layout';
import { readKeyFile } from '../../core/replica/key-file';
import { openReplica } from '../../core/replica/replica';
import { planRotations, rotationInputFromReplica } from '../../core/rotation';
import { CliError, requireOption } from '../cli-error';

export const rotationPlanHelp = `inrs rotation plan --replica FILE --key-file FILE [--region ADCODE] [--months N] [--costs FILE.json] --out FILE.json
  Rotation plan: the month each lot expiring within N months (default 12) is sold and
  replaced, keeping every depot class at or above its safety floor during the replacement's
  lead time and within its monthly handling capacity, first-expired-first-out, at the least
  rotation loss plus replacement cost (HiGHS MILP). Lots that cannot be rotated in time are
  listed with the reason. Model and file format: README, "Rotation model".`;

export async function runRotationPlan(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      replica: { type: 'string' },
      'key-file': { type: 'string' },
      region: { type: 'string' },
      months: { type: 'string', default: '12' },
      costs: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const file = requireOption(values, 'replica');
  const outFile = requireOption(values, 'out');
  const months = Number(values.months);
  if (!Number.isInteger(months) || months < 1 || months > 60) throw new CliError('--months must be a whole number within 1…60');
  if (values.region !== undefined && !/^\d{6}$/.test(values.region)) throw new CliError('--region must be a 6-digit adcode');
  const costs = loadCostModel(values.costs);
  const key = readKeyFile(requireOption(values, 'key-file'));
  const replica = openReplica(file, key, { readonly: true });
  let input;
  try {
    input = rotationInputFromReplica(replica.db, { months, region: values.region, costs });
  } finally {
    replica.close();
  }
  const started = performance.now();
  const plan = await planRotations(input);
  const ms = Math.round(performance.now() - started);
  writeJsonFile(outFile, plan);
  process.stdout.write(
    `${plan.rotations.length} rotations from ${input.firstMonth} over ${months} months, cost ${plan.cost.toFixed(2)}, ` +
      `${plan.unplanned.length} unplanned; model ${plan.model.columns} columns × ${plan.model.rows} rows in ${ms} ms; wrote ${outFile}\n`,
  );
}
