import type { CostStructure } from '../../../../shared/contract';
import type { EChartsCoreOption } from '../../charts/echarts';
import { CHART_THEME as C } from '../../charts/theme';

export interface CostChartLabels {
  month(ym: string): string;
  storage: string;
  rotation: string;
  transport: string;
}

export const COST_COLOURS = { storage: C.stock, rotation: C.days, transport: '#a78bfa' } as const;

/** Storage, rotation and transport stacked per month, in 万元. */
export function costOption(costs: CostStructure, labels: CostChartLabels): EChartsCoreOption {
  const axisText = { color: C.textDim, fontSize: C.fontSize - 2, fontFamily: C.fontFamily };
  const series = (['storage', 'rotation', 'transport'] as const).map((part) => ({
    name: labels[part],
    type: 'bar',
    stack: 'cost',
    itemStyle: { color: COST_COLOURS[part] },
    data: costs.byMonth.map((m) => Math.round(m[part] / 100) / 100),
  }));
  return {
    animation: false,
    textStyle: { color: C.text, fontSize: C.fontSize, fontFamily: C.fontFamily },
    tooltip: { trigger: 'axis', textStyle: { fontSize: C.fontSize - 2 } },
    legend: { top: 0, textStyle: { color: C.text, fontSize: C.fontSize - 2 } },
    grid: { left: 64, right: 16, top: 40, bottom: 36 },
    xAxis: { type: 'category', data: costs.months.map(labels.month), axisLabel: axisText },
    yAxis: { type: 'value', axisLabel: axisText, splitLine: { lineStyle: { color: C.grid } } },
    series,
  };
}
