import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitPartial, discardPartial, partialPathOf } from '../../core/replica/partial-file';
import { ReplicaClient } from '../../core/replica/replica-client';
import type { SeedScale } from '../../core/seed';
import { demoSeedOptions } from '../../core/seed/defaults';
import { DEMO_KEY_FILE, DEMO_REPLICA } from './data-dir';

export interface DemoSeed {
  scale: SeedScale;
  seed: number;
  asOf: string;
  /** Civilian assets in the registry (demos seeded before they existed have none). */
  civilian?: boolean;
}

export interface ReplicaTarget {
  file: string;
  key: Buffer;
  demo: boolean;
  /** How the demo replica was seeded, so demo regional servers hold the very same logs. */
  demoSeed?: DemoSeed;
}

const DEMO_SEED_FILE = 'demo-seed.json';

function readDemoSeed(dataDir: string): DemoSeed | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, DEMO_SEED_FILE), 'utf8')) as DemoSeed;
  } catch {
    return undefined;
  }
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
  if (existsSync(file)) {
    const demoSeed = readDemoSeed(options.dataDir);
    return { file, key, demo: true, ...(demoSeed ? { demoSeed } : {}) };
  }
  discardPartial(file);
  const demoSeed: DemoSeed = { scale: options.scale, ...demoSeedOptions(), civilian: true };
  const client = await ReplicaClient.open({ file: partialPathOf(file), key, create: true });
  try {
    await client.call('seed', [demoSeed], options.onProgress);
  } finally {
    await client.close();
  }
  writeFileSync(join(options.dataDir, DEMO_SEED_FILE), `${JSON.stringify(demoSeed)}\n`);
  commitPartial(file);
  return { file, key, demo: true, demoSeed };
}
