import type { SealedEvent } from '../../shared/domain/events';
import { sealEvent } from '../chain/seal';
import type { Replica } from '../replica/replica';
import { estimateEventCount, generateRegionLog, seedRegions, type SeedScale } from './index';
import { loadPrefectures } from './prefectures';

export interface SeedOptions {
  scale: SeedScale;
  seed: number;
  asOf: string;
  /** Civilian assets through their registry lifecycle in every province (the demo's). */
  civilian?: boolean;
  /** Only these regions' logs (a regional server seeds the national reference log and its own). */
  regions?: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

const BATCH = 5_000;

/**
 * Folds the generated per-region logs into a replica through the projector, exactly as
 * synced events would arrive, so a seeded replica and a synced one agree hash for hash.
 */
export function seedInto(replica: Replica, options: SeedOptions): { events: number; millis: number } {
  const started = performance.now();
  const existing = replica.queries.stats();
  if (existing.events > 0) throw new Error(`${replica.file} already holds ${existing.events} events; seed a new file`);
  const prefectures = loadPrefectures();
  let done = 0;
  let lastReport = 0;
  const regions = options.regions ?? seedRegions();
  const total = options.regions ? Math.round((estimateEventCount(options.scale) * regions.length) / seedRegions().length) : estimateEventCount(options.scale);
  for (const region of regions) {
    let head = replica.projector.headOf(region);
    let batch: SealedEvent[] = [];
    const flush = () => {
      replica.projector.applyBatch(region, batch);
      done += batch.length;
      batch = [];
      if (options.onProgress && (done - lastReport >= 50_000 || done >= total)) {
        lastReport = done;
        options.onProgress(done, Math.max(total, done));
      }
    };
    for (const draft of generateRegionLog(region, options, prefectures)) {
      const sealed = sealEvent(draft, head, draft.eventTime);
      head = { seq: sealed.seq, hash: sealed.hash };
      batch.push(sealed);
      if (batch.length >= BATCH) flush();
    }
    if (batch.length > 0) flush();
  }
  replica.db.pragma('wal_checkpoint(TRUNCATE)');
  options.onProgress?.(done, done);
  return { events: done, millis: Math.round(performance.now() - started) };
}
