import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { commitPartial, discardPartial, partialPathOf } from '../../core/replica/partial-file';
import { ReplicaClient } from '../../core/replica/replica-client';
import type { SeedScale } from '../../core/seed';
import { demoSeedOptions } from '../../core/seed/defaults';
import { DEMO_KEY_FILE, DEMO_REPLICA } from './data-dir';

export interface ReplicaTarget {
  file: string;
  key: Buffer;
  demo: boolean;
}

export interface DemoOptions {
  dataDir: string;
  scale: SeedScale;
  resolveKey(keyFile: string): Buffer;
  onProgress(done: number, total: number): void;
}

/**
 * The demo replica in the data dir, seeded on first run (into a partial file that is
 * renamed into place when complete).
 */
export async function ensureDemoReplica(options: DemoOptions): Promise<ReplicaTarget> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = join(options.dataDir, DEMO_REPLICA);
  const key = options.resolveKey(join(options.dataDir, DEMO_KEY_FILE));
  if (existsSync(file)) return { file, key, demo: true };
  discardPartial(file);
  const client = await ReplicaClient.open({ file: partialPathOf(file), key, create: true });
  try {
    await client.call('seed', [{ scale: options.scale, ...demoSeedOptions() }], options.onProgress);
  } finally {
    await client.close();
  }
  commitPartial(file);
  return { file, key, demo: true };
}
