import type { RegionForecast, ReserveForecast } from '../../../../shared/contract/forecast-schemas';
import type { EChartsCoreOption } from '../../charts/echarts';
import { CHART_THEME as C } from '../../charts/theme';

export interface ForecastLabels {
  stock: string;
  forecast: string;
  band: string;
  floor: string;
  /** The label of the expected crossing day's line. */
  crossing(date: string): string;
  number(value: number): string;
}

const axisText = { color: C.textDim, fontSize: C.fontSize, fontFamily: C.fontFamily };
const BAND = 'rgba(251, 191, 36, 0.28)';
const FORECAST = '#fbbf24';

/** The reserve a region wall shows first: under its floor, then soonest to cross it, then least cover. */
export function reserveMostAtRisk(reserves: readonly ReserveForecast[]): ReserveForecast | null {
  const key = (r: ReserveForecast) => [r.underFloorNow ? 0 : 1, r.crossing.earliest ?? 999, r.floor > 0 ? (r.stock.at(-1) ?? 0) / r.floor : 999] as const;
  return [...reserves].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.category.localeCompare(b.category);
  })[0] ?? null;
}

/**
 * One reserve: stock over the history window, then the point forecast with its prediction band
 * (drawn as a stacked area from the lower to the upper bound), the floor, and the day the point
 * forecast first goes below the floor (none for a reserve under it already).
 */
export function forecastOption(f: Pick<RegionForecast, 'dates' | 'forecastDates'>, r: ReserveForecast, labels: ForecastLabels): EChartsCoreOption {
  const history = f.dates.length;
  const dates = [...f.dates, ...f.forecastDates];
  const pad = (n: number) => new Array<null>(n).fill(null);
  const last = r.stock.at(-1) ?? 0;
  // The forecast lines start at the last observed day so they join the history.
  const lower = [...pad(history - 1), last, ...r.forecast.lower];
  const width = [...pad(history - 1), 0, ...r.forecast.upper.map((u, k) => u - (r.forecast.lower[k] ?? u))];
  const point = [...pad(history - 1), last, ...r.forecast.point];
  // A reserve already under its floor has no day to cross it: the floor line says enough.
  const crossingDate = r.underFloorNow || r.crossing.expected === null ? null : (f.forecastDates[r.crossing.expected - 1] ?? null);
  return {
    animation: false,
    textStyle: { color: C.text, fontSize: C.fontSize, fontFamily: C.fontFamily },
    legend: { top: 0, textStyle: { color: C.text, fontSize: C.fontSize }, data: [labels.stock, labels.forecast, labels.band] },
    tooltip: {
      trigger: 'axis',
      textStyle: { fontSize: C.fontSize },
      formatter: (items: { dataIndex: number }[]) => {
        const i = items[0]?.dataIndex ?? 0;
        const k = i - history;
        const rows = [dates[i] ?? ''];
        if (k < 0) rows.push(`${labels.stock}: ${labels.number(r.stock[i] ?? 0)}`);
        else rows.push(`${labels.forecast}: ${labels.number(r.forecast.point[k] ?? 0)}`, `${labels.band}: ${labels.number(r.forecast.lower[k] ?? 0)} – ${labels.number(r.forecast.upper[k] ?? 0)}`);
        rows.push(`${labels.floor}: ${labels.number(r.floor)}`);
        return rows.join('<br/>');
      },
    },
    grid: { left: 80, right: 30, top: 56, bottom: 44 },
    xAxis: { type: 'category', boundaryGap: false, data: dates.map((d) => d.slice(5)), axisLabel: axisText },
    yAxis: { type: 'value', axisLabel: axisText, splitLine: { lineStyle: { color: C.grid } }, max: (v: { max: number }) => Math.max(v.max, r.floor) * 1.05 },
    series: [
      {
        name: labels.stock,
        type: 'line',
        showSymbol: false,
        lineStyle: { width: 3 },
        itemStyle: { color: C.stock },
        data: [...r.stock, ...pad(f.forecastDates.length)],
        markLine: {
          symbol: 'none',
          silent: true,
          data: [{ yAxis: r.floor }],
          lineStyle: { color: C.floor, width: 3, type: 'dashed' },
          label: { color: C.floor, fontSize: C.fontSize, position: 'insideStartTop', formatter: labels.floor },
        },
      },
      { name: 'band-base', type: 'line', stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, data: lower, tooltip: { show: false } },
      { name: labels.band, type: 'line', stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { color: BAND }, itemStyle: { color: FORECAST, opacity: 0.5 }, data: width },
      {
        name: labels.forecast,
        type: 'line',
        showSymbol: false,
        lineStyle: { width: 3, type: 'dashed' },
        itemStyle: { color: FORECAST },
        data: point,
        ...(crossingDate
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                data: [{ xAxis: crossingDate.slice(5) }],
                lineStyle: { color: C.floor, width: 2 },
                label: { color: C.text, fontSize: C.fontSize, position: 'insideEndTop', formatter: labels.crossing(crossingDate) },
              },
            }
          : {}),
      },
    ],
  };
}
