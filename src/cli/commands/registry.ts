import { parseArgs } from 'node:util';
import { ASSET_STATES } from '../../shared/domain/registry';
import { readAssets, traceAsset, type AssetTrace } from '../../core/registry/registry-log';
import { CliError } from '../cli-error';
import { openAuditTarget } from './audit-target';
import { registryLedgerHelp, runRegistryLedger, runRegistryStatement } from './registry-ledger';
import { registryEnrolHelp, runRegistryEnrol } from './registry-enrol';

export const registryHelp = `inrs registry list --data DIR [--state ${ASSET_STATES.join('|')}] [--json]
  The civilian assets on a server's log (or --replica FILE --key-file FILE): id, kind, name,
  owner, region and state.

inrs registry trace ID --data DIR [--json]
  One civilian asset's whole life, by its asset id (CA-…) or the id of the resource it became
  (CL- lot, CU- capability unit, CS- service): every step with who (subject, role), when, on
  what instruction and what, and the resource with its status.

${registryLedgerHelp}

${registryEnrolHelp}`;

const storeOptions = {
  data: { type: 'string' },
  replica: { type: 'string' },
  'key-file': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

function runRegistryList(args: string[]): void {
  const { values } = parseArgs({ args, options: { ...storeOptions, state: { type: 'string' } }, strict: true });
  if (values.state !== undefined && !(ASSET_STATES as readonly string[]).includes(values.state)) {
    throw new CliError(`--state must be one of ${ASSET_STATES.join(', ')}, not ${JSON.stringify(values.state)}`);
  }
  const target = openAuditTarget(values);
  try {
    const assets = readAssets(target.replica.db, values.state ? { state: values.state } : {});
    if (values.json) return void process.stdout.write(`${JSON.stringify(assets, null, 2)}\n`);
    const lines = assets.map((a) => `${a.assetId}  ${a.kind.padEnd(10)} ${a.state.padEnd(10)} ${a.region}  ${a.name}  (${a.owner})`);
    process.stdout.write(`${lines.length ? lines.join('\n') : `no civilian asset${values.state ? ` in state ${values.state}` : ''} in ${target.label}`}\n`);
  } finally {
    target.replica.close();
  }
}

function formatTrace(t: AssetTrace): string {
  const r = t.resource;
  const head = [
    `${t.asset.assetId}  ${t.asset.kind}  ${t.asset.name}  owner ${t.asset.owner}  state ${t.asset.state}`,
    r ? `resource ${r.resourceId} (${r.kind} ${r.what}${r.amount === null ? '' : ` ${r.amount}${r.unit ? ` ${r.unit}` : ''}`}) ${r.status}, held by ${r.owner}` : 'not onboarded',
  ];
  const steps = t.steps.map((s) => `  #${s.seq}  ${s.time}  ${s.type.replace('registry.asset-', '')}  by ${s.subject} (${s.role})${s.instructionId ? `  instruction ${s.instructionId}` : ''}  ${JSON.stringify(s.detail)}`);
  return [...head, ...steps].join('\n');
}

function runRegistryTrace(args: string[]): void {
  const { values, positionals } = parseArgs({ args, options: storeOptions, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new CliError('give one asset or resource id (CA-…, CL-…, CU-…, CS-…)');
  const id = positionals[0] as string;
  const target = openAuditTarget(values);
  try {
    const found = traceAsset(target.replica.db, id);
    if (!found) throw new CliError(`no civilian asset or resource ${id} in ${target.label}`, 1);
    process.stdout.write(`${values.json ? JSON.stringify(found, null, 2) : formatTrace(found)}\n`);
  } finally {
    target.replica.close();
  }
}

export const registryCommands: Record<string, (args: string[]) => void> = {
  'registry enrol': runRegistryEnrol,
  'registry list': runRegistryList,
  'registry trace': runRegistryTrace,
  'registry ledger': runRegistryLedger,
  'registry statement': runRegistryStatement,
};
