import type { BriefingData } from '../briefing-data';
import { contentWidth, type Doc } from './document';
import { table } from './table';
import { ACCENT, FONT, INK, MUTED, SIZE } from './theme';
import { beijingLabel, beijingTime } from './time';

/** Page 1: what this is, how fresh its figures are (overall and per region), who made it and when. */
export function drawCover(doc: Doc, data: BriefingData): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.rect(0, 0, doc.page.width, 8).fill(ACCENT);
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(MUTED).text('智能国储指挥座舱 · INRS Command Center', x, 34);
  doc.font(FONT.bold).fontSize(SIZE.title).fillColor(INK).text(`${data.scope.nameZh}储备态势简报`, x, 56);
  doc.font(FONT.regular).fontSize(13).fillColor(MUTED).text(`Reserve situation briefing — ${data.scope.nameEn}`, x, 92);

  let y = 128;
  const line = (zh: string, en: string, value: string, strong = false) => {
    doc.font(FONT.bold).fontSize(12).fillColor(INK).text(zh, x, y, { lineBreak: false });
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(MUTED).text(en, x, y + 15, { lineBreak: false });
    doc.font(strong ? FONT.bold : FONT.regular).fontSize(strong ? 16 : 11).fillColor(strong ? ACCENT : INK).text(value, x + 120, y - (strong ? 2 : 0), { width: width - 120 });
    y += 34;
  };
  line('数据截至', 'data as of', `${beijingLabel(data.asOf)}  (${data.asOf ?? '—'})`, true);
  if (data.requestedAt) line('所请时点', 'figures as at', `${beijingLabel(data.requestedAt)}  (${data.requestedAt})`);
  line('生成', 'generated', `${data.generatedBy} · ${beijingLabel(data.generatedAt)}`);
  line('副本', 'replica', `${data.stats.events.toLocaleString('en')} 条事件 · ${data.stats.depots.toLocaleString('en')} 个库点 · 链头 ${data.stats.chainHead.slice(0, 16)}…`);

  doc.font(FONT.bold).fontSize(11).fillColor(INK).text('各地区数据截至时间', x, y + 4, { continued: true });
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(MUTED).text('  data as of, per region (each region\'s newest event)');
  doc.y = y + 24;
  const regions = data.stats.regions.filter((r) => data.scope.region === null || r.region === data.scope.region || r.region === '000000');
  const rows = regions.map((r) => [r.region, r.nameZh, beijingTime(r.dataAsOf), r.lastSeq.toLocaleString('en')]);
  // Three side-by-side tables keep all 32 regions on the cover.
  const parts = 3;
  const per = Math.ceil(rows.length / parts);
  const columns = [
    { header: '代码', width: 1.1 },
    { header: '地区', width: 2.2 },
    { header: '数据截至（北京时间）', width: 2.8 },
    { header: '末序号', width: 1.1, align: 'right' as const },
  ];
  const top = doc.y;
  const gap = 14;
  const colWidth = (width - gap * (parts - 1)) / parts;
  let bottom = top;
  for (let i = 0; i < parts && i * per < rows.length; i++) {
    doc.y = top;
    table(doc, columns, rows.slice(i * per, (i + 1) * per), { width: colWidth, x: x + i * (colWidth + gap), fontSize: SIZE.small });
    bottom = Math.max(bottom, doc.y);
  }
  doc.y = bottom;
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(MUTED).text(
    '本简报由本地加密副本离线生成，数字均以副本数据截至时间为准，到期窗口自该时间起算。 Generated offline from the local encrypted replica; every figure is as of the data-as-of time above.',
    x,
    doc.y,
    { width },
  );
}
