import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PLAN_THRESHOLDS } from '../../../../shared/domain/colour-scales';
import { BAND_THRESHOLDS } from '../../../../shared/domain/risk-index';
import { aggregateDepots } from '../data/aggregate-depots';
import { formatDepots } from '../data/format-depots';
import { mapText } from '../i18n/map-messages';
import { fixtureSituation } from '../test-fixture';
import { Legend } from '../ui/Legend';
import { MapTooltip } from '../ui/MapTooltip';
import { planBand, planColour, planLegend, riskColor, riskLegend, toCss } from './color-scales';

const t = mapText('en');
const visible = { provinces: true, depots: true, transfers: false, alerts: false, civilian: false };
const swatches = (html: string) => [...html.matchAll(/data-swatch="([^"]+)"/g)].map((m) => m[1]);

describe('colour scales', () => {
  it('draws one colour per risk band, red only for severe', () => {
    for (const b of riskLegend()) expect(riskColor(b.from)).toEqual(b.colour);
    expect(riskColor(BAND_THRESHOLDS.severe - 0.1)).not.toEqual(riskColor(BAND_THRESHOLDS.severe));
    expect(riskColor(59)[0]).toBeGreaterThan(riskColor(59)[2]);
    expect(new Set(riskLegend().map((b) => toCss(b.colour))).size).toBe(5);
  });

  it('splits plan completion at its thresholds into four distinct bands', () => {
    expect(planBand(PLAN_THRESHOLDS.met)).toBe('met');
    expect(planBand(PLAN_THRESHOLDS.met - 0.001)).toBe('near');
    expect(planBand(PLAN_THRESHOLDS.short - 0.001)).toBe('critical');
    expect(new Set(planLegend().map((b) => toCss(b.colour))).size).toBe(4);
    for (const b of planLegend()) expect(planColour(b.from)).toEqual(b.colour);
  });

  it('legend, layer and tooltip show the same colour for a depot', () => {
    const s = fixtureSituation();
    const columns = formatDepots(s.depots, { provinces: null });
    const legend = swatches(renderToStaticMarkup(createElement(Legend, { t, visible })));
    s.depots.forEach((depot, i) => {
      const layer = toCss([...columns.colors.subarray(i * 4, i * 4 + 4)] as unknown as [number, number, number, number]);
      const tooltip = renderToStaticMarkup(createElement(MapTooltip, { hover: { kind: 'depot', x: 0, y: 0, index: i }, situation: s, locale: 'en', t }));
      expect(swatches(tooltip)).toContain(layer);
      expect(legend).toContain(layer);
      expect(tooltip).toContain(t(`plan.${planBand(depot.planCompletion ?? 0)}`));
    });
  });

  it('legend, aggregate circle and tooltip show the same colour for a province', () => {
    const s = fixtureSituation();
    const agg = aggregateDepots(s, { provinces: null });
    const legend = swatches(renderToStaticMarkup(createElement(Legend, { t, visible })));
    agg.adcodes.forEach((adcode, r) => {
      const circle = toCss([...agg.colors.subarray(r * 4, r * 4 + 4)] as unknown as [number, number, number, number]);
      const hover = { kind: 'aggregate' as const, x: 0, y: 0, adcode, depots: agg.depots[r]!, planCompletion: agg.planCompletion[r]! };
      const tooltip = swatches(renderToStaticMarkup(createElement(MapTooltip, { hover, situation: s, locale: 'en', t })));
      const province = s.provinces.find((p) => p.adcode === adcode)!;
      expect(tooltip).toContain(circle);
      expect(tooltip).toContain(toCss(riskColor(province.riskIndex)));
      expect(legend).toContain(circle);
      expect(legend).toContain(toCss(riskColor(province.riskIndex)));
    });
  });

  it('writes rgba() strings maplibre accepts', () => {
    expect(toCss([255, 0, 10, 255])).toBe('rgba(255, 0, 10, 1)');
    expect(toCss([1, 2, 3, 128])).toBe('rgba(1, 2, 3, 0.5)');
  });
});
