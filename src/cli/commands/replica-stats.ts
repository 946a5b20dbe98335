import { parseArgs } from 'node:util';
import { readKeyFile } from '../../core/replica/key-file';
import { openReplica } from '../../core/replica/replica';
import { requireOption } from '../cli-error';

export const replicaStatsHelp = `inrs replica stats --replica FILE --key-file FILE [--json]
  Counts of depots, lots, events and categories; last seq, head hash and data-as-of time
  per region; the combined chain head.`;

export function runReplicaStats(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { replica: { type: 'string' }, 'key-file': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const file = requireOption(values, 'replica');
  const key = readKeyFile(requireOption(values, 'key-file'));
  // Every page is checked: a damaged or cut-short file is refused naming the page.
  const replica = openReplica(file, key, { readonly: true, pageCheck: 'full' });
  let stats;
  try {
    stats = replica.queries.stats();
  } finally {
    replica.close();
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    return;
  }
  const lines = [
    `replica     ${file}`,
    `depots      ${stats.depots}`,
    `lots        ${stats.lots}`,
    `events      ${stats.events}`,
    `categories  ${stats.categories}`,
    `chain head  ${stats.chainHead}`,
    '',
    'region  last seq  data as of                head hash',
    ...stats.regions.map(
      (r) => `${r.region}  ${String(r.lastSeq).padStart(8)}  ${(r.dataAsOf ?? '-').padEnd(24)}  ${r.headHash.slice(0, 16)}…  ${r.nameZh}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
