import { useMemo } from 'react';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { useCivilianOverlay } from '../features/registry/civilian-map-layer';
import { MapView } from '../map/MapView';
import { mapLayersSelectors, useMapLayersStore } from '../map/state/map-layers-store';
import { usePacedMapData } from '../map/pacing/usePacedMapData';
import { depotSelectors, useDepotStore } from '../stores/depot-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';

/** Where a wall shows the national risk map; province and depot picks cross-filter and open the drawer. */
export function MapSlot({ focusRegion }: { focusRegion?: string }) {
  const situation = useSituationStore(situationSelectors.situation);
  const loadedFilter = useSituationStore(situationSelectors.loadedFilter);
  const filter = useFilterStore(filterSelectors.filter);
  // Which regions the data every panel shows was loaded for (a test and a support engineer read it).
  const loadedRegions = loadedFilter?.regions.join(',') ?? '';
  // The map draws a situation with the filter it was loaded for; a new view reaches it at once, a live refresh paced.
  const view = useSituationStore((s) => `${JSON.stringify(s.loadedFilter)}|${s.loadedAt ?? 'live'}`);
  const mapFilter = loadedFilter ?? filter;
  const current = useMemo(() => (situation ? { situation, filter: mapFilter } : null), [situation, mapFilter]);
  const { shown, onDrawn } = usePacedMapData(current, view);
  const { toggleRegion } = useFilterStore(filterSelectors.actions);
  const { open } = useDepotStore(depotSelectors.actions);
  // The civilian layer: onboarded civilian resources, read again with each data version shown.
  const civilianVisible = useMapLayersStore((s) => mapLayersSelectors.visible(s).civilian);
  const civilian = useCivilianOverlay(shown ? String(shown.situation.dataVersion) : null, civilianVisible);
  return (
    <section className="panel map-slot" data-testid="map-slot" data-loaded-regions={loadedRegions} data-map-version={shown?.situation.dataVersion ?? ''}>
      {shown && (
        <MapView
          situation={shown.situation}
          filter={shown.filter}
          {...(focusRegion ? { focusRegion } : {})}
          onSelectProvince={toggleRegion}
          onSelectDepot={(code) => void open(code)}
          onDrawn={onDrawn}
          {...(civilian ? { overlay: civilian } : {})}
        />
      )}
    </section>
  );
}
