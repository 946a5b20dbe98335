import type { Replica } from '../replica/replica';
import type { ReplicaSink } from './replica-sink';
import { createSyncOps, type SyncFollower } from './sync-ops';

/** A sink on a replica opened in this thread (the headless `inrs sync` client). */
export function directSink(replica: Replica, follower?: SyncFollower): ReplicaSink {
  const ops = createSyncOps(replica, follower);
  return {
    schemaVersion: async () => ops.schemaVersion(),
    cursor: async (region) => ops.cursor(region),
    apply: async (region, events) => ops.apply(region, events),
    hashAt: async (region, seq) => ops.hashAt(region, seq),
    applySnapshot: async (snapshot, checkpoint) => ops.applySnapshot(snapshot, checkpoint),
    saveCheckpoint: async (checkpoint) => {
      ops.saveCheckpoint(checkpoint);
    },
  };
}
