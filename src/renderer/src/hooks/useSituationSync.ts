import { useEffect } from 'react';
import { getInrs } from '../bridge';
import { connectionSelectors, useConnectionStore } from '../bridge';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { useDepotStore } from '../stores/depot-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';

/** Loads the situation for the current filter, again when the replica changes or the link comes back. */
export function useSituationSync(): void {
  const filter = useFilterStore(filterSelectors.filter);
  const { load, loadCategories } = useSituationStore(situationSelectors.actions);
  const opens = useConnectionStore(connectionSelectors.opens);

  useEffect(() => {
    void load(filter);
  }, [filter, load, opens]);

  useEffect(() => {
    void loadCategories();
  }, [loadCategories, opens]);

  useEffect(
    () =>
      getInrs().events.on('replica:changed', () => {
        void load(useFilterStore.getState().filter);
        void useDepotStore.getState().actions.refresh();
      }),
    [load],
  );
}
