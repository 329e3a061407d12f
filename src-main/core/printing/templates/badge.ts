// Sign-in badge on the station's label stock: who it is (name, role, station) and the badge code
// as a QR code, which any 2D imager reads at a comfortable size. The station's codes are 32
// characters of Code 128 set B, which need ~102 mm at the 0.25 mm minimum bar width: wider than a
// 4-inch label, so the Code 128 is printed only when it fits readable (shorter codes), never
// shrunk. The code is not printed as text: anyone who can read it can sign in, so it should not
// be easy to copy by eye (the barcode still is, by any scanner — a badge is a key, kept like one).
import type { z } from 'zod';
import type { LayoutInput } from '../layout/model';
import type { badgeLabelDataSchema } from '../schemas';
import { barcodeGeometry } from '../barcode/geometry';
import { caption, type CaptionKey } from './captions';
import { LabelFitError, labelFrame, placeLinear } from './common';
import type { LayoutElement } from '../layout/model';

export type BadgeLabelData = z.output<typeof badgeLabelDataSchema>;

export function badgeLabel(d: BadgeLabelData): LayoutInput {
  const { widthMm, heightMm } = labelFrame(d.size);
  const m = 4;
  const inner = widthMm - 2 * m;
  const t = (k: CaptionKey) => caption(d.lang, k);
  const linear = linearIfItFits(d, widthMm);
  const qr = barcodeGeometry('qr', d.code);
  // Without a Code 128 the QR code takes its place, larger.
  const qrModuleMm = linear.length > 0 ? 1 : 1.5;
  const qrY = linear.length > 0 ? 98 : 72;
  const qrSizeMm = (qr.kind === 'matrix' ? qr.cols : 25) * qrModuleMm;
  return {
    widthMm,
    heightMm,
    dpi: d.dpi,
    medium: 'label',
    title: `${t('badge')}: ${d.name}`,
    pages: [
      [
        { type: 'box', x: 1.5, y: 1.5, width: widthMm - 3, height: heightMm - 3, thicknessMm: 0.5 },
        { type: 'text', x: m, y: 6, width: inner, text: t('badge').toUpperCase(), size: 10, bold: true, align: 'center' },
        { type: 'text', id: 'name', x: m, y: 20, width: inner, text: d.name, size: 24, bold: true, align: 'center', maxLines: 2, lineHeight: 1.1 },
        { type: 'text', id: 'role', x: m, y: 43, width: inner, text: t(d.role), size: 16, align: 'center' },
        {
          type: 'text',
          id: 'station',
          x: m,
          y: 54,
          width: inner,
          text: d.stationName ? `${t('station')}: ${d.stationName}` : '',
          size: 10,
          align: 'center',
        },
        { type: 'line', x: m, y: 64, length: inner, thicknessMm: 0.5 },
        ...linear,
        { type: 'barcode', id: 'qr', symbology: 'qr', data: d.code, x: (widthMm - qrSizeMm) / 2, y: qrY, moduleMm: qrModuleMm },
        { type: 'text', x: m, y: qrY + qrSizeMm + 5, width: inner, text: t('badgeScan'), size: 9, align: 'center', maxLines: 3 },
      ],
    ],
  };
}

function linearIfItFits(d: BadgeLabelData, widthMm: number): LayoutElement[] {
  try {
    return [placeLinear({ id: 'code', field: 'code', symbology: 'code128', data: d.code, x: 1.5, width: widthMm - 3, y: 70, heightMm: 22, preferredMm: 0.375, dpi: d.dpi }).element];
  } catch (e) {
    if (e instanceof LabelFitError) return [];
    throw e;
  }
}
