import type { BriefingData } from '../briefing-data';
import { heading, paragraph, type Doc } from './document';
import { CLASS_ZH, num, pct, pctOrDash, tenThousands } from './labels';
import { planColour } from './risk-colour';
import type { CategoryClass } from '../../../shared/domain/events';
import { table } from './table';
import { CRITICAL, MUTED } from './theme';

const cls = (c: string): string => CLASS_ZH[c as CategoryClass] ?? c;

/** Where reserves are short: province classes under their floor, depots with least cover, depots under floor. */
export function drawShortfallsPage(doc: Doc, data: BriefingData): void {
  doc.addPage();
  const f = data.shortfalls;
  heading(doc, '低于安全线的省级大类', 'province classes below the safety floor');
  table(
    doc,
    [
      { header: '省份', width: 2 },
      { header: '大类', width: 1.2 },
      { header: '库存', width: 1.6, align: 'right' },
      { header: '安全线', width: 1.6, align: 'right' },
      { header: '库存/安全线', width: 1.3, align: 'right' },
      { header: '可保障万人·7天', width: 1.4, align: 'right' },
    ],
    f.provinceClasses.map((c) => [c.nameZh, cls(c.class), num(c.stock), num(c.floor), { text: pct(c.ratio), color: c.ratio < 0.5 ? CRITICAL : undefined, bold: c.ratio < 0.5 }, tenThousands(c.personsSupported)]),
    { empty: '无：各省各大类库存均不低于安全线' },
  );

  heading(doc, '储备计划完成率最低的库点', 'depots furthest below their planned reserve');
  table(
    doc,
    [
      { header: '库点', width: 3 },
      { header: '编号', width: 1.6 },
      { header: '地区', width: 0.9 },
      { header: '计划完成率', width: 1.1, align: 'right' },
      { header: '充盈度', width: 1, align: 'right' },
      { header: '安全线', width: 1 },
    ],
    f.lowestCover.map((d) => [d.nameZh, d.code, d.region, { text: pctOrDash(d.planCompletion), color: planColour(d.planCompletion) }, pct(d.fill), d.underFloor ? { text: '低于', color: CRITICAL, bold: true } : '正常']),
    { empty: '暂无库点' },
  );

  heading(doc, `低于安全线的库点（${num(f.underFloorCount)}）`, 'depots under the safety floor, emptiest first');
  table(
    doc,
    [
      { header: '库点', width: 3 },
      { header: '编号', width: 1.6 },
      { header: '地区', width: 0.9 },
      { header: '低于安全线的大类（库存 / 安全线）', width: 5 },
    ],
    f.underFloor.map((u) => [u.depot.nameZh, u.depot.code, u.depot.region, u.classes.map((c) => `${cls(c.class)} ${num(c.quantity)} / ${num(c.floor)}`).join('；') || '—']),
    { empty: '无' },
  );
  if (f.underFloorCount > f.underFloor.length) paragraph(doc, `另有 ${num(f.underFloorCount - f.underFloor.length)} 个库点低于安全线，未列出`, { color: MUTED });
}
