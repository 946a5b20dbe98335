import { parseArgs } from 'node:util';
import { readKeyFile } from '../../core/replica/key-file';
import { openReplica } from '../../core/replica/replica';
import { createTraceQueries } from '../../core/trace';
import { formatInstructionTrace, formatLotTrace } from '../../core/trace/format';
import { CliError, requireOption } from '../cli-error';

export const traceHelp = `inrs trace LOT_ID --replica FILE --key-file FILE [--json]
inrs trace --instruction ID --replica FILE --key-file FILE [--json]
  A lot's whole life in log order: each event with who (subject, role), when (event and
  record time), where (depot), instruction, quantity and whether its hashes hold; its path
  across depots, stock card, rotations and alerts. With --instruction: the instruction, what
  it authorised and every movement made under it.`;

export function runTrace(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    options: {
      replica: { type: 'string' },
      'key-file': { type: 'string' },
      instruction: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const lotId = positionals[0];
  if (positionals.length > 1) throw new CliError(`one lot at a time, not ${positionals.join(' ')}`);
  if (!lotId === !values.instruction) throw new CliError('give a LOT_ID or --instruction ID');
  const replica = openReplica(requireOption(values, 'replica'), readKeyFile(requireOption(values, 'key-file')), { readonly: true });
  try {
    const trace = createTraceQueries(replica.db);
    if (values.instruction) {
      const found = trace.instruction(values.instruction);
      if (!found) throw new CliError(`no instruction ${values.instruction} in ${replica.file}`, 1);
      process.stdout.write(`${values.json ? JSON.stringify(found, null, 2) : formatInstructionTrace(found)}\n`);
      return;
    }
    const found = trace.lot(lotId as string);
    if (!found) throw new CliError(`no lot ${lotId} in ${replica.file}`, 1);
    process.stdout.write(`${values.json ? JSON.stringify(found, null, 2) : formatLotTrace(found)}\n`);
  } finally {
    replica.close();
  }
}
