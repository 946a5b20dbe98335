import { ArcLayer, ScatterplotLayer } from '@deck.gl/layers';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import type { LayerData } from '../data/layer-data';
import { ARC_SOURCE, ARC_TARGET, HEAT_RANGE } from '../scales/color-scales';
import type { MapLayerId } from '../state/map-layers-store';
import { binaryData } from './binary';

/** Which deck.gl layer draws which switchable map layer (the choropleth is drawn by the basemap). */
export const DECK_LAYER_IDS = { depots: 'depots', aggregates: 'depot-aggregates', transfers: 'transfers', alerts: 'alerts' } as const;
export type DeckLayerId = (typeof DECK_LAYER_IDS)[keyof typeof DECK_LAYER_IDS];

export interface LayerOptions {
  visible: Record<MapLayerId, boolean>;
  /** Layers that failed before: left out until the data changes. */
  failed: ReadonlySet<string>;
  /** Row of the selected depot in the depot columns, or -1. */
  selectedDepotRow: number;
  /** False while the camera moves: a picking pass per pointer move would double the cost of panning. */
  pickable: boolean;
  /** Style layer the deck.gl layers are drawn below (the labels). */
  beforeId?: string;
}

/** Nothing here loads a URL, and loaders.gl must never fetch its workers from a CDN. */
const COMMON = { loadOptions: { worker: false }, parameters: { depthTest: false } } as const;

function depotLayer(data: LayerData, o: LayerOptions): Layer | null {
  const depots = data.depots;
  if (!depots) return null;
  return new ScatterplotLayer({
    ...COMMON,
    id: DECK_LAYER_IDS.depots,
    beforeId: o.beforeId,
    data: binaryData(depots, () => ({
      length: depots.length,
      attributes: {
        getPosition: { value: depots.positions, size: 2 },
        getFillColor: { value: depots.colors, size: 4, normalized: true },
        getRadius: { value: depots.radii, size: 1 },
      },
    })),
    radiusUnits: 'pixels',
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    getLineColor: [6, 12, 24, 200],
    pickable: o.pickable,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 120],
    highlightedObjectIndex: o.selectedDepotRow,
    updateTriggers: { getPosition: data.key, getFillColor: data.key, getRadius: data.key },
  });
}

function aggregateLayer(data: LayerData, o: LayerOptions): Layer | null {
  const agg = data.aggregates;
  if (!agg) return null;
  return new ScatterplotLayer({
    ...COMMON,
    id: DECK_LAYER_IDS.aggregates,
    beforeId: o.beforeId,
    data: binaryData(agg, () => ({
      length: agg.length,
      attributes: {
        getPosition: { value: agg.positions, size: 2 },
        getFillColor: { value: agg.colors, size: 4, normalized: true },
        getRadius: { value: agg.radii, size: 1 },
      },
    })),
    radiusUnits: 'pixels',
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    getLineColor: [240, 245, 255, 220],
    pickable: o.pickable,
    autoHighlight: true,
    updateTriggers: { getPosition: data.key, getFillColor: data.key, getRadius: data.key },
  });
}

function transferLayer(data: LayerData, o: LayerOptions): Layer | null {
  const t = data.transfers;
  if (t.length === 0) return null;
  return new ArcLayer({
    ...COMMON,
    id: DECK_LAYER_IDS.transfers,
    beforeId: o.beforeId,
    data: binaryData(t, () => ({
      length: t.length,
      attributes: {
        getSourcePosition: { value: t.sources, size: 2 },
        getTargetPosition: { value: t.targets, size: 2 },
        getWidth: { value: t.widths, size: 1 },
      },
    })),
    getSourceColor: [...ARC_SOURCE],
    getTargetColor: [...ARC_TARGET],
    widthUnits: 'pixels',
    getHeight: 0.4,
    updateTriggers: { getSourcePosition: data.key, getTargetPosition: data.key, getWidth: data.key },
  });
}

function alertLayer(data: LayerData, o: LayerOptions): Layer | null {
  const a = data.alerts;
  if (a.length === 0) return null;
  return new HeatmapLayer({
    ...COMMON,
    id: DECK_LAYER_IDS.alerts,
    beforeId: o.beforeId,
    data: binaryData(a, () => ({
      length: a.length,
      attributes: { getPosition: { value: a.positions, size: 2 }, getWeight: { value: a.weights, size: 1 } },
    })),
    radiusPixels: 45,
    intensity: 1.2,
    threshold: 0.04,
    colorRange: HEAT_RANGE.map((c) => [...c]) as [number, number, number, number][],
    updateTriggers: { getPosition: data.key, getWeight: data.key },
  });
}

const BUILDERS: { id: DeckLayerId; switch: MapLayerId; build: (d: LayerData, o: LayerOptions) => Layer | null }[] = [
  { id: DECK_LAYER_IDS.alerts, switch: 'alerts', build: alertLayer },
  { id: DECK_LAYER_IDS.transfers, switch: 'transfers', build: transferLayer },
  { id: DECK_LAYER_IDS.aggregates, switch: 'depots', build: aggregateLayer },
  { id: DECK_LAYER_IDS.depots, switch: 'depots', build: depotLayer },
];

/**
 * Stage two: cheap layer objects for this render, stable ids. A layer whose construction
 * throws is left out and reported; the others are still drawn.
 */
export function buildLayers(
  data: LayerData,
  options: LayerOptions,
  onFailure: (id: DeckLayerId, error: unknown) => void,
  builders = BUILDERS,
): Layer[] {
  const layers: Layer[] = [];
  for (const b of builders) {
    if (!options.visible[b.switch] || options.failed.has(b.id)) continue;
    try {
      const layer = b.build(data, options);
      if (layer) layers.push(layer);
    } catch (error) {
      onFailure(b.id, error);
    }
  }
  return layers;
}

export { BUILDERS as LAYER_BUILDERS };
