import type { ReplicaClient } from '../replica/replica-client';
import type { ReplicaSink } from './replica-sink';

/** A sink on the app host's replica worker, so applying batches never blocks the host. */
export function workerSink(replica: ReplicaClient): ReplicaSink {
  return {
    schemaVersion: () => replica.call('schemaVersion', []),
    cursor: (region) => replica.call('syncCursor', [region]),
    apply: (region, events) => replica.call('syncApply', [region, events]),
    hashAt: (region, seq) => replica.call('syncHashAt', [region, seq]),
    applySnapshot: (snapshot, checkpoint) => replica.call('syncApplySnapshot', [snapshot, checkpoint]),
    saveCheckpoint: async (checkpoint) => {
      await replica.call('syncSaveCheckpoint', [checkpoint]);
    },
  };
}
