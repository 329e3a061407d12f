// Packing slip (A4 / Letter, 300 dpi grid): sender, order barcode, ship-to, item table that flows
// onto further pages, "Page n / m" footer. Every page repeats the order number and table header.
import type { z } from 'zod';
import type { LayoutElement, LayoutInput } from '../layout/model';
import type { packingSlipDataSchema } from '../schemas';
import { caption } from './captions';
import { addressBody, addressText, paginate, paperFrame, placeLinearOrNone, present, type LinearPlacement } from './common';

export type PackingSlipData = z.output<typeof packingSlipDataSchema>;

const MARGIN = 15;
const ROW = 11; // mm per item row: two lines of 9 pt description
const FIRST_TABLE_Y = 92;
const NEXT_TABLE_Y = 38;
const FOOTER = 18; // space kept free at the bottom for the footer

export function packingSlip(d: PackingSlipData): LayoutInput {
  const { widthMm, heightMm } = paperFrame(d.paper);
  const L = d.lang;
  const inner = widthMm - 2 * MARGIN;
  const right = widthMm - MARGIN;
  const bottom = heightMm - FOOTER;
  const firstRows = Math.floor((bottom - (FIRST_TABLE_Y + 7)) / ROW);
  const nextRows = Math.floor((bottom - (NEXT_TABLE_Y + 7)) / ROW);
  const pages = paginate(d.items.map((it, i) => ({ ...it, n: i + 1 })), firstRows, nextRows);
  // The note goes under the table on the last page, or on a page of its own when it does not fit.
  const lastRows = pages[pages.length - 1]?.length ?? 0;
  const lastTop = pages.length === 1 ? FIRST_TABLE_Y : NEXT_TABLE_Y;
  const noteY = lastTop + 7 + lastRows * ROW + 4;
  const noteFits = !d.note || noteY + 20 <= bottom;
  if (!noteFits) pages.push([]);
  const total = pages.length;

  const cols = { n: MARGIN, sku: MARGIN + 9, desc: MARGIN + 52, ordered: right - 44, packed: right - 20 };
  // Right-aligned in the right half of the page, its 10X quiet zones inside the margin.
  const orderBarcode = (id: string | undefined, y: number, heightMm: number): LinearPlacement | undefined =>
    placeLinearOrNone({ id, field: 'orderNumber', symbology: 'code128', data: d.orderNumber, x: MARGIN + inner / 2, width: inner / 2, y, heightMm, preferredMm: 0.34, dpi: 300, align: 'right' });
  const tableHeader = (y: number): LayoutElement[] => [
    { type: 'text', x: cols.n, y, width: 8, text: '#', size: 9, bold: true },
    { type: 'text', x: cols.sku, y, width: 42, text: caption(L, 'sku'), size: 9, bold: true },
    { type: 'text', x: cols.desc, y, width: 84, text: caption(L, 'description'), size: 9, bold: true },
    { type: 'text', x: cols.ordered, y, width: 22, text: caption(L, 'ordered'), size: 9, bold: true, align: 'right' },
    { type: 'text', x: cols.packed, y, width: 20, text: caption(L, 'packed'), size: 9, bold: true, align: 'right' },
    { type: 'line', x: MARGIN, y: y + 5, length: inner, thicknessMm: 0.35 },
  ];

  const layoutPages = pages.map((rows, p): LayoutElement[] => {
    const els: LayoutElement[] = [];
    let tableY: number;
    if (p === 0) {
      els.push(
        { type: 'text', id: 'sender', x: MARGIN, y: MARGIN, width: 100, text: d.shipFrom.company ?? d.shipFrom.name, size: 16, bold: true },
        { type: 'text', x: MARGIN, y: MARGIN + 8, width: 100, text: addressBody({ ...d.shipFrom, company: undefined }), size: 9, maxLines: 5, lineHeight: 1.15 },
        { type: 'text', id: 'title', x: right - 90, y: MARGIN, width: 90, text: caption(L, 'packingSlip'), size: 18, bold: true, align: 'right' },
        ...present(orderBarcode('orderBarcode', MARGIN + 9, 12)?.element),
        { type: 'text', id: 'orderNumber', x: right - 90, y: MARGIN + 23, width: 90, text: `${caption(L, 'order')} ${d.orderNumber}`, size: 11, minSize: 8, bold: true, align: 'right' },
        { type: 'text', x: MARGIN, y: 52, width: 90, text: caption(L, 'shipTo'), size: 8, bold: true },
        { type: 'text', id: 'shipTo', x: MARGIN, y: 56, width: 95, text: addressText(d.shipTo), size: 11, maxLines: 7, lineHeight: 1.2 },
      );
      if (d.orderDate) {
        els.push({ type: 'text', id: 'orderDate', x: right - 70, y: 56, width: 70, text: `${caption(L, 'orderDate')}: ${d.orderDate}`, size: 10, align: 'right' });
      }
      tableY = FIRST_TABLE_Y;
    } else {
      els.push(
        { type: 'text', x: MARGIN, y: MARGIN, width: inner - (orderBarcode(undefined, 0, 8)?.spanMm ?? 0) - 2, text: `${caption(L, 'packingSlip')} — ${caption(L, 'order')} ${d.orderNumber}`, size: 12, minSize: 9, bold: true, maxLines: 2, maxHeight: 10 },
        ...present(orderBarcode(undefined, MARGIN - 1, 8)?.element),
      );
      tableY = NEXT_TABLE_Y;
    }
    if (rows.length > 0) els.push(...tableHeader(tableY));
    rows.forEach((it, i) => {
      const y = tableY + 7 + i * ROW;
      els.push(
        { type: 'text', x: cols.n, y, width: 8, text: String(it.n), size: 9 },
        { type: 'text', x: cols.sku, y, width: 42, text: it.sku, size: 9, minSize: 7, bold: true, maxLines: 2, lineHeight: 1.15 },
        { type: 'text', x: cols.desc, y, width: 84, text: it.description, size: 9, minSize: 7, maxLines: 2, lineHeight: 1.15 },
        { type: 'text', x: cols.ordered, y, width: 22, text: String(it.quantityOrdered ?? it.quantity), size: 10, align: 'right' },
        { type: 'text', x: cols.packed, y, width: 20, text: String(it.quantity), size: 10, bold: true, align: 'right' },
        { type: 'line', x: MARGIN, y: y + ROW - 2.5, length: inner, thicknessMm: 0.1 },
      );
    });
    if (d.note && p === total - 1) {
      const y = noteFits ? noteY : NEXT_TABLE_Y;
      els.push(
        { type: 'text', x: MARGIN, y, width: inner, text: caption(L, 'note'), size: 9, bold: true },
        { type: 'text', id: 'note', x: MARGIN, y: y + 5, width: inner, text: d.note, size: 9, maxLines: 4, lineHeight: 1.2 },
      );
    }
    els.push({ type: 'text', id: 'footer', x: right - 60, y: heightMm - 12, width: 60, text: `${caption(L, 'page')} ${p + 1} / ${total}`, size: 8, align: 'right' });
    return els;
  });

  return { widthMm, heightMm, dpi: 300, medium: 'document', title: `${caption(L, 'packingSlip')} ${d.orderNumber}`, pages: layoutPages };
}
