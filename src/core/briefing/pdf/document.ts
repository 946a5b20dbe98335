import PDFDocument from 'pdfkit';
import type { BriefingFonts } from '../font';
import { FONT, INK, MUTED, PAGE, RULE, SIZE } from './theme';

export type Doc = PDFKit.PDFDocument;

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string;
}

/** A4 landscape, the CJK font embedded (subset to the glyphs used), pages buffered for the footers. */
export function createDocument(fonts: BriefingFonts, meta: DocumentMeta): Doc {
  const doc = new PDFDocument({
    size: PAGE.size,
    layout: PAGE.layout,
    margin: PAGE.margin,
    bufferPages: true,
    compress: true,
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Keywords: meta.keywords, Creator: 'INRS Command Center', Producer: 'INRS Command Center' },
    lang: 'zh-CN',
    displayTitle: true,
  });
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(INK);
  return doc;
}

export const contentWidth = (doc: Doc): number => doc.page.width - doc.page.margins.left - doc.page.margins.right;
export const bottomOf = (doc: Doc): number => doc.page.height - doc.page.margins.bottom;

/** A section heading in Chinese with its English name after it, and a rule under both. */
export function heading(doc: Doc, zh: string, en: string): void {
  const x = doc.page.margins.left;
  const y = doc.y;
  doc.font(FONT.bold).fontSize(SIZE.heading).fillColor(INK).text(zh, x, y, { lineBreak: false });
  const w = doc.widthOfString(zh);
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(MUTED).text(en, x + w + 10, y + 4, { lineBreak: false });
  const ruleY = y + SIZE.heading + 7;
  doc.moveTo(x, ruleY).lineTo(x + contentWidth(doc), ruleY).lineWidth(0.8).strokeColor(RULE).stroke();
  doc.x = x;
  doc.y = ruleY + 8;
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(INK);
}

/** A line of body text at the cursor. */
export function paragraph(doc: Doc, text: string, options: { color?: string; size?: number; bold?: boolean } = {}): void {
  doc
    .font(options.bold ? FONT.bold : FONT.regular)
    .fontSize(options.size ?? SIZE.body)
    .fillColor(options.color ?? INK)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

/** Starts a new page unless `needed` points still fit under the cursor. */
export function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > bottomOf(doc)) doc.addPage();
}

/**
 * Writes the footer of every page once all pages exist: the briefing's name, its data-as-of
 * time and "page n of N". The bottom margin is lifted while writing so the footer does not
 * spill onto a new page.
 */
export function writeFooters(doc: Doc, left: string): number {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 14;
    const x = doc.page.margins.left;
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(MUTED);
    doc.text(left, x, y, { width: contentWidth(doc) * 0.8, lineBreak: false });
    doc.text(`第 ${i + 1} / ${range.count} 页`, x, y, { width: contentWidth(doc), align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  return range.count;
}
