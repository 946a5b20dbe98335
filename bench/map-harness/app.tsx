import { createRoot } from 'react-dom/client';
import { MapView } from '../../src/renderer/src/map/MapView';
import { loadLabelPoints, syntheticSituation } from './synthetic-situation';

/** The app's MapView on synthetic data: `?points=N` depots (benchmarks only). */
const points = Number(new URLSearchParams(window.location.search).get('points') ?? 1000);
const filter = { classes: [], categories: [], regions: [], riskBands: [] };

loadLabelPoints().then((labels) => {
  const situation = syntheticSituation(labels, points);
  createRoot(document.getElementById('root')!).render(
    <div style={{ height: '100%' }}>
      <MapView situation={situation} filter={filter} onSelectProvince={() => {}} onSelectDepot={() => {}} />
    </div>,
  );
});
