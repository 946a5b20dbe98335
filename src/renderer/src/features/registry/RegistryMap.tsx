import { useMemo } from 'react';
import { getInrs } from '../../bridge';
import { useHostQuery } from '../../hooks/useHostQuery';
import { useT } from '../../i18n';
import { MapView } from '../../map/MapView';
import { mapLayersSelectors, useMapLayersStore } from '../../map/state/map-layers-store';
import { depotSelectors, useDepotStore } from '../../stores/depot-store';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import { RESOURCE_COLOURS, resourceOverlay } from './resource-layers';
import './registry.css';

const NO_FILTER = { classes: [], categories: [], regions: [], riskBands: [] };
const css = ([r, g, b]: readonly number[]) => `rgb(${r}, ${g}, ${b})`;

/** The civilian reserve resources available now on the map, over the provinces' risk colours. */
export function RegistryMap({ region }: { region: string | null }) {
  const t = useT();
  const full = useSituationStore(situationSelectors.situation);
  // The provinces' risk colours under the resources; depots, transfers and alerts are the other walls'.
  const situation = useMemo(() => (full ? { ...full, depots: [], transfers: [], alerts: [] } : null), [full]);
  const { open } = useDepotStore(depotSelectors.actions);
  const key = full ? `${full.dataVersion}|${region ?? ''}` : null;
  const { value } = useHostQuery(key, () => getInrs().registry.overview({ region }));
  // The map's civilian switch hides these too.
  const shown = useMapLayersStore((s) => mapLayersSelectors.visible(s).civilian);
  const overlay = useMemo(() => (shown ? resourceOverlay(value?.resources ?? null, key ?? '') : null), [shown, value, key]);
  return (
    <section className="panel registry-map" data-testid="registry-map" data-resources={value?.resources.length ?? ''}>
      <h2 className="panel-title">{t('registry.map.title')}</h2>
      <div className="registry-map-view">
        {situation && <MapView situation={situation} filter={NO_FILTER} {...(region ? { focusRegion: region } : {})} onSelectProvince={() => {}} onSelectDepot={(code) => void open(code)} {...(overlay ? { overlay } : {})} />}
        <ul className="registry-legend" aria-label={t('registry.map.title')}>
          {(['lot', 'unit', 'service'] as const).map((k) => (
            <li key={k}>
              <span className="registry-dot" style={{ background: css(RESOURCE_COLOURS[k]) }} />
              {t(`registry.resource.${k}`)}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
