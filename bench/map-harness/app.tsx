import { createRoot } from 'react-dom/client';
import { MapView } from '../../src/renderer/src/map/MapView';
import { MAP_LAYERS, useMapLayersStore, type MapLayerId } from '../../src/renderer/src/map/state/map-layers-store';
import { loadLabelPoints, syntheticSituation } from './synthetic-situation';

/**
 * The app's MapView on synthetic data: `?points=N` depots (benchmarks only). `?layers=a,b`
 * switches the map's layers through the app's own layer store (the others off); without it
 * every layer is on, as in the app.
 */
const params = new URLSearchParams(window.location.search);
const points = Number(params.get('points') ?? 1000);
const layers = params.get('layers');
const filter = { classes: [], categories: [], regions: [], riskBands: [] };

if (layers !== null) {
  const shown = new Set(layers.split(',').filter(Boolean));
  const unknown = [...shown].filter((l) => !(MAP_LAYERS as readonly string[]).includes(l));
  if (unknown.length > 0) throw new Error(`unknown map layer(s) ${unknown.join(', ')}; expected some of ${MAP_LAYERS.join(', ')}`);
  const { setVisible } = useMapLayersStore.getState().actions;
  for (const layer of MAP_LAYERS) setVisible(layer, shown.has(layer as MapLayerId));
}

loadLabelPoints().then((labels) => {
  const situation = syntheticSituation(labels, points);
  createRoot(document.getElementById('root')!).render(
    <div style={{ height: '100%' }}>
      <MapView situation={situation} filter={filter} onSelectProvince={() => {}} onSelectDepot={() => {}} />
    </div>,
  );
});
