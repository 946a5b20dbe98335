import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureKeyFile } from '../../core/replica/key-file';
import { commitPartial, discardPartial, partialPathOf } from '../../core/replica/partial-file';
import { openReplica } from '../../core/replica/replica';
import { SCALES, type SeedScale } from '../../core/seed';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../../core/seed/defaults';
import { seedInto } from '../../core/seed/seed-replica';
import { CliError, requireOption } from '../cli-error';
import { progressBar } from '../progress';

export const seedHelp = `inrs seed --scale tiny|demo|national --out FILE --key-file FILE [--seed N] [--as-of ISO-TIME] [--civilian]
  Generates the deterministic synthetic national dataset and folds it into a new encrypted
  replica. Creates the key file (mode 0600) if it does not exist. Refuses to overwrite FILE.
  --civilian adds eight civilian assets per province through their registry lifecycle (as the demo).`;

export function runSeed(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: 'demo' },
      out: { type: 'string' },
      'key-file': { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      civilian: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const out = requireOption(values, 'out');
  const keyFile = requireOption(values, 'key-file');
  const scale = values.scale as SeedScale;
  if (!Object.hasOwn(SCALES, scale)) throw new CliError(`unknown --scale ${scale} (tiny, demo or national)`);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new CliError('--seed must be an integer');
  const asOf = values['as-of'] ?? DEFAULT_AS_OF;
  if (Number.isNaN(Date.parse(asOf))) throw new CliError('--as-of must be an ISO date-time');
  if (existsSync(out)) throw new CliError(`${out} already exists; choose a new --out path`);

  const { key, created } = ensureKeyFile(keyFile);
  if (created) process.stderr.write(`created key file ${keyFile} (mode 0600)\n`);
  discardPartial(out);
  const replica = openReplica(partialPathOf(out), key, { create: true });
  let result: { events: number; millis: number };
  try {
    result = seedInto(replica, {
      scale,
      seed,
      asOf: new Date(asOf).toISOString(),
      civilian: values.civilian,
      onProgress: progressBar(`seeding ${scale}`),
    });
    replica.close();
  } catch (err) {
    replica.close();
    discardPartial(out);
    throw err;
  }
  commitPartial(out);
  const rate = Math.round(result.events / (result.millis / 1000));
  process.stdout.write(`seeded ${out}: ${result.events} events in ${(result.millis / 1000).toFixed(1)} s (${rate} events/s)\n`);
}
