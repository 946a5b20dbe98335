import { describe, expect, it } from 'vitest';
import { BAND_THRESHOLDS } from '../../../../shared/domain/risk-index';
import { COVER_STOPS, coverColor, interpolate, RISK_STOPS, riskColor, riskLegend, toCss } from './color-scales';

describe('colour scales', () => {
  it('interpolates linearly between stops and clamps outside them', () => {
    const stops = [
      { at: 0, color: [0, 0, 0, 0] as const },
      { at: 10, color: [100, 200, 50, 255] as const },
    ];
    expect(interpolate(stops, 5)).toEqual([50, 100, 25, 128]);
    expect(interpolate(stops, -3)).toEqual([0, 0, 0, 0]);
    expect(interpolate(stops, 99)).toEqual([100, 200, 50, 255]);
    expect(interpolate(stops, Number.NaN)).toEqual([0, 0, 0, 0]);
  });

  it('gives each risk band threshold exactly its stop colour', () => {
    for (const at of [0, ...Object.values(BAND_THRESHOLDS), 100]) {
      expect(riskColor(at)).toEqual(RISK_STOPS.find((s) => s.at === at)!.color);
    }
  });

  it('loses green steadily from the elevated band up, and ends far redder than it starts', () => {
    const greens = [40, 50, 60, 70, 80, 90, 100].map((v) => riskColor(v)[1]);
    expect([...greens].sort((a, b) => b - a)).toEqual(greens);
    expect(riskColor(85)[0]).toBeGreaterThan(riskColor(0)[0] * 4);
  });

  it('has one legend entry per band, in order, with increasing lower bounds', () => {
    const legend = riskLegend();
    expect(legend.map((l) => l.band)).toEqual(['low', 'guarded', 'elevated', 'high', 'severe']);
    expect(legend.map((l) => l.from)).toEqual([0, 20, 40, 60, 80]);
    expect(legend[4]!.color).toEqual(riskColor(90));
  });

  it('colours days of cover from red (none) to blue (half a year)', () => {
    expect(coverColor(0)).toEqual(COVER_STOPS[0]!.color);
    expect(coverColor(1000)).toEqual(COVER_STOPS.at(-1)!.color);
    const [r0] = coverColor(0);
    const [r90, g90] = coverColor(90);
    expect(r0).toBeGreaterThan(r90);
    expect(g90).toBeGreaterThan(r90);
  });

  it('writes rgba() strings maplibre accepts', () => {
    expect(toCss([255, 0, 10, 255])).toBe('rgba(255, 0, 10, 1)');
    expect(toCss([1, 2, 3, 128])).toBe('rgba(1, 2, 3, 0.5)');
  });
});
