import type { ExpressionSpecification } from 'maplibre-gl';
import type { ProvinceRisk } from '../../../../shared/contract/situation-schemas';
import { inScope, type Scope } from '../data/scope';
import { NO_DATA_COLOR, riskColor, toCss, type Rgba } from '../scales/color-scales';
import type { MapLocale } from '../i18n/map-messages';

/** Adcodes may be strings or numbers in a configured basemap: always compare as text. */
export const ADCODE: ExpressionSpecification = ['to-string', ['get', 'adcode']];

/** Provinces outside the filter keep their colour, faded, so the eye stays on the selection. */
const fade = ([r, g, b]: Rgba): Rgba => [r, g, b, 70];

/**
 * Choropleth fill for the basemap's own province polygons, so the colours follow whichever
 * boundaries are loaded (the demo map, a standard GeoJSON map or PMTiles).
 */
export function choroplethColor(provinces: readonly ProvinceRisk[], scope: Scope): ExpressionSpecification | string {
  // match needs distinct labels: one entry per adcode.
  const colors = new Map<string, string>();
  for (const p of provinces) {
    const color = riskColor(p.riskIndex);
    colors.set(p.adcode, toCss(inScope(scope, p.adcode) ? color : fade(color)));
  }
  if (colors.size === 0) return toCss(NO_DATA_COLOR);
  return ['match', ADCODE, ...[...colors].flat(), toCss(NO_DATA_COLOR)] as ExpressionSpecification;
}

/** English names of the divisions the risk data does not cover but the map shows. */
const EXTRA_EN: Record<string, string> = { '710000': 'Taiwan', '810000': 'Hong Kong', '820000': 'Macao' };

/**
 * Province label text: the basemap's own short Chinese names, or the English names of the
 * data (falling back to the basemap's name).
 */
export function provinceLabel(provinces: readonly ProvinceRisk[], locale: MapLocale): ExpressionSpecification {
  const name: ExpressionSpecification = ['to-string', ['coalesce', ['get', 'name'], '']];
  if (locale !== 'en') return name;
  const english = new Map(Object.entries(EXTRA_EN));
  for (const p of provinces) english.set(p.adcode, p.nameEn);
  if (english.size === 0) return name;
  return ['match', ADCODE, ...[...english].flat(), name] as ExpressionSpecification;
}
