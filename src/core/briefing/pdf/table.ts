import { bottomOf, contentWidth, type Doc } from './document';
import { FONT, INK, MUTED, RULE, SIZE, ZEBRA } from './theme';

export interface Column {
  header: string;
  /** Share of the table's width. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface Cell {
  text: string;
  color?: string;
  bold?: boolean;
}

export interface TableOptions {
  /** Table width in points; the content width when absent. */
  width?: number;
  x?: number;
  fontSize?: number;
  /** Shown in one muted row when there are no rows. */
  empty?: string;
}

const PAD = 3;

/**
 * A ruled table from the cursor down, one line per row (long cells are cut with an
 * ellipsis); rows that do not fit continue on a new page under a repeated header row.
 */
export function table(doc: Doc, columns: readonly Column[], rows: readonly (readonly (string | Cell)[])[], options: TableOptions = {}): void {
  const size = options.fontSize ?? SIZE.table;
  const x0 = options.x ?? doc.page.margins.left;
  const width = options.width ?? contentWidth(doc);
  const total = columns.reduce((a, c) => a + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * width);
  const rowHeight = size + 2 * PAD + 2;

  const drawRow = (cells: readonly (string | Cell)[], y: number, header: boolean, zebra: boolean) => {
    if (zebra) doc.rect(x0, y, width, rowHeight).fill(ZEBRA);
    let x = x0;
    cells.forEach((raw, i) => {
      const cell = typeof raw === 'string' ? { text: raw } : raw;
      const w = widths[i] ?? 0;
      doc
        .font(header || cell.bold ? FONT.bold : FONT.regular)
        .fontSize(size)
        .fillColor(header ? MUTED : (cell.color ?? INK))
        .text(cell.text, x + PAD, y + PAD + 1, { width: w - 2 * PAD, height: size + 2, align: columns[i]?.align ?? 'left', lineBreak: false, ellipsis: true });
      x += w;
    });
    doc.moveTo(x0, y + rowHeight).lineTo(x0 + width, y + rowHeight).lineWidth(header ? 0.8 : 0.3).strokeColor(RULE).stroke();
  };

  const header = columns.map((c) => c.header);
  let y = doc.y;
  if (y + 2 * rowHeight > bottomOf(doc)) {
    doc.addPage();
    y = doc.y;
  }
  drawRow(header, y, true, false);
  y += rowHeight;
  if (rows.length === 0 && options.empty) {
    // The note spans the whole table, not the first column.
    doc.font(FONT.regular).fontSize(size).fillColor(MUTED).text(options.empty, x0 + PAD, y + PAD + 1, { width: width - 2 * PAD, lineBreak: false, ellipsis: true });
    y += rowHeight;
  }
  rows.forEach((row, i) => {
    if (y + rowHeight > bottomOf(doc)) {
      doc.addPage();
      y = doc.y;
      drawRow(header, y, true, false);
      y += rowHeight;
    }
    drawRow(row, y, false, i % 2 === 1);
    y += rowHeight;
  });
  doc.x = doc.page.margins.left;
  doc.y = y + 10;
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(INK);
}
