import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { MapView } from '../map/MapView';
import { depotSelectors, useDepotStore } from '../stores/depot-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';

/** Where a wall shows the national risk map; province and depot picks cross-filter and open the drawer. */
export function MapSlot({ focusRegion }: { focusRegion?: string }) {
  const situation = useSituationStore(situationSelectors.situation);
  const filter = useFilterStore(filterSelectors.filter);
  // Which regions the data every panel shows was loaded for (a test and a support engineer read it).
  const loadedRegions = useSituationStore((s) => s.loadedFilter?.regions.join(',') ?? '');
  const { toggleRegion } = useFilterStore(filterSelectors.actions);
  const { open } = useDepotStore(depotSelectors.actions);
  return (
    <section className="panel map-slot" data-testid="map-slot" data-loaded-regions={loadedRegions}>
      {situation && (
        <MapView
          situation={situation}
          filter={filter}
          {...(focusRegion ? { focusRegion } : {})}
          onSelectProvince={toggleRegion}
          onSelectDepot={(code) => void open(code)}
        />
      )}
    </section>
  );
}
