import type { BriefingForecast } from '../forecast-section';
import { heading, paragraph, type Doc } from './document';
import { num } from './labels';
import { table } from './table';
import { CRITICAL, MUTED } from './theme';

/** Regions at risk: reserves under their floor or forecast to cross it within the horizon, soonest first. */
export function drawForecastPage(doc: Doc, forecast: BriefingForecast | null): void {
  doc.addPage();
  heading(doc, '储备预测：将低于安全线的储备', 'reserves forecast to fall below their safety floor');
  if (!forecast) {
    paragraph(doc, '本简报为回放到过去时刻的态势，不含预测：预测只从本地副本的当前数据向前推算。', { color: MUTED });
    return;
  }
  const level = Math.round(forecast.level * 100);
  paragraph(
    doc,
    `方法：各省各品类近 91 天的日末库存由日志逐日重建，以 MSTL（周季节）分解加 AutoETS 趋势（augurs 库）预测未来 ${forecast.horizonDays} 天，给出 ${level}% 预测区间。` +
      `“预计日期”为点预测首次低于安全线的日期，“最早”为区间下沿首次低于安全线的日期。`,
    { color: MUTED },
  );
  const date = (d: string | null) => d ?? '—';
  table(
    doc,
    [
      { header: '省份', width: 1.6 },
      { header: '品类', width: 1.6 },
      { header: '库存', width: 1.3, align: 'right' },
      { header: '安全线', width: 1.3, align: 'right' },
      { header: '预计低于安全线', width: 1.6 },
      { header: `最早（${level}% 区间）`, width: 1.6 },
      { header: '消耗异常', width: 1, align: 'right' },
    ],
    forecast.shown.map((r) => [
      r.regionZh,
      r.nameZh,
      `${num(r.stock)} ${r.unit}`,
      `${num(r.floor)} ${r.unit}`,
      r.underFloorNow ? { text: '已低于', color: CRITICAL, bold: true } : { text: date(r.expectedDate), color: r.expectedDate ? CRITICAL : undefined },
      r.underFloorNow ? '—' : date(r.earliestDate),
      num(forecast.anomalies.get(`${r.region}|${r.category}`) ?? 0),
    ]),
    { empty: `无：未来 ${forecast.horizonDays} 天内没有储备预计低于安全线` },
  );
  if (forecast.total > forecast.shown.length) paragraph(doc, `另有 ${num(forecast.total - forecast.shown.length)} 项储备预计低于安全线，未列出`, { color: MUTED });
}
