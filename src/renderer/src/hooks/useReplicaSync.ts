import { useEffect } from 'react';
import { connectionSelectors, useConnectionStore } from '../bridge';
import { replicaSelectors, useReplicaStore } from '../stores/replica-store';

/**
 * Loads the replica view on start and on every `replica:changed`, and again whenever the
 * bridge reconnects (events sent while it was down are lost) or first opens after a failure.
 */
export function useReplicaSync(): void {
  const { start, load } = useReplicaStore(replicaSelectors.actions);
  const opens = useConnectionStore(connectionSelectors.opens);

  useEffect(() => start(), [start]);

  useEffect(() => {
    if (opens > 1 || (opens === 1 && useReplicaStore.getState().error !== null)) void load();
  }, [opens, load]);
}
