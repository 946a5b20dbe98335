import { runServerCommand, UsageError } from '../core/regional/server-command';

/** The regional server program: `node out/main/server.js --region … --data … --trust … --identity … --port …`. */
runServerCommand(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`regional server: ${(err as Error).message}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
