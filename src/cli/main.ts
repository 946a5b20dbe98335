import { ReplicaError } from '../core/replica/errors';
import { CliError } from './cli-error';
import { replicaStatsHelp, runReplicaStats } from './commands/replica-stats';
import { runSeed, seedHelp } from './commands/seed';
import { pkiCommands, pkiHelp } from './commands/pki';
import { runServerCommand, runServerStats, serverHelp, serverStatsHelp, UsageError } from '../core/regional/server-command';
import { runServerAudit, serverAuditHelp } from '../core/regional/server-audit';
import { runSyncCommand, syncHelp } from '../core/sync/sync-command';
import { auditVerifyHelp, runAuditVerify } from './commands/audit-verify';
import { dispatchSolveHelp, runDispatchSolve } from './commands/dispatch-solve';
import { layoutOptimiseHelp, runLayoutOptimise } from './commands/layout-optimise';
import { rotationPlanHelp, runRotationPlan } from './commands/rotation-plan';
import { runTrace, traceHelp } from './commands/trace';
import { exportEpcisHelp, runExportEpcis } from './commands/export-epcis';
import { briefingCommands, briefingHelp } from './commands/briefing';
import { runSimulate, simulateHelp } from './commands/simulate';
import { hazardImportHelp, runHazardImport } from './commands/hazard-import';
import { backupCommands, backupHelp } from './commands/backup';
import { mirrorCommands, mirrorHelp } from './commands/mirror';
import { registryCommands, registryHelp } from './commands/registry';
import { contributorCommands, contributorHelp } from './commands/contributor';

/** `inrs`: the operator command line. */
const HELP = `inrs — INRS Command Center operator command line

usage: inrs <command> [options]

commands:
${[seedHelp, replicaStatsHelp, serverHelp, serverStatsHelp, serverAuditHelp, syncHelp, auditVerifyHelp, traceHelp, exportEpcisHelp, dispatchSolveHelp, hazardImportHelp, simulateHelp, layoutOptimiseHelp, rotationPlanHelp, briefingHelp, backupHelp, mirrorHelp, registryHelp, contributorHelp, pkiHelp].map((h) => `  ${h.replace(/\n/g, '\n  ')}`).join('\n\n')}

  inrs --help
  This text.`;

const commands: Record<string, (args: string[]) => void | Promise<void>> = {
  seed: runSeed,
  'replica stats': runReplicaStats,
  server: runServerCommand,
  'server stats': runServerStats,
  'server audit': runServerAudit,
  sync: runSyncCommand,
  'audit verify': runAuditVerify,
  'dispatch solve': runDispatchSolve,
  'hazard import': runHazardImport,
  simulate: runSimulate,
  'layout optimise': runLayoutOptimise,
  'rotation plan': runRotationPlan,
  trace: runTrace,
  'export epcis': runExportEpcis,
  ...pkiCommands,
  ...briefingCommands,
  ...backupCommands,
  ...mirrorCommands,
  ...registryCommands,
  ...contributorCommands,
};

function route(argv: string[]): { run: (args: string[]) => void | Promise<void>; args: string[] } | null {
  const two = argv.slice(0, 2).join(' ');
  const one = argv[0] ?? '';
  const byTwo = commands[two];
  if (byTwo) return { run: byTwo, args: argv.slice(2) };
  const byOne = commands[one];
  if (byOne) return { run: byOne, args: argv.slice(1) };
  return null;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const found = route(argv);
  if (!found) {
    process.stderr.write(`inrs: unknown command "${argv.join(' ')}"; see inrs --help\n`);
    return 2;
  }
  try {
    await found.run(found.args);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`inrs: ${err.message}\n`);
      return 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`inrs: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`inrs: ${err.message}\n`);
      return 2;
    }
    // Every other failure (a wrong key, a refused certificate, a bad config file…) is one line;
    // INRS_DEBUG=1 shows the stack.
    const known = err instanceof ReplicaError || err instanceof Error;
    process.stderr.write(`inrs: ${known ? (err as Error).message : String(err)}\n`);
    if (process.env.INRS_DEBUG && err instanceof Error) process.stderr.write(`${err.stack ?? ''}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
