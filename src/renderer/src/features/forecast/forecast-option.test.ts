import { describe, expect, it } from 'vitest';
import type { ReserveForecast } from '../../../../shared/contract/forecast-schemas';
import { forecastOption, reserveMostAtRisk } from './forecast-option';

const reserve = (category: string, over: Partial<ReserveForecast> = {}): ReserveForecast => ({
  category,
  nameZh: category,
  nameEn: category,
  unit: '吨',
  unitEn: 't',
  class: 'grain',
  floor: 100,
  stock: [200, 180, 160],
  consumption: [0, 20, 20],
  forecast: { point: [140, 120, 95], lower: [130, 100, 70], upper: [150, 140, 120], method: 'mstl-ets' },
  crossing: { expected: 3, earliest: 3, latest: null },
  underFloorNow: false,
  anomalies: [],
  ...over,
});
const f = { dates: ['2025-06-28', '2025-06-29', '2025-06-30'], forecastDates: ['2025-07-01', '2025-07-02', '2025-07-03'] };
const labels = { stock: 'stock', forecast: 'forecast', band: 'band', floor: 'floor', crossing: (d: string) => `cross ${d}`, number: String };

type Series = { name: string; data: (number | null)[]; markLine?: { data: Record<string, unknown>[]; label: { formatter: string } } };

describe('forecast chart option', () => {
  it('draws history, then the band from lower to upper and the point forecast joined to the last day, the floor and the crossing day', () => {
    const option = forecastOption(f, reserve('GR-RICE'), labels) as { series: Series[]; xAxis: { data: string[] } };
    const [stock, base, band, point] = option.series;
    expect(option.xAxis.data).toEqual(['06-28', '06-29', '06-30', '07-01', '07-02', '07-03']);
    expect(stock?.data).toEqual([200, 180, 160, null, null, null]);
    expect(base?.data).toEqual([null, null, 160, 130, 100, 70]);
    // base + width = upper on every forecast day.
    expect(band?.data).toEqual([null, null, 0, 20, 40, 50]);
    expect(point?.data).toEqual([null, null, 160, 140, 120, 95]);
    expect(stock?.markLine?.data).toEqual([{ yAxis: 100 }]);
    expect(point?.markLine?.data).toEqual([{ xAxis: '07-03' }]);
    expect(point?.markLine?.label.formatter).toBe('cross 2025-07-03');
  });

  it('draws no crossing line when the forecast stays above the floor', () => {
    const option = forecastOption(f, reserve('GR-RICE', { crossing: { expected: null, earliest: null, latest: null } }), labels) as { series: Series[] };
    expect(option.series[3]?.markLine).toBeUndefined();
    const under = forecastOption(f, reserve('GR-RICE', { underFloorNow: true, crossing: { expected: 1, earliest: 1, latest: 1 } }), labels) as { series: Series[] };
    expect(under.series[3]?.markLine).toBeUndefined();
  });

  it('shows first the reserve under its floor, then the one crossing soonest', () => {
    const soon = reserve('B', { crossing: { expected: 2, earliest: 1, latest: null } });
    const later = reserve('A', { crossing: { expected: 9, earliest: 5, latest: null } });
    const under = reserve('C', { underFloorNow: true, crossing: { expected: 1, earliest: 1, latest: 1 } });
    expect(reserveMostAtRisk([later, soon])?.category).toBe('B');
    expect(reserveMostAtRisk([later, soon, under])?.category).toBe('C');
    expect(reserveMostAtRisk([])).toBeNull();
  });
});
