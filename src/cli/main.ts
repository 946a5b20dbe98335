import { ReplicaError } from '../core/replica/errors';
import { CliError } from './cli-error';
import { replicaStatsHelp, runReplicaStats } from './commands/replica-stats';
import { runSeed, seedHelp } from './commands/seed';

/** `inrs`: the operator command line. */
const HELP = `inrs — INRS Command Center operator command line

usage: inrs <command> [options]

commands:
${[seedHelp, replicaStatsHelp].map((h) => `  ${h.replace(/\n/g, '\n  ')}`).join('\n\n')}

  inrs --help
  This text.`;

const commands: Record<string, (args: string[]) => void> = {
  seed: runSeed,
  'replica stats': runReplicaStats,
};

function route(argv: string[]): { run: (args: string[]) => void; args: string[] } | null {
  const two = argv.slice(0, 2).join(' ');
  const one = argv[0] ?? '';
  const byTwo = commands[two];
  if (byTwo) return { run: byTwo, args: argv.slice(2) };
  const byOne = commands[one];
  if (byOne) return { run: byOne, args: argv.slice(1) };
  return null;
}

export function main(argv: string[]): number {
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
    found.run(found.args);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`inrs: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof ReplicaError) {
      process.stderr.write(`inrs: ${err.message}\n`);
      return 1;
    }
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`inrs: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = main(process.argv.slice(2));
