import type { MapText } from '../i18n/map-messages';
import type { RenderChoice } from '../render-mode/render-mode';

interface Props {
  t: MapText;
  demoBasemap: boolean;
  render: RenderChoice;
  failedLayers: readonly string[];
  basemapProblem: string | null;
}

/** Permanent notes over the map: demo basemap, aggregated view, and anything that failed. */
export function MapNotices({ t, demoBasemap, render, failedLayers, basemapProblem }: Props) {
  return (
    <div className="map-notices">
      {demoBasemap && (
        <div className="map-notice" data-testid="map-demo-notice">
          {t('demoBasemap')}
        </div>
      )}
      {render.mode === 'aggregated' && (
        <div className="map-notice map-notice-mode" data-testid="map-render-mode" title={render.renderer ?? undefined}>
          {render.reason === 'software' ? t('softwareAggregated') : t('forcedAggregated')}
        </div>
      )}
      {failedLayers.map((layer) => (
        <div key={layer} className="map-notice map-notice-problem" data-testid="map-layer-failed" data-layer={layer}>
          {t('layerFailed', { layer })}
        </div>
      ))}
      {basemapProblem && (
        <div className="map-notice map-notice-problem" data-testid="map-basemap-problem">
          {t('basemapFailed', { message: basemapProblem })}
        </div>
      )}
    </div>
  );
}
