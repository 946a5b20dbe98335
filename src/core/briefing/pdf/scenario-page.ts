import type { BriefingScenario } from '../scenario-section';
import { heading, paragraph, type Doc } from './document';
import { num } from './labels';
import { table } from './table';
import { beijingLabel } from './time';
import { CRITICAL, MUTED } from './theme';

/** The last scenario run: its response plans side by side, then what each delivered per category. */
export function drawScenarioPage(doc: Doc, scenario: BriefingScenario): void {
  doc.addPage();
  heading(doc, '情景推演：应对方案比较', 'scenario simulation: response plans compared');
  const affected = scenario.affected.map((a) => `${a.nameZh} ${num(a.population)} 人（第 ${a.onsetDay + 1} 天起 ${a.durationDays} 天）`).join('；');
  paragraph(doc, `${scenario.title ? `${scenario.title} · ` : ''}推演 ${scenario.days} 天，运行于 ${beijingLabel(scenario.at)}。受影响：${affected}。`);
  paragraph(
    doc,
    '每个方案按人均标准逐日计算需求，以 HiGHS 求解整个推演期：先使缺口（人·天）最小，再少动用安全线以下储备，再使吨公里最少。推演为建议，不代替指令。',
    { color: MUTED },
  );
  const best = Math.min(...scenario.plans.map((p) => p.shortfallPersonDays));
  table(
    doc,
    [
      { header: '方案', width: 1.3 },
      { header: '可调出省份', width: 2.2 },
      { header: '日运力（吨）', width: 1, align: 'right' },
      { header: '补货周期（天）', width: 1, align: 'right' },
      { header: '可低于安全线', width: 0.9, align: 'center' },
      { header: '缺口（人·天）', width: 1.3, align: 'right' },
      { header: '运输（小时）', width: 1, align: 'right' },
      { header: '成本（万元）', width: 1, align: 'right' },
      { header: '期末低于安全线', width: 1.8 },
    ],
    scenario.plans.map((p) => [
      { text: p.id, bold: true },
      p.sources,
      p.dailyTransportTonnes === null ? '不限' : num(p.dailyTransportTonnes),
      p.replenishLeadDays === null ? '不补货' : num(p.replenishLeadDays),
      p.belowFloor ? '是' : '否',
      { text: num(p.shortfallPersonDays), ...(p.shortfallPersonDays > best ? { color: CRITICAL } : {}), bold: p.shortfallPersonDays === best },
      num(p.transportHours, 1),
      num(p.cost / 10_000, 1),
      p.regionsBelowFloor.length === 0 ? '无' : { text: p.regionsBelowFloor.join('、'), color: CRITICAL },
    ]),
  );
  paragraph(doc, '各方案分品类：推演期内的需求、送达与缺口（一次性物资按首日所需计，逐日物资逐日累计）', { bold: true });
  table(
    doc,
    [
      { header: '方案', width: 1.3 },
      { header: '品类', width: 1.8 },
      { header: '需求', width: 1.3, align: 'right' },
      { header: '送达', width: 1.3, align: 'right' },
      { header: '缺口', width: 1.3, align: 'right' },
    ],
    scenario.categories.map((c) => [
      c.plan,
      c.nameZh,
      `${num(c.demand)} ${c.unit}`,
      `${num(c.delivered)} ${c.unit}`,
      c.shortfall > 0 ? { text: `${num(c.shortfall)} ${c.unit}`, color: CRITICAL } : `0 ${c.unit}`,
    ]),
  );
}
