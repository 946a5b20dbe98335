import { describe, expect, it } from 'vitest';
import type { BasemapManifest } from '../../../../shared/basemap/manifest';
import { scopeOf } from '../data/scope';
import { NO_DATA_COLOR, riskColor, toCss } from '../scales/color-scales';
import { fixtureSituation, noFilter } from '../test-fixture';
import { buildBasemapStyle, STYLE_IDS } from './basemap-style';
import { basemapBaseUrl } from './basemap-url';
import { choroplethColor, provinceLabel } from './province-expressions';

const BASE = 'http://127.0.0.1:4870/basemap/';
const DEMO: BasemapManifest = {
  kind: 'demo',
  format: 'geojson',
  files: { provinces: 'provinces.geojson', provinceLabels: 'province-labels.geojson', prefectures: 'prefectures.geojson', prefectureLabels: 'prefecture-labels.geojson', land: 'land.geojson' },
};

/** Every string in the style that looks like a URL. */
function urls(value: unknown): string[] {
  if (typeof value === 'string') return /^[a-z][\w+.-]*:\/\//i.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urls);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urls);
  return [];
}

describe('basemap style', () => {
  it('loads nothing but the host’s basemap files: no glyph, sprite or tile server', () => {
    const style = buildBasemapStyle(DEMO, BASE);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const found = urls(style);
    expect(found.length).toBe(5);
    for (const url of found) expect(url.startsWith(BASE)).toBe(true);
  });

  it('draws labels last and keeps a fixed place for deck.gl layers below them', () => {
    const ids = buildBasemapStyle(DEMO, BASE).layers.map((l) => l.id);
    expect(ids.at(-1)).toBe(STYLE_IDS.provinceLabel);
    expect(ids.indexOf(STYLE_IDS.firstLabel)).toBeGreaterThan(ids.indexOf(STYLE_IDS.provinceFill));
    expect(ids.indexOf(STYLE_IDS.firstLabel)).toBe(ids.length - 2);
  });

  it('reads a PMTiles basemap through the pmtiles protocol, from the host', () => {
    const style = buildBasemapStyle({ kind: 'configured', format: 'pmtiles', files: { tiles: 'configured.pmtiles' } }, BASE);
    expect(style.sources.basemap).toMatchObject({ type: 'vector', url: `pmtiles://${BASE}configured.pmtiles` });
    const fill = style.layers.find((l) => l.id === STYLE_IDS.provinceFill);
    expect(fill).toMatchObject({ source: 'basemap', 'source-layer': 'provinces' });
  });

  it('labels a configured GeoJSON map from its own polygons', () => {
    const style = buildBasemapStyle({ kind: 'configured', format: 'geojson', files: { provinces: 'configured.geojson' } }, BASE);
    expect(Object.keys(style.sources)).toEqual(['provinces']);
    expect(style.layers.find((l) => l.id === STYLE_IDS.provinceLabel)).toMatchObject({ source: 'provinces' });
  });

  it('finds the basemap beside the page in a browser, on its own scheme in Electron', () => {
    expect(basemapBaseUrl({ location: { href: 'http://127.0.0.1:4870/index.html' } as Location })).toBe(BASE);
    expect(basemapBaseUrl({ location: { href: 'file:///app/out/renderer/index.html' } as Location, inrs: {} })).toBe('inrs-basemap://basemap/');
  });
});

describe('province expressions', () => {
  it('colours each province by its risk index and the rest as no data', () => {
    const s = fixtureSituation();
    const expr = choroplethColor(s.provinces, scopeOf(s, noFilter())) as unknown[];
    expect(expr[0]).toBe('match');
    expect(expr.slice(2, 6)).toEqual(['430000', toCss(riskColor(72)), '110000', toCss(riskColor(10))]);
    expect(expr.at(-1)).toBe(toCss(NO_DATA_COLOR));
  });

  it('fades provinces outside the filter', () => {
    const s = fixtureSituation();
    const expr = choroplethColor(s.provinces, scopeOf(s, { ...noFilter(), regions: ['430000'] })) as unknown[];
    const [r, g, b] = riskColor(10);
    expect(expr[5]).toBe(toCss([r, g, b, 70]));
  });

  it('uses the basemap names in Chinese and the data’s names in English', () => {
    const s = fixtureSituation();
    expect(provinceLabel(s.provinces, 'zh-CN')).toEqual(['to-string', ['coalesce', ['get', 'name'], '']]);
    const en = provinceLabel(s.provinces, 'en') as unknown[];
    expect(en).toContain('Hunan');
    expect(en).toContain('Taiwan');
  });
});
