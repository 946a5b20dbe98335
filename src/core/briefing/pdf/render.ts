import type { BriefingData } from '../briefing-data';
import type { BriefingFonts } from '../font';
import { drawAlertsPage } from './alerts-page';
import type { ProvinceShape } from './basemap';
import { drawCover } from './cover';
import { createDocument, writeFooters } from './document';
import { drawKpiPage } from './kpi-page';
import { drawLotPages } from './lots-page';
import { drawMapPage } from './map-page';
import { drawShortfallsPage } from './shortfalls-page';
import { drawForecastPage } from './forecast-page';
import { beijingLabel } from './time';

export interface RenderedBriefing {
  pdf: Buffer;
  pages: number;
}

/**
 * Lays out the whole briefing and returns the PDF bytes. pdfkit writes into its stream's
 * buffer as it goes and, with every font and image in memory, finishes within end(): the
 * bytes are read back synchronously, so this runs inside the replica worker as one call.
 */
export function renderBriefing(data: BriefingData, fonts: BriefingFonts, basemap: { shapes: readonly ProvinceShape[]; demo: boolean }): RenderedBriefing {
  const title = `${data.scope.nameZh}储备态势简报`;
  const doc = createDocument(fonts, {
    title,
    author: data.generatedBy,
    subject: `数据截至 ${beijingLabel(data.asOf)}`,
    keywords: ['INRS', 'briefing', data.scope.region ?? 'national'].join(', '),
  });
  drawCover(doc, data);
  drawMapPage(doc, data, basemap);
  drawKpiPage(doc, data);
  drawAlertsPage(doc, data);
  drawShortfallsPage(doc, data);
  if (data.forecast !== undefined) drawForecastPage(doc, data.forecast);
  drawLotPages(doc, data.lots);
  const pages = writeFooters(doc, `${title} · 数据截至 ${beijingLabel(data.asOf)} · 内部资料`);
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  const pdf = Buffer.concat(chunks);
  if (!pdf.subarray(-8).toString('latin1').includes('%%EOF')) throw new Error('the PDF did not finish writing');
  return { pdf, pages };
}
