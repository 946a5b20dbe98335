import type { MapMessageKey, MapText } from '../i18n/map-messages';
import { MAP_LAYERS, mapLayersSelectors, useMapLayersStore } from '../state/map-layers-store';

export function LayerSwitcher({ t }: { t: MapText }) {
  const visible = useMapLayersStore(mapLayersSelectors.visible);
  const { toggle } = useMapLayersStore(mapLayersSelectors.actions);
  return (
    <fieldset className="map-layers" data-testid="map-layers">
      <legend>{t('layers')}</legend>
      {MAP_LAYERS.map((layer) => (
        <button key={layer} type="button" aria-pressed={visible[layer]} data-layer={layer} onClick={() => toggle(layer)}>
          {t(`layer.${layer}` as MapMessageKey)}
        </button>
      ))}
    </fieldset>
  );
}
