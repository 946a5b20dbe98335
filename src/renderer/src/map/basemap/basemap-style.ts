import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { BasemapManifest } from '../../../../shared/basemap/manifest';

/** Style layer ids the map code refers to. Deck.gl layers are drawn just below the labels. */
export const STYLE_IDS = {
  provinceFill: 'province-fill',
  provinceSelected: 'province-selected',
  provinceLabel: 'province-label',
  prefectureLabel: 'prefecture-label',
  /** The first label layer: deck.gl layers are inserted before it. */
  firstLabel: 'prefecture-label',
} as const;

/**
 * System CJK fonts, drawn locally by maplibre (no glyph server): the style has no `glyphs`
 * URL, so every character is rasterised from these families.
 */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei'];
export const LABEL_FONT_FAMILY = LABEL_FONTS.map((f) => `'${f}'`).join(', ') + ', sans-serif';

const COLORS = {
  sea: '#081424',
  land: '#16202f',
  landEdge: '#263448',
  provinceEdge: '#9fb4d1',
  prefectureEdge: 'rgba(159, 180, 209, 0.35)',
  selected: '#f8fafc',
  label: '#f1f5fb',
  labelHalo: 'rgba(5, 10, 20, 0.9)',
  prefectureLabel: '#c7d3e6',
};

interface Sources {
  sources: Record<string, SourceSpecification>;
  /** Source (and source-layer for vector tiles) of each basemap layer, when the basemap has it. */
  land?: { source: string; 'source-layer'?: string };
  provinces: { source: string; 'source-layer'?: string };
  provinceLabels: { source: string; 'source-layer'?: string };
  prefectures?: { source: string; 'source-layer'?: string };
  prefectureLabels?: { source: string; 'source-layer'?: string };
}

function geojsonSources(manifest: BasemapManifest, base: string): Sources {
  const { files } = manifest;
  if (!files.provinces) throw new Error('the basemap manifest names no provinces file');
  const url = (name: string) => new URL(name, base).href;
  const sources: Record<string, SourceSpecification> = {
    provinces: { type: 'geojson', data: url(files.provinces), promoteId: 'adcode' },
  };
  const out: Sources = { sources, provinces: { source: 'provinces' }, provinceLabels: { source: 'provinces' } };
  if (files.land) {
    sources.land = { type: 'geojson', data: url(files.land) };
    out.land = { source: 'land' };
  }
  if (files.provinceLabels) {
    sources['province-labels'] = { type: 'geojson', data: url(files.provinceLabels) };
    out.provinceLabels = { source: 'province-labels' };
  }
  if (files.prefectures) {
    sources.prefectures = { type: 'geojson', data: url(files.prefectures) };
    out.prefectures = { source: 'prefectures' };
  }
  if (files.prefectureLabels) {
    sources['prefecture-labels'] = { type: 'geojson', data: url(files.prefectureLabels) };
    out.prefectureLabels = { source: 'prefecture-labels' };
  }
  return out;
}

/** A PMTiles archive of vector tiles with layers `provinces` (+ `prefectures`, `land` when present). */
function pmtilesSources(manifest: BasemapManifest, base: string): Sources {
  if (!manifest.files.tiles) throw new Error('the basemap manifest names no tiles file');
  const layer = (name: string) => ({ source: 'basemap', 'source-layer': name });
  return {
    sources: { basemap: { type: 'vector', url: `pmtiles://${new URL(manifest.files.tiles, base).href}`, promoteId: { provinces: 'adcode' } } },
    land: layer('land'),
    provinces: layer('provinces'),
    provinceLabels: layer('provinces'),
    prefectures: layer('prefectures'),
  };
}

/** The whole basemap style, from local files only: no tile, glyph or sprite URL outside the app. */
export function buildBasemapStyle(manifest: BasemapManifest, base: string): StyleSpecification {
  const s = manifest.format === 'pmtiles' ? pmtilesSources(manifest, base) : geojsonSources(manifest, base);
  const layers: LayerSpecification[] = [{ id: 'sea', type: 'background', paint: { 'background-color': COLORS.sea } }];
  if (s.land) {
    layers.push(
      { id: 'land-fill', type: 'fill', ...s.land, paint: { 'fill-color': COLORS.land } },
      { id: 'land-line', type: 'line', ...s.land, paint: { 'line-color': COLORS.landEdge, 'line-width': 0.6 } },
    );
  }
  layers.push({ id: STYLE_IDS.provinceFill, type: 'fill', ...s.provinces, paint: { 'fill-color': '#2c384c', 'fill-opacity': 0.9 } });
  if (s.prefectures) {
    layers.push({
      id: 'prefecture-line',
      type: 'line',
      ...s.prefectures,
      minzoom: 5,
      paint: { 'line-color': COLORS.prefectureEdge, 'line-width': 0.6 },
    });
  }
  layers.push(
    {
      id: 'province-line',
      type: 'line',
      ...s.provinces,
      paint: { 'line-color': COLORS.provinceEdge, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.7, 7, 1.6] },
    },
    {
      id: STYLE_IDS.provinceSelected,
      type: 'line',
      ...s.provinces,
      filter: ['==', ['to-string', ['get', 'adcode']], ''],
      paint: { 'line-color': COLORS.selected, 'line-width': 3 },
    },
  );
  // Always present (possibly empty) so deck.gl layers have a fixed place below the labels.
  layers.push({
    id: STYLE_IDS.prefectureLabel,
    type: 'symbol',
    ...(s.prefectureLabels ?? s.provinceLabels),
    minzoom: s.prefectureLabels ? 6 : 24,
    layout: { 'text-field': ['to-string', ['coalesce', ['get', 'name'], '']], 'text-font': LABEL_FONTS, 'text-size': 13 },
    paint: { 'text-color': COLORS.prefectureLabel, 'text-halo-color': COLORS.labelHalo, 'text-halo-width': 1.2 },
  });
  layers.push({
    id: STYLE_IDS.provinceLabel,
    type: 'symbol',
    ...s.provinceLabels,
    maxzoom: s.prefectureLabels ? 6 : 24,
    layout: {
      'text-field': ['to-string', ['coalesce', ['get', 'name'], '']],
      'text-font': LABEL_FONTS,
      'text-size': ['interpolate', ['linear'], ['zoom'], 3, 13, 6, 18],
      'text-allow-overlap': false,
      'text-padding': 1,
    },
    paint: { 'text-color': COLORS.label, 'text-halo-color': COLORS.labelHalo, 'text-halo-width': 1.5 },
  });
  return { version: 8, name: manifest.kind === 'demo' ? 'INRS demo basemap' : 'INRS configured basemap', sources: s.sources, layers };
}
