import type { ProvinceRisk } from '../../../shared/contract/situation-schemas';
import { LEVEL_COLOURS } from '../../../shared/domain/emergency';
import { PROVINCE_CENTROIDS } from '../../../shared/domain/province-centroids';
import type { BriefingData } from '../briefing-data';
import type { ProvinceShape } from './basemap';
import { contentWidth, heading, type Doc } from './document';
import { BAND_ZH, LEVEL_ZH, num } from './labels';
import { fitProjection, ringsToPath, type Box } from './projection';
import { NO_DATA, riskColour, riskLegend } from './risk-colour';
import { table } from './table';
import { FONT, INK, MUTED, SIZE } from './theme';

/** The mainland with Hainan; the South China Sea islands are left to the standard map's inset. */
const BOUNDS = [73, 17.5, 135.5, 54] as const;

function drawMap(doc: Doc, box: Box, shapes: readonly ProvinceShape[], byAdcode: ReadonlyMap<string, ProvinceRisk>, inScope: (adcode: string) => boolean): void {
  const project = fitProjection(BOUNDS, box);
  for (const shape of shapes) {
    const p = byAdcode.get(shape.adcode);
    const fill = p && inScope(p.adcode) ? riskColour(p.riskIndex) : NO_DATA;
    const path = ringsToPath(shape.rings, project);
    if (path) doc.path(path).lineWidth(0.35).fillAndStroke(fill, '#ffffff');
  }
  // Regions in emergency get a heavy outline in their level's signal colour.
  for (const shape of shapes) {
    const p = byAdcode.get(shape.adcode);
    if (!p || p.emergencyLevel === 'normal' || !inScope(p.adcode)) continue;
    const path = ringsToPath(shape.rings, project);
    if (path) doc.path(path).lineWidth(1.6).stroke(LEVEL_COLOURS[p.emergencyLevel]);
  }
  doc.font(FONT.regular).fontSize(6.5);
  for (const p of byAdcode.values()) {
    const at = PROVINCE_CENTROIDS[p.adcode];
    if (!at) continue;
    const [x, y] = project(at);
    const name = p.nameZh.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
    doc.fillColor(inScope(p.adcode) ? INK : MUTED).text(name, x - 20, y - 3, { width: 40, align: 'center', lineBreak: false });
  }
}

function drawLegend(doc: Doc, x: number, y: number): number {
  doc.font(FONT.bold).fontSize(SIZE.body).fillColor(INK).text('风险指数', x, y, { continued: true });
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(MUTED).text('  risk index 0–100');
  let row = y + 18;
  for (const item of riskLegend()) {
    doc.rect(x, row, 14, 10).fill(item.colour);
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(INK).text(`${BAND_ZH[item.band]}（≥ ${item.from}）`, x + 20, row + 1, { lineBreak: false });
    row += 14;
  }
  doc.rect(x, row, 14, 10).fill(NO_DATA);
  doc.fillColor(INK).text('无数据 / 不在范围', x + 20, row + 1, { lineBreak: false });
  row += 16;
  for (const level of ['IV', 'III', 'II', 'I'] as const) {
    doc.rect(x, row, 14, 10).lineWidth(1.6).stroke(LEVEL_COLOURS[level]);
    doc.fillColor(INK).text(`应急响应 ${LEVEL_ZH[level]}`, x + 20, row + 1, { lineBreak: false });
    row += 14;
  }
  return row + 6;
}

/** Page 2: provinces coloured by risk index, emergency outlines, legend and the highest risks. */
export function drawMapPage(doc: Doc, data: BriefingData, basemap: { shapes: readonly ProvinceShape[]; demo: boolean }): void {
  doc.addPage();
  heading(doc, '全国风险态势图', 'national risk map');
  const top = doc.y;
  const mapWidth = contentWidth(doc) * 0.62;
  const box = { x: doc.page.margins.left, y: top, width: mapWidth, height: doc.page.height - doc.page.margins.bottom - top - 14 };
  const byAdcode = new Map(data.allProvinces.map((p) => [p.adcode, p]));
  const inScope = (adcode: string) => data.scope.region === null || adcode === data.scope.region;
  drawMap(doc, box, basemap.shapes, byAdcode, inScope);
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(MUTED);
  const notice = basemap.demo ? '示意底图，非标准地图（南海诸岛等见标准地图）' : '底图：所配置的标准地图';
  doc.text(notice, box.x, box.y + box.height + 2, { width: mapWidth, lineBreak: false });

  const side = box.x + mapWidth + 18;
  const sideWidth = contentWidth(doc) - mapWidth - 18;
  const after = drawLegend(doc, side, top);
  doc.y = after;
  doc.font(FONT.bold).fontSize(SIZE.body).fillColor(INK).text('风险最高的省份', side, doc.y, { continued: true });
  doc.font(FONT.regular).fontSize(SIZE.small).fillColor(MUTED).text('  highest risk');
  doc.y += 4;
  const top10 = data.provinces.slice(0, 10);
  table(
    doc,
    [
      { header: '省份', width: 2.4 },
      { header: '指数', width: 1, align: 'right' },
      { header: '等级', width: 1 },
      { header: '应急', width: 1 },
    ],
    top10.map((p) => [p.nameZh, num(p.riskIndex, 1), BAND_ZH[p.riskBand], p.emergencyLevel === 'normal' ? '—' : LEVEL_ZH[p.emergencyLevel]]),
    { x: side, width: sideWidth, empty: '无数据' },
  );
}
