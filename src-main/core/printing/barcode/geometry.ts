// Barcode geometry for the PDF and SVG renderers, from bwip-js's encoder (bwipjs.raw): a list of
// bars for linear codes or a module matrix for 2D codes, measured in modules. Both renderers draw
// the same rectangles, so preview and PDF are identical; ZPL uses the printer's native encoders.
import bwipjs from 'bwip-js/generic';
import type { BarcodeSymbology } from '../layout/model';
import { parseHumanReadable, toHumanReadable } from '../gs1/elements';

export type BarcodeGeometry =
  | { kind: 'linear'; widthModules: number; bars: { x: number; w: number }[] }
  | { kind: 'matrix'; cols: number; rows: number; cells: boolean[] };

const BCID: Record<BarcodeSymbology, string> = {
  code128: 'code128',
  'gs1-128': 'gs1-128',
  ean13: 'ean13',
  qr: 'qrcode',
  datamatrix: 'datamatrix',
};

const cache = new Map<string, BarcodeGeometry>();

export function barcodeGeometry(symbology: BarcodeSymbology, data: string): BarcodeGeometry {
  const key = `${symbology}\u0000${data}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const geometry = encode(symbology, data);
  if (cache.size > 500) cache.clear();
  cache.set(key, geometry);
  return geometry;
}

function encode(symbology: BarcodeSymbology, data: string): BarcodeGeometry {
  // Validate GS1 data with our own rules first so errors read the same for every renderer.
  const text = symbology === 'gs1-128' ? toHumanReadable(parseHumanReadable(data)) : data;
  const opts: Record<string, string | boolean> = {};
  if (symbology === 'qr') opts.eclevel = 'M';
  if (symbology === 'qr' || symbology === 'datamatrix') opts.parse = false;
  const raw = bwipjs.raw(BCID[symbology], text, opts as never)[0];
  if (!raw) throw new Error(`could not encode ${symbology} "${data}"`);
  if ('sbs' in raw) {
    const bars: { x: number; w: number }[] = [];
    let x = 0;
    raw.sbs.forEach((w, i) => {
      if (i % 2 === 0) bars.push({ x, w });
      x += w;
    });
    return { kind: 'linear', widthModules: x, bars };
  }
  return { kind: 'matrix', cols: raw.pixx, rows: raw.pixy, cells: raw.pixs.map((p) => p === 1) };
}

/** Size of the drawn symbol in dots for a given module size and bar height. */
export function barcodeSizeDots(g: BarcodeGeometry, module: number, height: number): { w: number; h: number } {
  return g.kind === 'linear' ? { w: g.widthModules * module, h: height } : { w: g.cols * module, h: g.rows * module };
}

/**
 * The dark cells of a 2D code as horizontal runs (row, first column, column after the last):
 * one rectangle per run keeps PDFs and SVG paths small.
 */
export function* matrixRuns(g: Extract<BarcodeGeometry, { kind: 'matrix' }>): Generator<{ row: number; start: number; end: number }> {
  for (let row = 0; row < g.rows; row++) {
    for (let c = 0; c < g.cols; ) {
      if (!g.cells[row * g.cols + c]) {
        c++;
        continue;
      }
      let end = c;
      while (end < g.cols && g.cells[row * g.cols + end]) end++;
      yield { row, start: c, end };
      c = end;
    }
  }
}
