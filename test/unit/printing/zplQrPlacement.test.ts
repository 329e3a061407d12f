// A Zebra draws an ^FO-placed QR code (^BQ) lower by the current ^BY bar height, and ^BY outlives
// the field and the format. The test label's QR landed 15 mm low because a Code 128 of 15 mm came
// before it. These tests hold the ZPL to the rule and keep the test label's contents off its frame.
import { describe, expect, it } from 'vitest';
import { QR_BY_HEIGHT, renderZplResolved } from '../../../src-main/core/printing/render/zpl';
import { parseLayout } from '../../../src-main/core/printing/layout/model';
import { resolveLayout, type RElement, type ResolvedLayout } from '../../../src-main/core/printing/layout/resolve';
import { barcodeGeometry, barcodeSizeDots } from '../../../src-main/core/printing/barcode/geometry';
import { layoutFor } from '../../../src-main/core/printing/templates';
import type { TemplateRequest } from '../../../src-main/core/printing/schemas';
import { samples } from './fixtures';

function resolved(req: TemplateRequest, dpi: 203 | 300): ResolvedLayout {
  const withDpi = { ...req, data: { ...req.data, dpi } } as TemplateRequest;
  return resolveLayout(parseLayout(layoutFor(withDpi)));
}

/**
 * Where a Zebra puts each QR code of a ZPL stream: ^FO y + the ^BY height in effect (the last ^BY
 * anywhere before it, power-up value 10: ^BY persists across formats).
 */
function zebraQrOrigins(zpl: string): { x: number; y: number }[] {
  let byHeight = 10;
  let fo = { x: 0, y: 0 };
  const out: { x: number; y: number }[] = [];
  for (const m of zpl.matchAll(/\^(FO|BY|BQ)([^^]*)/g)) {
    const args = (m[2] ?? '').split(',');
    if (m[1] === 'FO') fo = { x: Number(args[0]), y: Number(args[1]) };
    else if (m[1] === 'BY' && args[2] !== undefined && args[2] !== '') byHeight = Number(args[2]);
    else if (m[1] === 'BQ') out.push({ x: fo.x, y: fo.y + byHeight });
  }
  return out;
}

const qrs = (r: ResolvedLayout) => r.pages.flat().filter((e) => e.type === 'barcode' && e.symbology === 'qr');

describe.each([203, 300] as const)('QR codes in ZPL at %i dpi', (dpi) => {
  it.each(Object.keys(samples))('%s: every ^BQ lands where the layout put it, after any ^BY', (name) => {
    const r = resolved(samples[name] as TemplateRequest, dpi);
    const zpl = renderZplResolved(r);
    // Twice in a row, as a printer sees consecutive jobs: the ^BY left over from the first counts.
    const expected = qrs(r).map((q) => ({ x: q.x, y: q.y }));
    expect(zebraQrOrigins(zpl + zpl)).toEqual([...expected, ...expected]);
    for (const m of zpl.matchAll(/\^BY\d+,[\d.]+,(\d+)\^BQ/g)) expect(Number(m[1])).toBe(QR_BY_HEIGHT);
  });

  it('the test label QR follows a 15 mm Code 128 and still lands at its own y', () => {
    const r = resolved(samples.test as TemplateRequest, dpi);
    const zpl = renderZplResolved(r);
    const qr = qrs(r)[0];
    expect(qr).toBeDefined();
    expect(zpl.indexOf('^BC')).toBeLessThan(zpl.indexOf('^BQ'));
    expect(zebraQrOrigins(zpl)).toEqual([{ x: qr?.x, y: qr?.y }]);
  });
});

/** Quiet zone in modules each side: 10X for linear codes, 4X for QR, 1X for Data Matrix. */
const QUIET = { code128: 10, 'gs1-128': 10, ean13: 11, qr: 4, datamatrix: 1 } as const;

function inkBox(el: RElement): { x0: number; y0: number; x1: number; y1: number } {
  switch (el.type) {
    case 'text':
      return { x0: el.x, y0: el.y, x1: el.x + el.width, y1: el.y + el.lines.length * el.pitch };
    case 'barcode': {
      const { w, h } = barcodeSizeDots(barcodeGeometry(el.symbology, el.data), el.module, el.height);
      const qx = QUIET[el.symbology] * el.module;
      const qy = el.symbology === 'qr' || el.symbology === 'datamatrix' ? qx : 0;
      return { x0: el.x - qx, y0: el.y - qy, x1: el.x + w + qx, y1: el.y + h + qy };
    }
    case 'box':
    case 'image':
      return { x0: el.x, y0: el.y, x1: el.x + el.w, y1: el.y + el.h };
  }
}

describe.each([203, 300] as const)('test label at %i dpi', (dpi) => {
  it('keeps every element (barcodes with their quiet zones) inside the frame without touching it', () => {
    const r = resolved(samples.test as TemplateRequest, dpi);
    const els = r.pages[0] ?? [];
    const frame = els.find((e) => e.id === 'frame');
    if (frame?.type !== 'box') throw new Error('test label has no frame');
    const inner = { x0: frame.x + frame.t, y0: frame.y + frame.t, x1: frame.x + frame.w - frame.t, y1: frame.y + frame.h - frame.t };
    // The ruler ticks hang from the frame on purpose.
    const ruler = (e: RElement) => e.type === 'box' && e.fill && e.y === frame.y && e.w < e.h;
    const outside = els
      .filter((e) => e !== frame && !ruler(e))
      .map((e) => ({ id: e.id ?? e.type, box: inkBox(e) }))
      .filter(({ box }) => box.x0 <= inner.x0 || box.y0 <= inner.y0 || box.x1 >= inner.x1 || box.y1 >= inner.y1);
    expect(outside).toEqual([]);
  });
});
