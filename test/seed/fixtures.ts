import { generateRegionLog, loadPrefectures, seedRegions, type SeedOptions } from '../../src/core/seed';
import type { EventDraft } from '../../src/shared/domain/events';

export const ASOF = '2025-06-30T12:00:00Z';
export const TINY: SeedOptions = { scale: 'tiny', seed: 20250630, asOf: ASOF };

export function regionLog(region: string, opts: SeedOptions = TINY): EventDraft[] {
  return [...generateRegionLog(region, opts, loadPrefectures())];
}

const cache = new Map<string, Map<string, EventDraft[]>>();

/** All regions' logs for some options, generated once per test file. */
export function allLogs(opts: SeedOptions = TINY): Map<string, EventDraft[]> {
  const key = JSON.stringify(opts);
  let logs = cache.get(key);
  if (!logs) {
    logs = new Map(seedRegions().map((r) => [r, regionLog(r, opts)]));
    cache.set(key, logs);
  }
  return logs;
}
