import type { MapMessageKey, MapText } from '../i18n/map-messages';
import { MAP_LAYERS, mapLayersSelectors, useMapLayersStore } from '../state/map-layers-store';

/** The layer switches, folded into a corner on demand like the legend. */
export function LayerSwitcher({ t }: { t: MapText }) {
  const visible = useMapLayersStore(mapLayersSelectors.visible);
  const { toggle } = useMapLayersStore(mapLayersSelectors.actions);
  return (
    <details className="map-layers" data-testid="map-layers" open>
      <summary>{t('layers')}</summary>
      <div className="map-layers-buttons" role="group" aria-label={t('layers')}>
        {MAP_LAYERS.map((layer) => (
          <button key={layer} type="button" aria-pressed={visible[layer]} data-layer={layer} onClick={() => toggle(layer)}>
            {t(`layer.${layer}` as MapMessageKey)}
          </button>
        ))}
      </div>
    </details>
  );
}
