// Pick list sheet (A4 / Letter): list id and its barcode at the top, one row per line with a tick
// box, location, SKU, description and qty, and the SKU's own barcode on a band under the row's text
// (so a picker without a product barcode can still scan). Columns wrap and rows grow to fit their
// text; nothing is cut or overlaps. Every symbol and its 10X quiet zones stay inside the 15 mm
// page margin, well within an office printer's printable area (≥ 5 mm).
import type { z } from 'zod';
import type { LayoutElement, LayoutInput } from '../layout/model';
import type { pickListDataSchema } from '../schemas';
import { caption } from './captions';
import { LabelFitError, lineCount, paperFrame, placeLinear, placeLinearOrNone, type LinearPlacement } from './common';

export type PickListData = z.output<typeof pickListDataSchema>;

const MARGIN = 15;
const FOOTER = 18;
const LINE_PITCH = 1.15;
const SIZES = { loc: 12, sku: 9, desc: 9, qty: 16 } as const;
const MAX_LINES = { loc: 4, sku: 3, desc: 4 } as const;
// Row heights are measured a little narrower than drawn, so dot rounding can never add a line.
const SLACK = 0.3;
const BAR_MM = 8;
const PT_MM = 25.4 / 72;

export function pickListSheet(d: PickListData): LayoutInput {
  const { widthMm, heightMm } = paperFrame(d.paper);
  const L = d.lang;
  const inner = widthMm - 2 * MARGIN;
  const right = widthMm - MARGIN;
  const bottom = heightMm - FOOTER;
  const dpi = 300;
  const cols = { box: MARGIN, loc: MARGIN + 9, sku: MARGIN + 52, desc: MARGIN + 104, qty: right - 16 };
  const w = { loc: cols.sku - cols.loc - 3, sku: cols.desc - cols.sku - 3, desc: cols.qty - cols.desc - 2, qty: 16 };
  const title = `${caption(L, 'pickList')} ${d.pickListId}`;

  // The list barcode sits top right; the title (which keeps the list id) takes the rest of the row.
  // A list id too long for that gets a full-width row of its own under the title.
  const listAt = (p: number, y: number, x: number, width: number): LinearPlacement | undefined =>
    placeLinearOrNone({ id: p === 0 ? 'listBarcode' : undefined, field: 'pickListId', symbology: 'code128', data: d.pickListId, x, width, y, heightMm: 12, preferredMm: 0.34, dpi, align: 'right' });
  const ownRow = listAt(0, MARGIN, MARGIN + inner * 0.4, inner * 0.6) === undefined;
  const shift = ownRow ? 15 : 0;
  const listBarcode = (p: number): LinearPlacement => {
    const bc = ownRow ? listAt(p, MARGIN + 14, MARGIN, inner) : listAt(p, MARGIN, MARGIN + inner * 0.4, inner * 0.6);
    // The list id is how a picker starts the list: if no readable symbol fits, refuse.
    return bc ?? placeLinear({ field: 'pickListId', symbology: 'code128', data: d.pickListId, x: MARGIN, width: inner, y: 0, heightMm: 12, preferredMm: 0.34, dpi });
  };
  const header = (p: number, total: number): LayoutElement[] => {
    const bc = listBarcode(p);
    const els: LayoutElement[] = [
      { type: 'text', id: p === 0 ? 'title' : undefined, x: MARGIN, y: MARGIN, width: ownRow ? inner : inner - bc.spanMm - 2, text: total > 1 && p > 0 ? `${title} (${p + 1}/${total})` : title, size: 16, minSize: 11, bold: true, maxLines: 2, maxHeight: 13, lineHeight: 1.1 },
      bc.element,
    ];
    if (p === 0) {
      const meta = [d.createdAt, d.picker ? `${caption(L, 'picker')}: ${d.picker}` : undefined].filter(Boolean).join('   ');
      els.push({ type: 'text', id: 'meta', x: MARGIN, y: MARGIN + 14 + shift, width: inner, text: meta, size: 10 });
    }
    return els;
  };
  const tableHeader = (y: number): LayoutElement[] => [
    { type: 'text', x: cols.loc, y, width: w.loc, text: caption(L, 'location'), size: 9, bold: true },
    { type: 'text', x: cols.sku, y, width: w.sku, text: caption(L, 'sku'), size: 9, bold: true },
    { type: 'text', x: cols.desc, y, width: w.desc, text: caption(L, 'description'), size: 9, bold: true },
    { type: 'text', x: cols.qty, y, width: w.qty, text: caption(L, 'qty'), size: 9, bold: true, align: 'right' },
    { type: 'line', x: MARGIN, y: y + 5, length: inner, thicknessMm: 0.35 },
  ];

  // Rows: text block as tall as its longest column, then the SKU barcode on a band of its own.
  const rows = d.lines.map((line, i) => {
    const textH = Math.max(
      SIZES.qty * PT_MM,
      lineCount(line.location, w.loc - SLACK, SIZES.loc, true, MAX_LINES.loc) * SIZES.loc * PT_MM * LINE_PITCH,
      lineCount(line.sku, w.sku - SLACK, SIZES.sku, true, MAX_LINES.sku) * SIZES.sku * PT_MM * LINE_PITCH,
      lineCount(line.description, w.desc - SLACK, SIZES.desc, false, MAX_LINES.desc) * SIZES.desc * PT_MM * LINE_PITCH,
    );
    const height = textH + 1.5 + BAR_MM + 3;
    const build = (y: number): LayoutElement[] => {
      const bandY = y + textH + 1.5;
      const bc = skuBarcode(line.sku, `lines.${i}.sku`, cols.sku - 4, right, cols.loc, bandY);
      return [
        { type: 'box', x: cols.box, y, width: 6, height: 6, thicknessMm: 0.35 },
        { type: 'text', id: `loc-${i}`, x: cols.loc, y, width: w.loc, text: line.location, size: SIZES.loc, bold: true, maxLines: MAX_LINES.loc, lineHeight: LINE_PITCH },
        { type: 'text', id: `sku-${i}`, x: cols.sku, y, width: w.sku, text: line.sku, size: SIZES.sku, bold: true, maxLines: MAX_LINES.sku, lineHeight: LINE_PITCH },
        { type: 'text', id: `desc-${i}`, x: cols.desc, y, width: w.desc, text: line.description, size: SIZES.desc, maxLines: MAX_LINES.desc, lineHeight: LINE_PITCH },
        { type: 'text', id: `qty-${i}`, x: cols.qty, y, width: w.qty, text: String(line.quantity), size: SIZES.qty, bold: true, align: 'right' },
        { ...bc.element, id: `skuBarcode-${i}` },
        { type: 'line', x: MARGIN, y: y + height - 1.5, length: inner, thicknessMm: 0.1 },
      ];
    };
    return { height, build };
  });

  // Flow rows onto pages by their real heights.
  const pages: (typeof rows)[] = [[]];
  let y = MARGIN + 28 + shift;
  for (const row of rows) {
    const page = pages[pages.length - 1] as typeof rows;
    if (y + row.height > bottom && page.length > 0) {
      pages.push([row]);
      y = MARGIN + 22 + shift + row.height;
    } else {
      page.push(row);
      y += row.height;
    }
  }
  const layoutPages = pages.map((rs, p): LayoutElement[] => {
    const tableY = (p === 0 ? MARGIN + 21 : MARGIN + 15) + shift;
    const els = [...header(p, pages.length), ...tableHeader(tableY)];
    let ry = tableY + 7;
    for (const r of rs) {
      els.push(...r.build(ry));
      ry += r.height;
    }
    els.push({ type: 'text', id: 'footer', x: right - 60, y: heightMm - 12, width: 60, text: `${caption(L, 'page')} ${p + 1} / ${pages.length}`, size: 8, align: 'right' });
    return els;
  });
  return { widthMm, heightMm, dpi, medium: 'document', title, pages: layoutPages };
}

/** The SKU barcode under the SKU column; if it is too long for that, from the location column on. */
function skuBarcode(sku: string, field: string, x: number, right: number, fallbackX: number, y: number): LinearPlacement {
  const opts = { field, symbology: 'code128' as const, data: sku, y, heightMm: BAR_MM, preferredMm: 0.34, dpi: 300, align: 'left' as const };
  try {
    return placeLinear({ ...opts, x, width: right - x });
  } catch (e) {
    if (!(e instanceof LabelFitError)) throw e;
    return placeLinear({ ...opts, x: fallbackX, width: right - fallbackX });
  }
}
