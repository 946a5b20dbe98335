import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { commitPartial, discardPartial, partialPathOf } from '../../core/replica/partial-file';
import { ReplicaClient } from '../../core/replica/replica-client';
import { DEMO_KEY_FILE, DEMO_REPLICA } from './data-dir';
import type { DemoSeed, ReplicaTarget } from './prepare-replica';

const SEED_FILE = 'demo-seed.json';

const recordedSeedSchema = z.object({ scale: z.string(), seed: z.number(), asOf: z.string(), civilian: z.boolean().optional() });

export interface OfficerReplicaOptions {
  /** The second officer's own data dir. */
  dir: string;
  /** The running demo's seed: the seed is deterministic, so this replica starts identical to the servers' logs. */
  seed: DemoSeed;
  resolveKey(keyFile: string): Buffer;
  onProgress(done: number, total: number): void;
}

function readRecordedSeed(dir: string): z.infer<typeof recordedSeedSchema> | null {
  try {
    return recordedSeedSchema.parse(JSON.parse(readFileSync(join(dir, SEED_FILE), 'utf8')));
  } catch {
    return null;
  }
}

const describeSeed = (s: { scale: string; seed: number; asOf: string; civilian?: boolean }) => `${s.scale} scale, seed ${s.seed}, as of ${s.asOf}${s.civilian ? ', civilian assets' : ''}`;

/**
 * The second officer's replica, seeded on first use exactly as the running demo was (into a
 * partial file renamed into place when complete). A replica seeded for another demo would fork
 * from the servers' logs at the first seq, so it is refused with the way out, never synced.
 */
export async function ensureOfficerReplica(options: OfficerReplicaOptions): Promise<ReplicaTarget> {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = join(options.dir, DEMO_REPLICA);
  const key = options.resolveKey(join(options.dir, DEMO_KEY_FILE));
  if (existsSync(file)) {
    const recorded = readRecordedSeed(options.dir);
    const wanted = options.seed;
    if (!recorded || recorded.scale !== wanted.scale || recorded.seed !== wanted.seed || recorded.asOf !== wanted.asOf || Boolean(recorded.civilian) !== Boolean(wanted.civilian)) {
      throw new Error(
        `${file} was seeded for another demo (${recorded ? describeSeed(recorded) : 'no record of its seed'}; the running demo: ${describeSeed(wanted)}); ` +
          `remove the folder ${options.dir} and start the second officer again`,
      );
    }
    return { file, key, demo: true };
  }
  discardPartial(file);
  const client = await ReplicaClient.open({ file: partialPathOf(file), key, create: true });
  try {
    await client.call('seed', [options.seed], options.onProgress);
  } finally {
    await client.close();
  }
  writeFileSync(join(options.dir, SEED_FILE), `${JSON.stringify(options.seed)}\n`);
  commitPartial(file);
  return { file, key, demo: true };
}
