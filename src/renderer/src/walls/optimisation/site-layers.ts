import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { LayoutView } from '../../../../shared/contract';
import type { MapOverlay } from '../../map/MapView';

/**
 * The layout proposal on the map, in two stages like the map's own layers: the sites formatted
 * once per proposal and language (positions, colours, radii, labels), then cheap layer objects.
 * Kept sites green, new ones amber, closed ones hollow red. New sites are named on the map only
 * while there are few of them (LABELLED_OPENINGS): a national relocation opens more, whose names
 * would cover each other and the provinces.
 */
export const LABELLED_OPENINGS = 6;
export type SiteFate = 'keep' | 'open' | 'close';
export const SITE_COLOURS: Record<SiteFate, [number, number, number, number]> = {
  keep: [80, 200, 120, 235],
  open: [255, 196, 61, 245],
  close: [235, 87, 87, 235],
};

export const fateOf = (s: { current: boolean; proposed: boolean }): SiteFate | null => (s.current ? (s.proposed ? 'keep' : 'close') : s.proposed ? 'open' : null);

const IDS = { sites: 'optim-sites', labels: 'optim-site-labels' } as const;

interface SiteData {
  positions: Float32Array;
  fills: Uint8Array;
  lines: Uint8Array;
  labels: { i: number; text: string }[];
  length: number;
}

const cache = new WeakMap<LayoutView, Map<string, SiteData>>();

function format(view: Extract<LayoutView, { status: 'optimal' }>, locale: 'zh-CN' | 'en'): SiteData {
  const byLocale = cache.get(view) ?? new Map<string, SiteData>();
  cache.set(view, byLocale);
  const hit = byLocale.get(locale);
  if (hit) return hit;
  const shown = view.sites.map((s) => ({ s, fate: fateOf(s) })).filter((x): x is { s: (typeof view.sites)[number]; fate: SiteFate } => x.fate !== null);
  const positions = new Float32Array(shown.length * 2);
  const fills = new Uint8Array(shown.length * 4);
  const lines = new Uint8Array(shown.length * 4);
  const labels: SiteData['labels'] = [];
  const named = shown.filter((x) => x.fate === 'open').length <= LABELLED_OPENINGS;
  shown.forEach(({ s, fate }, i) => {
    positions.set([s.lon, s.lat], i * 2);
    const c = SITE_COLOURS[fate];
    fills.set(fate === 'close' ? [c[0], c[1], c[2], 40] : c, i * 4);
    lines.set(fate === 'close' ? c : [10, 16, 30, 255], i * 4);
    if (fate === 'open' && named) labels.push({ i, text: locale === 'zh-CN' ? s.nameZh : s.nameEn });
  });
  const data = { positions, fills, lines, labels, length: shown.length };
  byLocale.set(locale, data);
  return data;
}

/** The proposal as a map overlay; null while there is none. */
export function siteOverlay(view: LayoutView | null, locale: 'zh-CN' | 'en', key: string): MapOverlay | null {
  if (!view || view.status !== 'optimal') return null;
  const data = format(view, locale);
  return {
    key: `${key}|${locale}`,
    count: data.length,
    build: (beforeId): Layer[] => [
      new ScatterplotLayer({
        loadOptions: { worker: false },
        id: IDS.sites,
        beforeId,
        data: { length: data.length, attributes: { getPosition: { value: data.positions, size: 2 }, getFillColor: { value: data.fills, size: 4, normalized: true }, getLineColor: { value: data.lines, size: 4, normalized: true } } },
        radiusUnits: 'pixels',
        getRadius: 9,
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 2.5,
        parameters: { depthTest: false },
        updateTriggers: { getPosition: key, getFillColor: key, getLineColor: key },
      }),
      new TextLayer<{ i: number; text: string }>({
        loadOptions: { worker: false },
        id: IDS.labels,
        data: data.labels,
        getPosition: (d) => [data.positions[d.i * 2] as number, data.positions[d.i * 2 + 1] as number],
        getText: (d) => d.text,
        getSize: 14,
        getPixelOffset: [0, -18],
        getColor: [255, 240, 200, 255],
        background: true,
        getBackgroundColor: [10, 16, 30, 210],
        backgroundPadding: [4, 2],
        fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
        characterSet: 'auto',
        fontWeight: 600,
        updateTriggers: { getPosition: key, getText: `${key}|${locale}` },
      }),
    ],
  };
}
