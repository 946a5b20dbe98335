import { parseArgs } from 'node:util';
import { exportEpcis } from '../../core/epcis/export';
import { readKeyFile } from '../../core/replica/key-file';
import { openReplica } from '../../core/replica/replica';
import { CliError, requireOption } from '../cli-error';

export const exportEpcisHelp = `inrs export epcis --replica FILE --key-file FILE [--lot ID | --since ISO-TIME] --out FILE.jsonld
  Writes lot movements as a GS1 EPCIS 2.0 JSON-LD EPCISDocument (mode 0600): intake, transfer,
  issue, inspection, disposal as ObjectEvents, rotation as a TransformationEvent, corrections as
  error declarations; instructions as business transactions, lot master data as ILMD.
  Refuses to overwrite FILE.`;

export function runExportEpcis(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      replica: { type: 'string' },
      'key-file': { type: 'string' },
      lot: { type: 'string' },
      since: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const out = requireOption(values, 'out');
  if (values.lot && values.since) throw new CliError('give --lot or --since, not both');
  if (values.since !== undefined && Number.isNaN(Date.parse(values.since))) throw new CliError('--since must be an ISO date-time');
  const replica = openReplica(requireOption(values, 'replica'), readKeyFile(requireOption(values, 'key-file')), { readonly: true });
  try {
    const result = exportEpcis(replica.db, out, {
      ...(values.lot ? { lotId: values.lot } : {}),
      ...(values.since ? { since: new Date(values.since).toISOString() } : {}),
    });
    process.stdout.write(`wrote ${out}: ${result.epcisEvents} EPCIS events from ${result.events} movements in ${(result.millis / 1000).toFixed(1)} s\n`);
  } finally {
    replica.close();
  }
}
