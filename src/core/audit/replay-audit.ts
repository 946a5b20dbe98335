import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SealedEvent } from '../../shared/domain/events';
import { newReplicaKey } from '../replica/key-file';
import type { Db } from '../replica/open';
import { REGION_TABLES } from '../replica/region-rows';
import { openReplica } from '../replica/replica';
import { regionStateHash } from '../replica/state-hash';
import { EVENT_COLUMNS, eventOfRow, type EventRow } from './event-row';

export type ReplayOutcome = { equal: true } | { equal: false; tables: string[] } | { error: string };

const BATCH = 20_000;
/**
 * Indexes that serve reads (situation picture, traces), not the projector's own lookups; the
 * scratch replica drops them so the replay writes less. Projected rows are the same without them.
 */
const READ_ONLY_INDEXES = [
  'events_movement_depot',
  'events_lot',
  'events_rotated_new_lot',
  'events_instruction',
  'transfers_in_flight',
  'lots_intake_depot',
  'lots_held',
  'lots_expiry',
];

/** One digest per projected table of a region, to say which tables differ. */
function tableDigests(db: Db, region: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const { table, select } of REGION_TABLES) {
    const hash = createHash('sha256');
    for (const row of db.prepare(select).raw().iterate({ region }) as Iterable<unknown[]>) hash.update(`${JSON.stringify(row)}\n`);
    out.set(table, hash.digest('hex'));
  }
  const head = db.prepare('SELECT last_seq, head_hash FROM region_heads WHERE region = ?').raw().get(region);
  out.set('region_heads', JSON.stringify(head ?? null));
  return out;
}

/**
 * Replays the stored logs of `regions` (the national reference log first) into a scratch
 * replica with the same projector and compares each region's projected state with the stored
 * one. The scratch file is encrypted with a key that is never written down, so a crash leaves
 * nothing readable behind.
 */
export function replayAndCompare(source: Db, regions: readonly string[], onProgress?: (done: number) => void): Map<string, ReplayOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'inrs-audit-'));
  const scratch = openReplica(join(dir, 'replay.db'), newReplicaKey(), { create: true });
  scratch.db.pragma('synchronous = OFF');
  scratch.db.pragma('cache_size = -262144');
  for (const index of READ_ONLY_INDEXES) scratch.db.exec(`DROP INDEX IF EXISTS ${index}`);
  const outcomes = new Map<string, ReplayOutcome>();
  let done = 0;
  try {
    const read = source.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE region = ? ORDER BY seq`).raw();
    const ordered = [...regions].sort((a, b) => (a === '000000' ? -1 : b === '000000' ? 1 : a < b ? -1 : a > b ? 1 : 0));
    for (const region of ordered) {
      let batch: SealedEvent[] = [];
      try {
        for (const row of read.iterate(region) as Iterable<EventRow>) {
          batch.push(eventOfRow(region, row));
          if (batch.length >= BATCH) {
            scratch.projector.applyBatch(region, batch);
            done += batch.length;
            batch = [];
            onProgress?.(done);
          }
        }
        if (batch.length > 0) scratch.projector.applyBatch(region, batch);
        done += batch.length;
      } catch (err) {
        outcomes.set(region, { error: `replay refused: ${(err as Error).message}` });
        continue;
      }
      if (regionStateHash(source, region) === regionStateHash(scratch.db, region)) {
        outcomes.set(region, { equal: true });
        continue;
      }
      const stored = tableDigests(source, region);
      const replayed = tableDigests(scratch.db, region);
      outcomes.set(region, { equal: false, tables: [...stored.keys()].filter((t) => stored.get(t) !== replayed.get(t)) });
    }
  } finally {
    scratch.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return outcomes;
}
