import { describe, expect, it } from 'vitest';
import type { ProvinceRisk } from '../../../shared/contract/situation-schemas';
import { classCoverOption, provinceFloorOption, trendOption } from './options';

const province = (adcode: string, ratio: number): ProvinceRisk => ({
  adcode,
  nameZh: adcode,
  nameEn: adcode,
  emergencyLevel: 'normal',
  riskIndex: 10,
  riskBand: 'low',
  planCompletion: 0.8,
  expiring90Share: 0,
  openAlerts: 0,
  depots: 1,
  depotsUnderFloor: 0,
  lots: 1,
  centroid: [110, 30],
  population: 1,
  classes: [
    { class: 'grain', stock: 100 * ratio, floor: 100, coverRatio: ratio, personsSupported: 20_000, planCompletion: 0.9 },
    { class: 'water', stock: 5, floor: 10, coverRatio: 0.5, personsSupported: 1_000, planCompletion: 0.5 },
  ],
});

describe('chart options', () => {
  it('puts the worst-covered province first and keeps stock, floor and days aligned', () => {
    const option = provinceFloorOption([province('430000', 1.8), province('420000', 0.7)], 'grain', {
      provinceName: (p) => p.adcode,
      stock: 'stock',
      floor: 'floor',
      days: 'days',
    }) as { xAxis: { data: string[] }; series: { data: number[] }[] };
    expect(option.xAxis.data).toEqual(['420000', '430000']);
    expect(option.series[0]?.data).toEqual([70, 180]);
    expect(option.series[1]?.data).toEqual([100, 100]);
    expect(option.series[2]?.data).toEqual([2, 2]);
  });

  it('marks classes under their floor', () => {
    const option = classCoverOption(province('430000', 1.2), { className: (c) => c, ratio: 'r', floor: 'f' }) as {
      series: { data: { value: number; itemStyle: { color: string } }[] }[];
    };
    const [grain, water] = option.series[0]?.data ?? [];
    expect(grain?.value).toBe(1.2);
    expect(water?.itemStyle.color).not.toBe(grain?.itemStyle.color);
  });

  it('draws no line for a class without stock and leaves a day at zero as a gap on the log axis', () => {
    const option = trendOption(
      {
        region: '430000',
        asOf: null,
        dates: ['2026-11-01', '2026-11-02'],
        series: [
          { class: 'grain', personsSupported: [20_000, 0] },
          { class: 'power', personsSupported: [0, 0] },
        ],
      },
      { className: (c) => c, days: 'persons' },
    ) as { series: { name: string; data: (number | null)[] }[] };
    expect(option.series.map((s) => s.name)).toEqual(['grain']);
    expect(option.series[0]?.data).toEqual([2, null]);
  });
});
