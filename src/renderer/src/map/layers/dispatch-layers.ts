import { ArcLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { DispatchArc } from '../../dispatch/plan-edits';
import { binaryData } from './binary';

/**
 * The open dispatch plan on the map: an arc from each source depot to the affected region, its
 * width by quantity, and the quantity written at its middle. Two stages like the other layers:
 * typed arrays and label texts cached per arc list and language, then cheap layer objects.
 */

export const DISPATCH_LAYER_IDS = { arcs: 'dispatch-arcs', labels: 'dispatch-labels' } as const;

export interface DispatchLayerData {
  /** Changes whenever the arcs or the language do (updateTriggers). */
  key: string;
  length: number;
  sources: Float32Array;
  targets: Float32Array;
  widths: Float32Array;
  /** Label anchors: the middle of each arc. */
  midpoints: Float32Array;
  labels: string[];
  /** Row numbers for the text layer's data: one array per data object, so deck.gl sees no change between renders. */
  rows: number[];
}

const MIN_WIDTH = 2;
const MAX_WIDTH = 12;
const ARC_SOURCE = [255, 196, 61, 230] as const;
const ARC_TARGET = [255, 92, 92, 240] as const;

const cache = new WeakMap<readonly DispatchArc[], Map<string, DispatchLayerData>>();
let versions = 0;

/** Stage one: the same arc list and language always give the same data object. */
export function formatDispatchArcs(arcs: readonly DispatchArc[], locale: 'zh-CN' | 'en'): DispatchLayerData {
  const byLocale = cache.get(arcs) ?? new Map<string, DispatchLayerData>();
  cache.set(arcs, byLocale);
  const hit = byLocale.get(locale);
  if (hit) return hit;
  const n = arcs.length;
  const sources = new Float32Array(n * 2);
  const targets = new Float32Array(n * 2);
  const widths = new Float32Array(n);
  const midpoints = new Float32Array(n * 2);
  const max = arcs.reduce((m, a) => Math.max(m, a.quantity), 0);
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const labels = arcs.map((a, i) => {
    sources.set([a.fromLon, a.fromLat], i * 2);
    targets.set([a.toLon, a.toLat], i * 2);
    midpoints.set([(a.fromLon + a.toLon) / 2, (a.fromLat + a.toLat) / 2], i * 2);
    // Square root: area-like growth, so one huge line does not make the others vanish.
    widths[i] = max > 0 ? MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * Math.sqrt(a.quantity / max) : MIN_WIDTH;
    return `${number.format(a.quantity)} ${locale === 'zh-CN' ? a.unit : a.unitEn}`.trim();
  });
  const data: DispatchLayerData = { key: `dispatch-${++versions}`, length: n, sources, targets, widths, midpoints, labels, rows: labels.map((_, i) => i) };
  byLocale.set(locale, data);
  return data;
}

const COMMON = { loadOptions: { worker: false }, parameters: { depthTest: false } } as const;

/** Stage two: the arcs and their labels, stable ids; nothing when the plan has no arc. */
export function buildDispatchLayers(data: DispatchLayerData, beforeId?: string): Layer[] {
  if (data.length === 0) return [];
  const arcs = new ArcLayer({
    ...COMMON,
    id: DISPATCH_LAYER_IDS.arcs,
    beforeId,
    data: binaryData(data, () => ({
      length: data.length,
      attributes: {
        getSourcePosition: { value: data.sources, size: 2 },
        getTargetPosition: { value: data.targets, size: 2 },
        getWidth: { value: data.widths, size: 1 },
      },
    })),
    getSourceColor: [...ARC_SOURCE],
    getTargetColor: [...ARC_TARGET],
    widthUnits: 'pixels',
    getHeight: 0.5,
    updateTriggers: { getSourcePosition: data.key, getTargetPosition: data.key, getWidth: data.key },
  });
  // A composite layer: its sub-layers take their own parameters, the loader option is all it needs.
  const labels = new TextLayer<number>({
    loadOptions: COMMON.loadOptions,
    id: DISPATCH_LAYER_IDS.labels,
    data: data.rows,
    getPosition: (i) => [data.midpoints[i * 2] as number, data.midpoints[i * 2 + 1] as number],
    getText: (i) => data.labels[i] as string,
    getSize: 15,
    getColor: [255, 240, 200, 255],
    background: true,
    getBackgroundColor: [10, 16, 30, 210],
    backgroundPadding: [4, 2],
    fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
    characterSet: 'auto',
    fontWeight: 600,
    updateTriggers: { getPosition: data.key, getText: data.key },
  });
  return [arcs, labels];
}
