// Test label: exercises every element kind and accented text, with a frame and a 10 mm ruler so an
// operator can see at a glance whether the printer's width, darkness and dpi are set right.
import type { LayoutElement, LayoutInput } from '../layout/model';
import type { testLabelDataSchema } from '../schemas';
import type { z } from 'zod';
import { caption } from './captions';
import { labelFrame } from './common';

export const PANGRAM = 'Příliš žluťoučký kůň úpěl ďábelské ódy';

export function testLabel(d: z.output<typeof testLabelDataSchema>): LayoutInput {
  const { widthMm, heightMm } = labelFrame(d.size);
  const els: LayoutElement[] = [
    { type: 'box', id: 'frame', x: 1, y: 1, width: widthMm - 2, height: heightMm - 2, thicknessMm: 0.5 },
  ];
  for (let x = 10; x < widthMm - 2; x += 10) {
    els.push({ type: 'line', x, y: 1, length: x % 50 === 0 ? 5 : 3, orientation: 'v', thicknessMm: 0.25 });
  }
  els.push(
    { type: 'text', id: 'title', x: 5, y: 8, width: widthMm - 10, text: caption(d.lang, 'testLabel'), size: 18, bold: true, align: 'center' },
    { type: 'text', id: 'pangram', x: 5, y: 18, width: widthMm - 10, text: PANGRAM, size: 12, maxLines: 2, align: 'center' },
    { type: 'text', id: 'caps', x: 5, y: 30, width: widthMm - 10, text: 'ĚŠČŘŽÝÁÍÉ ÚŮ ÄÖÜß ÅØ ŁŃ', size: 12, bold: true, align: 'center' },
    { type: 'line', x: 5, y: 37, length: widthMm - 10, thicknessMm: 0.5 },
    {
      type: 'text',
      id: 'info',
      x: 5,
      y: 40,
      width: widthMm - 10,
      text: [
        `${caption(d.lang, 'printer')}: ${d.printerName || '—'}`,
        `${caption(d.lang, 'station')}: ${d.stationId || '—'}`,
        `${caption(d.lang, 'printed')}: ${d.printedAt || '—'}`,
        `${d.size} @ ${d.dpi} dpi`,
      ].join('\n'),
      size: 10,
      maxLines: 4,
    },
    { type: 'barcode', id: 'code128', symbology: 'code128', data: 'DOCKSIDE-TEST-128', x: 8, y: 62, moduleMm: 0.375, heightMm: 15 },
    { type: 'text', x: 8, y: 78, width: 70, text: 'Code 128: DOCKSIDE-TEST-128', size: 8 },
    { type: 'barcode', id: 'gs1', symbology: 'gs1-128', data: '(01)09506000134352(10)ABC123', x: 8, y: 85, moduleMm: 0.25, heightMm: 12 },
    { type: 'text', x: 8, y: 98, width: 90, text: 'GS1-128: (01)09506000134352(10)ABC123', size: 8 },
    { type: 'barcode', id: 'ean13', symbology: 'ean13', data: '5901234123457', x: 8, y: 105, moduleMm: 0.375, heightMm: 15 },
    { type: 'text', x: 8, y: 121, width: 45, text: 'EAN-13: 5901234123457', size: 8 },
    { type: 'barcode', id: 'qr', symbology: 'qr', data: `DOCKSIDE TEST ${d.printerName}`.trim(), x: 60, y: 104, moduleMm: 0.75, heightMm: 1 },
    { type: 'barcode', id: 'datamatrix', symbology: 'datamatrix', data: 'DOCKSIDE', x: 8, y: 128, moduleMm: 0.75, heightMm: 1 },
    { type: 'box', id: 'black', x: 22, y: 130, width: 16, height: 8, fill: true },
    { type: 'text', x: 40, y: 131.5, width: 20, text: 'Dockside', size: 9, bold: true },
  );
  return { widthMm, heightMm, dpi: d.dpi, medium: 'label', title: 'Test label', pages: [els] };
}
