// Shipping label (4×6 in or 100×150 mm): ship-from, carrier, ship-to, order, parcel n of m,
// weight and the tracking barcode as large as the width allows.
import type { z } from 'zod';
import type { LayoutElement, LayoutInput } from '../layout/model';
import type { shippingLabelDataSchema } from '../schemas';
import { caption } from './captions';
import { addressBody, addressText, centredBarcode, fmtKg, labelFrame, lineCount } from './common';

export type ShippingLabelData = z.output<typeof shippingLabelDataSchema>;

export function shippingLabel(d: ShippingLabelData): LayoutInput {
  const { widthMm, heightMm } = labelFrame(d.size);
  const m = 3; // margin
  const inner = widthMm - 2 * m;
  const L = d.lang;
  // The street block follows the name directly: one or two lines of 16 pt (1.1 × 5.64 mm each).
  const nameLines = lineCount(d.shipTo.name, inner, 16, true, 2);
  const bodyY = 33 + nameLines * 6.2 + 1.5;
  const bodyLines = Math.max(1, Math.floor((76 - bodyY) / 5.3));
  const els: LayoutElement[] = [
    { type: 'text', x: m, y: 3, width: 55, text: caption(L, 'from'), size: 6, bold: true },
    { type: 'text', id: 'shipFrom', x: m, y: 6, width: 58, text: addressText(d.shipFrom), size: 8, maxLines: 5, lineHeight: 1.15 },
    { type: 'text', id: 'carrier', x: widthMm - m - 36, y: 4, width: 36, text: d.carrier, size: 16, bold: true, align: 'right' },
    { type: 'text', id: 'method', x: widthMm - m - 36, y: 12, width: 36, text: d.method ?? '', size: 9, align: 'right', maxLines: 3 },
    { type: 'line', x: m, y: 27, length: inner, thicknessMm: 0.5 },
    { type: 'text', x: m, y: 29, width: inner, text: caption(L, 'shipTo'), size: 7, bold: true },
    { type: 'text', id: 'shipToName', x: m, y: 33, width: inner, text: d.shipTo.name, size: 16, bold: true, maxLines: 2, lineHeight: 1.1 },
    { type: 'text', id: 'shipTo', x: m, y: bodyY, width: inner, text: addressBody(d.shipTo), size: 13, maxLines: bodyLines, lineHeight: 1.15 },
    { type: 'line', x: m, y: 78, length: inner, thicknessMm: 0.5 },
    { type: 'text', x: m, y: 80, width: 55, text: caption(L, 'order'), size: 7, bold: true },
    { type: 'text', id: 'orderNumber', x: m, y: 83.5, width: 58, text: d.orderNumber, size: 14, bold: true },
    { type: 'barcode', id: 'orderBarcode', symbology: 'code128', data: d.orderNumber, x: m, y: 90.5, moduleMm: 0.25, heightMm: 9 },
    { type: 'text', x: widthMm - m - 36, y: 80, width: 36, text: caption(L, 'parcel'), size: 7, bold: true, align: 'right' },
    { type: 'text', id: 'parcel', x: widthMm - m - 36, y: 83, width: 36, text: `${d.parcel.index} / ${d.parcel.count}`, size: 24, bold: true, align: 'right' },
    {
      type: 'text',
      id: 'weight',
      x: widthMm - m - 36,
      y: 94.5,
      width: 36,
      text: d.weightKg !== undefined ? fmtKg(d.weightKg) : '',
      size: 11,
      align: 'right',
    },
    { type: 'line', x: m, y: 102, length: inner, thicknessMm: 0.5 },
    { type: 'text', x: m, y: 104, width: inner, text: caption(L, 'tracking'), size: 7, bold: true },
    centredBarcode({ id: 'tracking', symbology: 'code128', data: d.trackingNumber, x: m + 2, width: inner - 4, y: 108, heightMm: 28, moduleMm: 0.375, dpi: d.dpi }),
    { type: 'text', id: 'trackingText', x: m, y: 137.5, width: inner, text: d.trackingNumber, size: 11, bold: true, align: 'center' },
  ];
  if (d.reference) {
    els.push({ type: 'text', id: 'reference', x: m, y: heightMm - 7.5, width: inner, text: d.reference, size: 7, align: 'center' });
  }
  return {
    widthMm,
    heightMm,
    dpi: d.dpi,
    medium: 'label',
    title: `${d.orderNumber} ${d.parcel.index}/${d.parcel.count}`,
    pages: [els],
  };
}
