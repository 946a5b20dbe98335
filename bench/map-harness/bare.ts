import { Deck, MapView, WebMercatorViewport } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { formatDepots } from '../../src/renderer/src/map/data/format-depots';
import { loadLabelPoints, syntheticSituation } from './synthetic-situation';

/**
 * The baseline: deck.gl alone (no basemap, no React) drawing the same depots from the same
 * typed arrays. The map page is measured against this in the same run.
 */
const points = Number(new URLSearchParams(window.location.search).get('points') ?? 1000);

loadLabelPoints().then((labels) => {
  const situation = syntheticSituation(labels, points);
  const depots = formatDepots(situation.depots, { provinces: null });
  const root = document.getElementById('root') as HTMLDivElement;
  // The map page's first view (China's bounds fitted to the same viewport); panned by the same mouse drags.
  const { longitude, latitude, zoom } = new WebMercatorViewport({ width: root.clientWidth, height: root.clientHeight }).fitBounds(
    [
      [73, 17],
      [136, 54],
    ],
    { padding: 16 },
  );
  const initialViewState = { longitude, latitude, zoom, pitch: 0, bearing: 0 };
  const layer = new ScatterplotLayer({
    id: 'depots',
    data: {
      length: depots.length,
      attributes: {
        getPosition: { value: depots.positions, size: 2 },
        getFillColor: { value: depots.colors, size: 4, normalized: true },
        getRadius: { value: depots.radii, size: 1 },
      },
    },
    radiusUnits: 'pixels',
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    getLineColor: [6, 12, 24, 200],
    loadOptions: { worker: false },
  });
  const deck = new Deck({
    parent: root,
    views: new MapView(),
    initialViewState,
    controller: true,
    layers: [layer],
    onAfterRender: () => root.setAttribute('data-rendered', String(Number(root.getAttribute('data-rendered') ?? 0) + 1)),
  });
  void deck;
});
