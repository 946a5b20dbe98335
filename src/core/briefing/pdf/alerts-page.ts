import type { BriefingData } from '../briefing-data';
import { heading, paragraph, type Doc } from './document';
import { ALERT_KIND_ZH, LEVEL_ZH, SEVERITY_ZH, label, num } from './labels';
import { table } from './table';
import { CRITICAL, MUTED, WARNING } from './theme';
import { beijingTime } from './time';

/** Regions in emergency response, then the open alerts (critical first). */
export function drawAlertsPage(doc: Doc, data: BriefingData): void {
  doc.addPage();
  heading(doc, '应急响应地区', 'regions in emergency response');
  table(
    doc,
    [
      { header: '地区', width: 1.6 },
      { header: '级别', width: 0.7 },
      { header: '预案', width: 1.8 },
      { header: '事由', width: 2.6 },
      { header: '启动时间', width: 1.4 },
      { header: '启动人', width: 2.4 },
      { header: '会签 / 紧急授权', width: 1.8 },
    ],
    data.emergencies.map((e) => [
      e.nameZh,
      { text: LEVEL_ZH[e.level], bold: true },
      e.plan ?? '—',
      e.reason ?? '—',
      beijingTime(e.since),
      e.activatedBy.join('；') || '—',
      e.breakGlass ? '紧急授权（未会签）' : (e.countersignedBy ?? '—'),
    ]),
    { empty: '无：各地区均为常态 (all regions normal)' },
  );

  heading(doc, `未处置预警（${num(data.alerts.total)}）`, 'open alerts');
  const kinds = Object.entries(data.alerts.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${label(ALERT_KIND_ZH, k)} ${num(n)}`)
    .join(' · ');
  const s = data.alerts.bySeverity;
  paragraph(doc, `紧急 ${num(s.critical)} · 警告 ${num(s.warning)} · 提示 ${num(s.info)}${kinds ? ` ｜ ${kinds}` : ''}`, { color: MUTED });
  table(
    doc,
    [
      { header: '级别', width: 0.8 },
      { header: '类型', width: 1.2 },
      { header: '地区', width: 0.9 },
      { header: '库点', width: 3 },
      { header: '发生时间（北京时间）', width: 1.6 },
      { header: '编号', width: 3 },
    ],
    data.alerts.shown.map((a) => [
      { text: label(SEVERITY_ZH, a.severity), color: a.severity === 'critical' ? CRITICAL : a.severity === 'warning' ? WARNING : MUTED, bold: a.severity === 'critical' },
      label(ALERT_KIND_ZH, a.kind),
      a.region,
      a.depotName ? `${a.depotName}（${a.depot}）` : (a.depot ?? '—'),
      beijingTime(a.raisedAt),
      a.id,
    ]),
    { empty: '暂无预警' },
  );
  if (data.alerts.total > data.alerts.shown.length) paragraph(doc, `另有 ${num(data.alerts.total - data.alerts.shown.length)} 条未列出（按严重程度与时间排序，仅列前 ${data.alerts.shown.length} 条）`, { color: MUTED });
}
