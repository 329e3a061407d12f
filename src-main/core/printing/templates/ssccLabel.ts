// GS1 logistics label: from / to, a human-readable data block, then the content barcode
// ((02) GTIN, (15) best before, (3302) gross weight, (37) count, (10) batch) and the SSCC (00)
// barcode at the bottom, as the GS1 logistic label guideline orders them.
import type { z } from 'zod';
import type { LayoutElement, LayoutInput } from '../layout/model';
import type { ssccLabelDataSchema } from '../schemas';
import { toGtin14 } from '../gs1/checkDigit';
import { isValidSscc } from '../gs1/sscc';
import { toHumanReadable, type Gs1Element } from '../gs1/elements';
import { caption } from './captions';
import { addressBody, centredBarcode, fmtKg, labelFrame, lineCount } from './common';

export type SsccLabelData = z.output<typeof ssccLabelDataSchema> & { sscc: string };

/** YYYY-MM-DD → YYMMDD */
const yymmdd = (iso: string): string => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const dmy = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export function contentElements(d: z.output<typeof ssccLabelDataSchema>): Gs1Element[] {
  const out: Gs1Element[] = [];
  if (d.contentGtin) out.push({ ai: '02', value: toGtin14(d.contentGtin) });
  if (d.bestBefore) out.push({ ai: '15', value: yymmdd(d.bestBefore) });
  if (d.grossWeightKg !== undefined) out.push({ ai: '3302', value: String(Math.round(d.grossWeightKg * 100)).padStart(6, '0') });
  if (d.count !== undefined) out.push({ ai: '37', value: String(d.count) });
  if (d.batch) out.push({ ai: '10', value: d.batch });
  return out;
}

export function ssccLabel(d: SsccLabelData): LayoutInput {
  const sscc = d.sscc ?? '';
  if (!isValidSscc(sscc)) throw new Error(`invalid SSCC "${sscc}"`);
  const { widthMm, heightMm } = labelFrame(d.size);
  const m = 3;
  const inner = widthMm - 2 * m;
  const half = inner / 2;
  const L = d.lang;
  const nameLines = lineCount(d.shipTo.name, half, 10, true, 2);
  const toBodyY = 6 + nameLines * 3.9 + 0.8;
  const cell = (id: string, key: Parameters<typeof caption>[1], value: string, x: number, y: number, w: number): LayoutElement[] => [
    { type: 'text', x, y, width: w, text: caption(L, key), size: 6, bold: true },
    { type: 'text', id, x, y: y + 3, width: w, text: value || '—', size: 12, bold: true },
  ];
  const els: LayoutElement[] = [
    { type: 'text', x: m, y: 3, width: half - 2, text: caption(L, 'from'), size: 6, bold: true },
    { type: 'text', id: 'shipFrom', x: m, y: 6, width: half - 2, text: [d.shipFrom.name, addressBody(d.shipFrom)].join('\n'), size: 8, maxLines: 6, lineHeight: 1.1 },
    { type: 'text', x: m + half, y: 3, width: half, text: caption(L, 'shipTo'), size: 6, bold: true },
    { type: 'text', id: 'shipToName', x: m + half, y: 6, width: half, text: d.shipTo.name, size: 10, bold: true, maxLines: 2, lineHeight: 1.1 },
    { type: 'text', id: 'shipTo', x: m + half, y: toBodyY, width: half, text: addressBody(d.shipTo), size: 8, maxLines: Math.floor((31 - toBodyY) / 3.1), lineHeight: 1.1 },
    { type: 'line', x: m, y: 31.5, length: inner, thicknessMm: 0.5 },
    ...cell('ssccText', 'sscc', sscc, m, 33, inner),
    ...cell('content', 'content', d.contentGtin ? toGtin14(d.contentGtin) : '', m, 43, half),
    ...cell('count', 'count', d.count !== undefined ? String(d.count) : '', m + half, 43, half),
    ...cell('batch', 'batch', d.batch ?? '', m, 53, half),
    ...cell('bestBefore', 'bestBefore', d.bestBefore ? dmy(d.bestBefore) : '', m + half, 53, half),
    ...cell('order', 'order', d.orderNumber ?? '', m, 63, half),
    ...cell('grossWeight', 'grossWeight', d.grossWeightKg !== undefined ? fmtKg(d.grossWeightKg) : '', m + half, 63, half),
    { type: 'line', x: m, y: 74, length: inner, thicknessMm: 0.5 },
  ];
  const content = contentElements(d);
  if (content.length > 0) {
    const hri = toHumanReadable(content);
    els.push(
      centredBarcode({ id: 'contentBarcode', symbology: 'gs1-128', data: hri, x: m, width: inner, y: 77, heightMm: 18, moduleMm: 0.375, dpi: d.dpi }),
      { type: 'text', id: 'contentHri', x: m, y: 96, width: inner, text: hri, size: 7, align: 'center', maxLines: 2, lineHeight: 1.1 },
    );
  }
  const ssccHri = toHumanReadable([{ ai: '00', value: sscc }]);
  els.push(
    centredBarcode({ id: 'ssccBarcode', symbology: 'gs1-128', data: ssccHri, x: m, width: inner, y: 105, heightMm: 31, moduleMm: 0.5, dpi: d.dpi }),
    { type: 'text', id: 'ssccHri', x: m, y: 137.5, width: inner, text: ssccHri, size: 11, bold: true, align: 'center' },
  );
  return { widthMm, heightMm, dpi: d.dpi, medium: 'label', title: `SSCC ${sscc}`, pages: [els] };
}
