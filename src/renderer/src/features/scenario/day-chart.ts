import type { EChartsCoreOption } from '../../charts/echarts';
import { CHART_THEME as C } from '../../charts/theme';
import type { DayFigures } from './plan-figures';

export interface DayChartLabels {
  day(day: number): string;
  delivered: string;
  shortfall: string;
  demand: string;
}

export const DAY_COLOURS = { delivered: '#4ade80', shortfall: '#f87171', demand: C.days } as const;

/** A plan day by day in 万 person-days (the unit is in the panel's title): delivered and shortfall stacked, demand as a line over them, the shown day marked. */
export function dayOption(days: readonly DayFigures[], shownDay: number, labels: DayChartLabels): EChartsCoreOption {
  const axisText = { color: C.textDim, fontSize: C.fontSize - 3, fontFamily: C.fontFamily };
  const wan = (v: number) => Math.round(v / 100) / 100;
  return {
    animation: false,
    textStyle: { color: C.text, fontSize: C.fontSize, fontFamily: C.fontFamily },
    tooltip: { trigger: 'axis', textStyle: { fontSize: C.fontSize - 2 } },
    legend: { top: 0, textStyle: { color: C.text, fontSize: C.fontSize - 3 } },
    grid: { left: 56, right: 12, top: 34, bottom: 30 },
    xAxis: { type: 'category', data: days.map((d) => labels.day(d.day)), axisLabel: axisText },
    yAxis: { type: 'value', axisLabel: axisText, splitLine: { lineStyle: { color: C.grid } } },
    series: [
      {
        name: labels.delivered,
        type: 'bar',
        stack: 'need',
        itemStyle: { color: DAY_COLOURS.delivered },
        data: days.map((d) => ({ value: wan(d.delivered), itemStyle: d.day === shownDay ? { borderColor: '#ffffff', borderWidth: 2 } : {} })),
      },
      { name: labels.shortfall, type: 'bar', stack: 'need', itemStyle: { color: DAY_COLOURS.shortfall }, data: days.map((d) => wan(d.shortfall)) },
      { name: labels.demand, type: 'line', symbol: 'circle', symbolSize: 6, lineStyle: { color: DAY_COLOURS.demand, width: 2 }, itemStyle: { color: DAY_COLOURS.demand }, data: days.map((d) => wan(d.demand)) },
    ],
  };
}
