import type { ProvinceRisk, Trend } from '../../../shared/contract/situation-schemas';
import type { CategoryClass } from '../../../shared/domain/events';
import type { EChartsCoreOption } from './echarts';
import { CHART_THEME as C } from './theme';

const axisText = { color: C.textDim, fontSize: C.fontSize, fontFamily: C.fontFamily };
const splitLine = { lineStyle: { color: C.grid } };
const base = {
  animation: false,
  textStyle: { color: C.text, fontSize: C.fontSize, fontFamily: C.fontFamily },
  tooltip: { trigger: 'axis', textStyle: { fontSize: C.fontSize } },
  legend: { top: 0, textStyle: { color: C.text, fontSize: C.fontSize } },
};

export interface ClassCoverLabels {
  className(cls: CategoryClass): string;
  ratio: string;
  floor: string;
}

/** About how wide a chart label is drawn: a CJK character a full em, other characters about 0.6. */
const labelWidth = (text: string): number => [...text].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.62) * C.fontSize, 0);

/** Stock ÷ safety floor of each class in one province, with the floor drawn at 1. */
export function classCoverOption(province: ProvinceRisk, labels: ClassCoverLabels): EChartsCoreOption {
  const classes = province.classes ?? [];
  return {
    ...base,
    // Room on the right for the floor line's label, in either language.
    grid: { left: 60, right: 24 + Math.ceil(labelWidth(labels.floor)), top: 50, bottom: 50 },
    xAxis: { type: 'category', data: classes.map((c) => labels.className(c.class)), axisLabel: axisText },
    yAxis: { type: 'value', axisLabel: axisText, splitLine },
    series: [
      {
        name: labels.ratio,
        type: 'bar',
        data: classes.map((c) => ({
          value: Math.round(c.coverRatio * 100) / 100,
          itemStyle: { color: c.coverRatio < 1 ? C.floor : C.stock },
        })),
        label: { show: true, position: 'top', color: C.text, fontSize: C.fontSize },
        markLine: { symbol: 'none', data: [{ yAxis: 1, name: labels.floor }], lineStyle: { color: C.floor, width: 3, type: 'dashed' }, label: { color: C.floor, fontSize: C.fontSize, formatter: labels.floor } },
      },
    ],
  };
}

export interface ProvinceFloorLabels {
  provinceName(p: ProvinceRisk): string;
  stock: string;
  floor: string;
  days: string;
}

/** For one class: stock against the safety floor in every province (worst cover first), and persons supported for 7 days (万). */
export function provinceFloorOption(provinces: readonly ProvinceRisk[], cls: CategoryClass, labels: ProvinceFloorLabels): EChartsCoreOption {
  const rows = provinces
    .map((p) => ({ p, c: p.classes?.find((x) => x.class === cls) }))
    .filter((r): r is { p: ProvinceRisk; c: NonNullable<typeof r.c> } => r.c !== undefined)
    .sort((a, b) => a.c.coverRatio - b.c.coverRatio || a.p.adcode.localeCompare(b.p.adcode));
  return {
    ...base,
    grid: { left: 90, right: 80, top: 50, bottom: 110 },
    xAxis: { type: 'category', data: rows.map((r) => labels.provinceName(r.p)), axisLabel: { ...axisText, rotate: 45, interval: 0 } },
    yAxis: [
      { type: 'value', axisLabel: axisText, splitLine },
      { type: 'value', name: labels.days, nameTextStyle: axisText, axisLabel: axisText, splitLine: { show: false } },
    ],
    series: [
      { name: labels.stock, type: 'bar', data: rows.map((r) => Math.round(r.c.stock)), itemStyle: { color: C.stock } },
      { name: labels.floor, type: 'bar', data: rows.map((r) => Math.round(r.c.floor)), itemStyle: { color: C.floor } },
      { name: labels.days, type: 'line', yAxisIndex: 1, data: rows.map((r) => Math.round(r.c.personsSupported / 1000) / 10), itemStyle: { color: C.days }, lineStyle: { width: 3 } },
    ],
  };
}

export interface TrendLabels {
  className(cls: CategoryClass): string;
  days: string;
}

const CLASS_COLORS: Readonly<Record<CategoryClass, string>> = {
  grain: '#fbbf24',
  oil: '#f97316',
  energy: '#f87171',
  shelter: '#a78bfa',
  water: '#38bdf8',
  medical: '#34d399',
  power: '#e879f9',
};

/**
 * Persons supported for 7 days by class over the window (万), one line per class. A class with no
 * stock in the window has no line (a log axis cannot show 0, and a line pinned to an invented floor
 * stretched the axis over decades nobody reads); a day at 0 is a gap in its line.
 */
export function trendOption(trend: Trend, labels: TrendLabels): EChartsCoreOption {
  const held = trend.series.filter((s) => s.personsSupported.some((p) => p > 0));
  return {
    ...base,
    // Seven classes: the legend keeps to one scrolling line, so it never lies over the axis name.
    legend: { ...base.legend, type: 'scroll', pageTextStyle: { color: C.textDim }, pageIconColor: C.text },
    grid: { left: 70, right: 30, top: 70, bottom: 50 },
    xAxis: { type: 'category', data: trend.dates.map((d) => d.slice(5)), axisLabel: axisText },
    yAxis: { type: 'log', name: labels.days, nameTextStyle: axisText, axisLabel: axisText, splitLine },
    series: held.map((s) => ({
      name: labels.className(s.class),
      type: 'line',
      showSymbol: false,
      lineStyle: { width: 3 },
      itemStyle: { color: CLASS_COLORS[s.class] },
      data: s.personsSupported.map((p) => (p > 0 ? p / 10_000 : null)),
    })),
  };
}
