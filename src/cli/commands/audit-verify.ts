import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatAuditReport } from '../../core/audit/format';
import { verifyStore } from '../../core/audit/verify';
import { CliError } from '../cli-error';
import { openAuditTarget } from './audit-target';

export const auditVerifyHelp = `inrs audit verify (--replica FILE --key-file FILE | --data DIR) [--root FILE] [--skip-replay] [--json]
  Re-derives every event's content id and chain hash region by region from the stored bytes;
  checks gap-free seqs, the region heads, every checkpoint's signature (against the national
  root given by --root; without it against each signer chain's own top, reported unanchored)
  and hash, forks, and that the projected state equals a fresh replay of the log. Exits 1
  naming the first bad region and seq: edited, missing, reordered, inserted, truncated, fork.`;

export function runAuditVerify(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      replica: { type: 'string' },
      'key-file': { type: 'string' },
      data: { type: 'string' },
      root: { type: 'string' },
      'skip-replay': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const rootPem = values.root ? readFileSync(values.root, 'utf8') : null;
  const target = openAuditTarget(values);
  let report;
  try {
    report = verifyStore(target.replica.db, target.label, { rootPem, allowSnapshot: target.allowSnapshot, replay: !values['skip-replay'] });
  } finally {
    target.replica.close();
  }
  process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatAuditReport(report)}\n`);
  const first = report.firstProblem;
  if (first) throw new CliError(`audit failed: region ${first.region} seq ${first.seq}: ${first.kind}: ${first.message}`, 1);
}
