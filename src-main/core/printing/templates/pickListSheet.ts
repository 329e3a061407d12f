// Pick list sheet (A4 / Letter): list barcode at the top, one row per line with a tick box,
// location, SKU with its own barcode (so a picker without a product barcode can still scan), and qty.
import type { z } from 'zod';
import type { LayoutElement, LayoutInput } from '../layout/model';
import type { pickListDataSchema } from '../schemas';
import { caption } from './captions';
import { paginate, paperFrame } from './common';

export type PickListData = z.output<typeof pickListDataSchema>;

const MARGIN = 15;
const ROW = 16;
const FIRST_TABLE_Y = 45;
const NEXT_TABLE_Y = 35;
const FOOTER = 18;

export function pickListSheet(d: PickListData): LayoutInput {
  const { widthMm, heightMm } = paperFrame(d.paper);
  const L = d.lang;
  const inner = widthMm - 2 * MARGIN;
  const right = widthMm - MARGIN;
  const bottom = heightMm - FOOTER;
  const pages = paginate(
    d.lines,
    Math.floor((bottom - FIRST_TABLE_Y - 7) / ROW),
    Math.floor((bottom - NEXT_TABLE_Y - 7) / ROW),
  );
  const cols = { box: MARGIN, loc: MARGIN + 10, sku: MARGIN + 45, desc: MARGIN + 105, qty: right - 18 };

  const layoutPages = pages.map((rows, p): LayoutElement[] => {
    const els: LayoutElement[] = [
      { type: 'text', id: p === 0 ? 'title' : undefined, x: MARGIN, y: MARGIN, width: 100, text: `${caption(L, 'pickList')} ${d.pickListId}`, size: 16, bold: true },
      { type: 'barcode', id: p === 0 ? 'listBarcode' : undefined, symbology: 'code128', data: d.pickListId, x: right - 60, y: MARGIN, moduleMm: 0.34, heightMm: 12 },
    ];
    if (p === 0) {
      const meta = [d.createdAt, d.picker ? `${caption(L, 'picker')}: ${d.picker}` : undefined].filter(Boolean).join('   ');
      els.push({ type: 'text', x: MARGIN, y: MARGIN + 9, width: 110, text: meta, size: 10 });
    }
    const tableY = p === 0 ? FIRST_TABLE_Y : NEXT_TABLE_Y;
    els.push(
      { type: 'text', x: cols.loc, y: tableY, width: 34, text: caption(L, 'location'), size: 9, bold: true },
      { type: 'text', x: cols.sku, y: tableY, width: 58, text: caption(L, 'sku'), size: 9, bold: true },
      { type: 'text', x: cols.desc, y: tableY, width: 60, text: caption(L, 'description'), size: 9, bold: true },
      { type: 'text', x: cols.qty, y: tableY, width: 18, text: caption(L, 'qty'), size: 9, bold: true, align: 'right' },
      { type: 'line', x: MARGIN, y: tableY + 5, length: inner, thicknessMm: 0.35 },
    );
    rows.forEach((line, i) => {
      const y = tableY + 8 + i * ROW;
      els.push(
        { type: 'box', x: cols.box, y, width: 6, height: 6, thicknessMm: 0.35 },
        { type: 'text', x: cols.loc, y, width: 34, text: line.location, size: 13, bold: true, maxLines: 2, lineHeight: 1.1 },
        { type: 'text', x: cols.sku, y, width: 58, text: line.sku, size: 9, bold: true },
        { type: 'barcode', symbology: 'code128', data: line.sku, x: cols.sku, y: y + 4.5, moduleMm: 0.25, heightMm: 7 },
        { type: 'text', x: cols.desc, y, width: 60, text: line.description, size: 9, maxLines: 3, lineHeight: 1.15 },
        { type: 'text', x: cols.qty, y, width: 18, text: String(line.quantity), size: 16, bold: true, align: 'right' },
        { type: 'line', x: MARGIN, y: y + ROW - 3, length: inner, thicknessMm: 0.1 },
      );
    });
    els.push({ type: 'text', id: 'footer', x: right - 60, y: heightMm - 12, width: 60, text: `${caption(L, 'page')} ${p + 1} / ${pages.length}`, size: 8, align: 'right' });
    return els;
  });
  return { widthMm, heightMm, dpi: 300, medium: 'document', title: `${caption(L, 'pickList')} ${d.pickListId}`, pages: layoutPages };
}
