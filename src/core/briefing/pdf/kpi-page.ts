import { CATEGORY_CLASSES } from '../../../shared/domain/events';
import type { BriefingData } from '../briefing-data';
import { contentWidth, heading, type Doc } from './document';
import { RESPONSE_DAYS } from '../../../shared/domain/reserve-figures';
import { BAND_ZH, CLASS_ZH, LEVEL_ZH, num, pct, pctOrDash, tenThousands } from './labels';
import { planColour, riskColour } from './risk-colour';
import { table } from './table';
import { SIZE } from './theme';

/** KPIs of the scope, persons supported and plan completion by class, then every province in scope by risk. */
export function drawKpiPage(doc: Doc, data: BriefingData): void {
  doc.addPage();
  const scopeZh = data.scope.region === null ? '全国' : data.scope.nameZh;
  heading(doc, `${scopeZh}关键指标`, 'key figures');
  const k = data.kpis;
  const top = doc.y;
  const half = (contentWidth(doc) - 20) / 2;
  table(
    doc,
    [
      { header: '指标', width: 3 },
      { header: '数值', width: 1.4, align: 'right' },
    ],
    [
      ['低于安全线库点 depots under floor', num(k.depotsUnderFloor)],
      ['30天内到期批次 lots expiring ≤ 30 d', num(k.lotsExpiring30)],
      ['90天内到期批次 lots expiring ≤ 90 d', num(k.lotsExpiring90)],
      ['储备计划完成率 plan completion', pctOrDash(k.planCompletion)],
      ['未处置预警 open alerts', num(k.openAlerts)],
      ['应急响应地区 regions in emergency', num(k.regionsInEmergency)],
    ],
    { width: half, fontSize: SIZE.body },
  );
  const leftEnd = doc.y;
  doc.y = top;
  table(
    doc,
    [
      { header: '大类 class', width: 1.6 },
      { header: `可保障 万人·${RESPONSE_DAYS}天 persons`, width: 1.8, align: 'right' },
      { header: '计划完成率 of plan', width: 1.3, align: 'right' },
    ],
    CATEGORY_CLASSES.filter((c) => k.personsSupportedByClass[c] !== undefined).map((c) => [
      `${CLASS_ZH[c]} ${c}`,
      tenThousands(k.personsSupportedByClass[c] ?? 0),
      { text: pctOrDash(k.planCompletionByClass[c]), color: planColour(k.planCompletionByClass[c] ?? null) },
    ]),
    { width: half, x: doc.page.margins.left + half + 20, fontSize: SIZE.body },
  );
  doc.y = Math.max(leftEnd, doc.y) + 4;

  heading(doc, '各省风险与保障', 'provinces by risk');
  table(
    doc,
    [
      { header: '省份', width: 2.2 },
      { header: '风险指数', width: 1.1, align: 'right' },
      { header: '等级', width: 0.9 },
      { header: '计划完成率', width: 1.1, align: 'right' },
      { header: '90天到期占比', width: 1.3, align: 'right' },
      { header: '库点', width: 0.8, align: 'right' },
      { header: '低于安全线', width: 1.1, align: 'right' },
      { header: '未处置预警', width: 1.1, align: 'right' },
      { header: '在库批次', width: 1.1, align: 'right' },
      { header: '应急级别', width: 1 },
    ],
    data.provinces.map((p) => [
      p.nameZh,
      { text: num(p.riskIndex, 1), color: riskColour(p.riskIndex), bold: true },
      BAND_ZH[p.riskBand],
      { text: pctOrDash(p.planCompletion), color: planColour(p.planCompletion) },
      pct(p.expiring90Share),
      num(p.depots),
      num(p.depotsUnderFloor),
      num(p.openAlerts),
      num(p.lots),
      LEVEL_ZH[p.emergencyLevel],
    ]),
    { empty: '副本中没有省级数据' },
  );
}
