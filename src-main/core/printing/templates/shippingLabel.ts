// Shipping label (4×6 in or 100×150 mm): ship-from, carrier, ship-to, order, parcel n of m,
// weight and the tracking barcode as large as the width allows.
import type { z } from 'zod';
import type { LayoutElement, LayoutInput } from '../layout/model';
import type { shippingLabelDataSchema } from '../schemas';
import { caption } from './captions';
import { addressBody, addressText, fmtKg, labelFrame, lineCount, placeLinear, placeLinearOrNone } from './common';

export type ShippingLabelData = z.output<typeof shippingLabelDataSchema>;

/** Smallest text the label may shrink a field to before cutting it (a packer reads it at arm's length). */
const MIN_PT = 7;

export function shippingLabel(d: ShippingLabelData): LayoutInput {
  const { widthMm, heightMm } = labelFrame(d.size);
  const m = 3; // margin
  const inner = widthMm - 2 * m;
  const L = d.lang;
  // Barcode bands span the label: their quiet zones may use the margin but stay 1 mm off the edge.
  const band = { x: 1, width: widthMm - 2 };
  const right = widthMm - m - 34; // left edge of the right-hand column (carrier, parcel)
  // The street block follows the name directly: one or two lines of 16 pt (1.1 × 5.64 mm each).
  const nameLines = lineCount(d.shipTo.name, inner, 16, true, 2);
  const bodyY = 33 + nameLines * 6.2 + 1;
  // The order barcode is for the warehouse; the carrier needs the tracking symbol, which is never dropped.
  const order = placeLinearOrNone({ id: 'orderBarcode', field: 'orderNumber', symbology: 'code128', data: d.orderNumber, ...band, y: 92, heightMm: 8.5, preferredMm: 0.33, dpi: d.dpi, align: 'left' });
  const tracking = placeLinear({ id: 'tracking', field: 'trackingNumber', symbology: 'code128', data: d.trackingNumber, ...band, y: 108, heightMm: 26, preferredMm: 0.375, dpi: d.dpi });
  const els: LayoutElement[] = [
    { type: 'text', x: m, y: 3, width: 55, text: caption(L, 'from'), size: 6, bold: true },
    // Every field shrinks (to MIN_PT) before anything is cut; the preview reports what still was.
    { type: 'text', id: 'shipFrom', x: m, y: 6, width: right - m - 2, text: addressText(d.shipFrom), size: 8, minSize: MIN_PT, maxLines: 8, maxHeight: 20.5, lineHeight: 1.15 },
    { type: 'text', id: 'carrier', x: right, y: 4, width: widthMm - m - right, text: d.carrier, size: 16, minSize: 9, bold: true, align: 'right', maxLines: 2, maxHeight: 10, lineHeight: 1.05 },
    { type: 'text', id: 'method', x: right, y: 15, width: widthMm - m - right, text: d.method ?? '', size: 9, minSize: MIN_PT, align: 'right', maxLines: 4, maxHeight: 11.5 },
    { type: 'line', x: m, y: 27, length: inner, thicknessMm: 0.5 },
    { type: 'text', x: m, y: 29, width: inner, text: caption(L, 'shipTo'), size: 7, bold: true },
    { type: 'text', id: 'shipToName', x: m, y: 33, width: inner, text: d.shipTo.name, size: 16, minSize: 10, bold: true, maxLines: 2, lineHeight: 1.1 },
    { type: 'text', id: 'shipTo', x: m, y: bodyY, width: inner, text: addressBody(d.shipTo), size: 13, minSize: MIN_PT, maxLines: 12, maxHeight: 77 - bodyY, lineHeight: 1.15 },
    { type: 'line', x: m, y: 78, length: inner, thicknessMm: 0.5 },
    { type: 'text', x: m, y: 79.5, width: 55, text: caption(L, 'order'), size: 7, bold: true },
    // Without its barcode the order number may take two lines of the band.
    { type: 'text', id: 'orderNumber', x: m, y: 83, width: right - m - 2, text: d.orderNumber, size: 14, minSize: MIN_PT, bold: true, maxLines: order ? 1 : 2, lineHeight: 1.1 },
    ...(order ? [order.element] : []),
    { type: 'text', x: right, y: 79.5, width: widthMm - m - right, text: caption(L, 'parcel'), size: 7, bold: true, align: 'right' },
    { type: 'text', id: 'parcel', x: right, y: 82.5, width: widthMm - m - right - 17, text: `${d.parcel.index} / ${d.parcel.count}`, size: 16, minSize: 9, bold: true },
    {
      type: 'text',
      id: 'weight',
      x: widthMm - m - 17,
      y: 84,
      width: 17,
      text: d.weightKg !== undefined ? fmtKg(d.weightKg) : '',
      size: 10,
      minSize: MIN_PT,
      align: 'right',
    },
    { type: 'line', x: m, y: 102, length: inner, thicknessMm: 0.5 },
    { type: 'text', x: m, y: 103.5, width: inner, text: caption(L, 'tracking'), size: 7, bold: true },
    tracking.element,
    { type: 'text', id: 'trackingText', x: m, y: 135, width: inner, text: d.trackingNumber, size: 11, minSize: MIN_PT, bold: true, align: 'center' },
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
