import { useEffect } from 'react';
import { getInrs } from '../bridge';
import { connectionSelectors, useConnectionStore } from '../bridge';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { useDepotStore } from '../stores/depot-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { replaySelectors, useReplayStore } from '../replay/replay-store';

/**
 * Loads the situation for the current filter (at the time slider's moment when one is set),
 * again when the replica changes or the link comes back; a past moment does not change with the replica.
 */
export function useSituationSync(): void {
  const filter = useFilterStore(filterSelectors.filter);
  const { load, refresh, loadCategories } = useSituationStore(situationSelectors.actions);
  const opens = useConnectionStore(connectionSelectors.opens);
  const at = useReplayStore(replaySelectors.at);

  useEffect(() => {
    void load(filter, at);
  }, [filter, at, load, opens]);

  useEffect(() => {
    void loadCategories();
  }, [loadCategories, opens]);

  useEffect(
    () =>
      getInrs().events.on('replica:changed', () => {
        void refresh();
        void useDepotStore.getState().actions.refresh();
      }),
    [refresh],
  );
}
