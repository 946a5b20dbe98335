import { ArcLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { HazardView } from '../../../../shared/contract';
import type { HazardLevel } from '../../../../shared/domain/hazard';
import { PROVINCE_CENTROIDS } from '../../../../shared/domain/province-centroids';
import type { MapFrame } from './plan-figures';

/**
 * The scenario on the map, in two stages like the map's own layers: the hazard's areas, the
 * affected provinces' labels and a plan's day (stock per province, flows between provinces)
 * formatted once per input, then cheap layer objects. Warned areas take the colour of their
 * warning signal, translucent so the provinces' colours show through.
 */

export type Rgb = readonly [number, number, number];
export const LEVEL_COLOURS: Record<HazardLevel, Rgb> = {
  blue: [59, 130, 246],
  yellow: [250, 204, 21],
  orange: [249, 115, 22],
  red: [239, 68, 68],
};
export const STOCK_COLOURS = { aboveFloor: [74, 222, 128] as Rgb, belowFloor: [248, 113, 113] as Rgb };
export const FLOW_COLOURS = { from: [255, 196, 61] as Rgb, to: [56, 189, 248] as Rgb };

const IDS = {
  areas: 'scenario-hazard-areas',
  circles: 'scenario-hazard-circles',
  labels: 'scenario-labels',
  stock: 'scenario-stock',
  flows: 'scenario-flows',
} as const;

export interface HazardAreas {
  polygons: { polygon: number[][][]; level: HazardLevel }[];
  circles: { position: [number, number]; radiusM: number; level: HazardLevel }[];
}

const areasCache = new WeakMap<HazardView, HazardAreas>();

/** Stage one: a hazard's polygons (each part of a MultiPolygon on its own, holes kept) and circles. */
export function hazardAreas(hazard: HazardView): HazardAreas {
  const hit = areasCache.get(hazard);
  if (hit) return hit;
  const areas: HazardAreas = { polygons: [], circles: [] };
  // Lower levels first, so a red warning is drawn over a blue one.
  const order = (l: HazardLevel) => ['blue', 'yellow', 'orange', 'red'].indexOf(l);
  for (const f of [...hazard.features].sort((a, b) => order(a.level) - order(b.level))) {
    const g = f.geometry;
    if (g.type === 'Point') areas.circles.push({ position: [g.coordinates[0] as number, g.coordinates[1] as number], radiusM: (f.radiusKm ?? 0) * 1000, level: f.level });
    else if (g.type === 'Polygon') areas.polygons.push({ polygon: g.coordinates, level: f.level });
    else for (const polygon of g.coordinates) areas.polygons.push({ polygon, level: f.level });
  }
  areasCache.set(hazard, areas);
  return areas;
}

export interface ScenarioLabel {
  position: [number, number];
  text: string;
}

export interface ScenarioOverlayInput {
  hazard: HazardView | null;
  /** One label per affected province (the estimate before a run, the day's stock after). */
  labels: ScenarioLabel[];
  frame: MapFrame | null;
  /** Changes whenever any input does. */
  key: string;
}

const withAlpha = (c: Rgb, a: number): [number, number, number, number] => [c[0], c[1], c[2], a];
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';
const COMMON = { loadOptions: { worker: false } } as const;
/** Drawn below the basemap's labels and never hidden by depth, as the map's own layers: props the layers' own types do not list. */
const interleaved = (beforeId: string): object => ({ beforeId, parameters: { depthTest: false } });

/** The label point of an affected province. */
export const labelPoint = (region: string): [number, number] | null => {
  const at = PROVINCE_CENTROIDS[region];
  return at ? [at[0], at[1]] : null;
};

/** Stage two: the layers, stable ids; the objects drawn counted for the map's data-overlay-count. */
export function scenarioLayers(input: ScenarioOverlayInput, beforeId: string): Layer[] {
  const layers: Layer[] = [];
  const key = input.key;
  const frame = input.frame;
  if (frame) {
    const max = frame.stock.reduce((m, s) => Math.max(m, s.quantity, s.floor), 0);
    layers.push(
      new ScatterplotLayer<MapFrame['stock'][number]>({
        ...COMMON,
        id: IDS.stock,
        ...interleaved(beforeId),
        data: frame.stock,
        getPosition: (d) => [d.lon, d.lat],
        // Area by quantity: the square root, so a small stock stays visible beside a large one.
        getRadius: (d) => (max > 0 ? 5 + 22 * Math.sqrt(d.quantity / max) : 5),
        radiusUnits: 'pixels',
        getFillColor: (d) => withAlpha(d.belowFloor ? STOCK_COLOURS.belowFloor : STOCK_COLOURS.aboveFloor, 150),
        getLineColor: [10, 16, 30, 255],
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        updateTriggers: { getPosition: key, getRadius: key, getFillColor: key },
      }),
    );
    const most = frame.flows.reduce((m, f) => Math.max(m, f.quantity), 0);
    layers.push(
      new ArcLayer<MapFrame['flows'][number]>({
        ...COMMON,
        id: IDS.flows,
        ...interleaved(beforeId),
        data: frame.flows,
        getSourcePosition: (d) => [d.source[0], d.source[1]],
        getTargetPosition: (d) => [d.target[0], d.target[1]],
        getWidth: (d) => (most > 0 ? 2 + 10 * Math.sqrt(d.quantity / most) : 2),
        widthUnits: 'pixels',
        getSourceColor: withAlpha(FLOW_COLOURS.from, 235),
        getTargetColor: withAlpha(FLOW_COLOURS.to, 235),
        getHeight: 0.5,
        updateTriggers: { getSourcePosition: key, getTargetPosition: key, getWidth: key },
      }),
    );
  }
  // The warned areas over the stock circles: translucent, so what lies under a warning shows through it.
  if (input.hazard) {
    const areas = hazardAreas(input.hazard);
    layers.push(
      new PolygonLayer<HazardAreas['polygons'][number]>({
        ...COMMON,
        id: IDS.areas,
        ...interleaved(beforeId),
        data: areas.polygons,
        getPolygon: (d) => d.polygon,
        getFillColor: (d) => withAlpha(LEVEL_COLOURS[d.level], 95),
        getLineColor: (d) => withAlpha(LEVEL_COLOURS[d.level], 235),
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        stroked: true,
        filled: true,
        updateTriggers: { getPolygon: key, getFillColor: key, getLineColor: key },
      }),
      new ScatterplotLayer<HazardAreas['circles'][number]>({
        ...COMMON,
        id: IDS.circles,
        ...interleaved(beforeId),
        data: areas.circles,
        getPosition: (d) => d.position,
        getRadius: (d) => d.radiusM,
        radiusUnits: 'meters',
        getFillColor: (d) => withAlpha(LEVEL_COLOURS[d.level], 95),
        getLineColor: (d) => withAlpha(LEVEL_COLOURS[d.level], 235),
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2.5,
        updateTriggers: { getPosition: key, getRadius: key, getFillColor: key, getLineColor: key },
      }),
    );
  }
  if (input.labels.length > 0) {
    layers.push(
      new TextLayer<ScenarioLabel>({
        loadOptions: COMMON.loadOptions,
        id: IDS.labels,
        data: input.labels,
        getPosition: (d) => d.position,
        getText: (d) => d.text,
        getSize: 15,
        getPixelOffset: [0, 26],
        getColor: [255, 240, 200, 255],
        background: true,
        getBackgroundColor: [10, 16, 30, 215],
        backgroundPadding: [4, 2],
        fontFamily: FONT,
        characterSet: 'auto',
        fontWeight: 600,
        updateTriggers: { getPosition: key, getText: key },
      }),
    );
  }
  return layers;
}

/** How many objects the overlay draws: areas, stock circles, flows and labels. */
export function overlayCount(input: ScenarioOverlayInput): number {
  const areas = input.hazard ? hazardAreas(input.hazard) : { polygons: [], circles: [] };
  return areas.polygons.length + areas.circles.length + (input.frame ? input.frame.stock.length + input.frame.flows.length : 0) + input.labels.length;
}
