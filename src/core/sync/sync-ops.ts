import type { SealedEvent } from '../../shared/domain/events';
import type { Checkpoint, RegionSnapshot } from '../../shared/protocol/frames';
import { applyRegionSnapshot } from '../replica/apply-snapshot';
import { createCheckpointStore } from '../checkpoint/checkpoints';
import { createEventReader } from '../log/event-rows';
import type { Replica } from '../replica/replica';

/**
 * WAL pages between automatic checkpoints while this connection applies batches. A catch-up
 * batch of 1000 events writes about 800 pages (the events and their indexes, lots, stock and
 * instruction rows), so SQLite's default of 1000 would checkpoint after nearly every batch: a
 * copy into the database file and two fsyncs each time. Every 8192 pages (32 MiB of WAL) the
 * pages that consecutive batches rewrite are copied once. Durability is the same: each batch
 * and its cursor still commit together to the WAL, with the replica's synchronous setting.
 */
export const APPLY_CHECKPOINT_PAGES = 8192;

/**
 * Page cache of the applying connection (KiB), as the replica worker's connection has: a batch
 * rewrites pages of the lots, stock and instruction rows and of the events' indexes all over
 * the file, and the next batches come back to most of them.
 */
export const APPLY_PAGE_CACHE_KIB = 128 * 1024;

/** What else follows a region's log on this replica (the rule alerts): told after each batch or snapshot. */
export interface SyncFollower {
  applied(region: string, events: readonly SealedEvent[]): void;
  replaced(region: string): void;
}

/** The replica-side operations of sync, synchronous, for the worker and for the headless client. */
export function createSyncOps(replica: Replica, follower?: SyncFollower) {
  if (!replica.db.readonly) replica.db.pragma(`wal_autocheckpoint = ${APPLY_CHECKPOINT_PAGES}`);
  replica.db.pragma(`cache_size = -${APPLY_PAGE_CACHE_KIB}`);
  const reader = createEventReader(replica.db);
  const checkpoints = createCheckpointStore(replica.db);
  return {
    schemaVersion: (): number => replica.db.pragma('user_version', { simple: true }) as number,
    cursor: (region: string): number => replica.projector.headOf(region).seq,
    /** The projector applies the batch and moves the region head (the cursor) in one transaction. */
    apply: (region: string, events: SealedEvent[]): number => {
      const seq = replica.projector.applyBatch(region, events).head.seq;
      follower?.applied(region, events);
      return seq;
    },
    hashAt: (region: string, seq: number): string | null => reader.hashAt(region, seq),
    applySnapshot: (snapshot: RegionSnapshot, checkpoint: Checkpoint): number => {
      replica.db.transaction(() => {
        applyRegionSnapshot(replica.db, snapshot);
        checkpoints.save(checkpoint);
      })();
      follower?.replaced(snapshot.region);
      return snapshot.seq;
    },
    saveCheckpoint: (checkpoint: Checkpoint): null => {
      checkpoints.save(checkpoint);
      return null;
    },
  };
}

export type SyncOps = ReturnType<typeof createSyncOps>;
