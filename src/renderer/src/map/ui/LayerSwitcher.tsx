import { useState } from 'react';
import type { MapMessageKey, MapText } from '../i18n/map-messages';
import { MAP_LAYERS, mapLayersSelectors, useMapLayersStore } from '../state/map-layers-store';
import { openAtStartOnThisScreen } from './open-at-start';

/** The layer switches, folded into a corner on demand like the legend. */
export function LayerSwitcher({ t }: { t: MapText }) {
  const visible = useMapLayersStore(mapLayersSelectors.visible);
  const { toggle } = useMapLayersStore(mapLayersSelectors.actions);
  const [openAtStart] = useState(openAtStartOnThisScreen);
  return (
    <details className="map-layers" data-testid="map-layers" open={openAtStart}>
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
