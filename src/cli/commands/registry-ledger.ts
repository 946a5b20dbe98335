import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { locateFonts } from '../../core/briefing/font';
import { ledgerReport, type LedgerReport } from '../../core/registry/ledger-report';
import { RuleSignatureError } from '../../core/registry/rule-signatures';
import { renderStatement } from '../../core/registry/statement-pdf';
import { CliError, requireOption } from '../cli-error';
import { openAuditTarget } from './audit-target';

export const registryLedgerHelp = `inrs registry ledger --data DIR [--contributor ID] [--root root.crt] [--json]
  The contribution ledger recomputed from the log alone (or --replica FILE --key-file FILE):
  each rule version is first re-verified as signed by the national hub (with --root, its
  signer's chain to the national root too; a rule event that does not verify stops the
  ledger), then every verified registration and meter record is priced by the rule version in
  force at its own time. Balances per contributor, entries with their rule version.

inrs registry statement --data DIR --contributor ID --out FILE.pdf [--root root.crt] [--force]
  The contributor's statement (Chinese PDF): its entries, the rule versions that priced them,
  the balance, and that the ledger records contribution units only: no return is promised.`;

const options = {
  data: { type: 'string' },
  replica: { type: 'string' },
  'key-file': { type: 'string' },
  contributor: { type: 'string' },
  root: { type: 'string' },
} as const;

function readRoot(file: string | undefined): X509Certificate | undefined {
  if (file === undefined) return undefined;
  try {
    return new X509Certificate(readFileSync(file));
  } catch (err) {
    throw new CliError(`--root ${file}: not a readable certificate (${(err as Error).message})`);
  }
}

function computeReport(values: { data?: string; replica?: string; 'key-file'?: string; contributor?: string; root?: string }): LedgerReport {
  const root = readRoot(values.root);
  const target = openAuditTarget(values);
  try {
    return ledgerReport(target.replica.db, { ...(values.contributor ? { contributor: values.contributor } : {}), ...(root ? { root } : {}) });
  } catch (err) {
    if (err instanceof RuleSignatureError) throw new CliError(`ledger refused: ${err.message}`, 1);
    throw err;
  } finally {
    target.replica.close();
  }
}

function formatLedger(report: LedgerReport): string {
  const rules = report.rules.map((r) => `rule ${r.version} from ${r.effectiveFrom}, signed by ${r.signer} (${r.chainChecked ? 'signature and chain verified' : 'signature verified; chain not checked, give --root'})`);
  const entries = report.entries.map((e) => `  ${e.at}  ${e.contributor}  ${e.assetId}  ${e.source.padEnd(14)} rule ${e.ruleVersion.padEnd(10)} ${e.units}`);
  const balances = report.balances.map((b) => `${b.contributor}: ${b.units} units`);
  return [...(rules.length ? rules : ['no contribution rule published yet']), 'entries:', ...(entries.length ? entries : ['  none']), 'balances:', ...balances, 'Contribution units only: no payment and no return is promised.'].join('\n');
}

export function runRegistryLedger(args: string[]): void {
  const { values } = parseArgs({ args, options: { ...options, json: { type: 'boolean', default: false } }, strict: true });
  const report = computeReport(values);
  process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatLedger(report)}\n`);
}

export function runRegistryStatement(args: string[]): void {
  const { values } = parseArgs({ args, options: { ...options, out: { type: 'string' }, force: { type: 'boolean', default: false } }, strict: true });
  const contributor = requireOption(values, 'contributor');
  const out = requireOption(values, 'out');
  if (existsSync(out) && !values.force) throw new CliError(`${out} already exists; choose another --out (or --force to replace it)`);
  const report = computeReport(values);
  const pdf = renderStatement(report, contributor, locateFonts(), new Date().toISOString());
  // Written beside the target then renamed: a failed write never leaves half a statement.
  const partial = `${out}.partial`;
  try {
    writeFileSync(partial, pdf, { mode: 0o600 });
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  process.stdout.write(`${out}: statement of ${contributor}, ${report.entries.length} entries, ${report.balances.find((b) => b.contributor === contributor)?.units ?? 0} units\n`);
}
