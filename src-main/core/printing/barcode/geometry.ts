// Barcode geometry for the PDF and SVG renderers, from bwip-js's encoder (bwipjs.raw): a list of
// bars for linear codes or a module matrix for 2D codes, measured in modules. Both renderers draw
// the same rectangles, so preview and PDF are identical; ZPL uses the printer's native encoders.
import bwipjs from 'bwip-js/generic';
import type { BarcodeSymbology } from '../layout/model';
import { needsSeparator, parseHumanReadable, toHumanReadable } from '../gs1/elements';
import { FNC1, zplCode128, type Code128Token } from './zplCode128';

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

/**
 * Code 128 symbol characters in the ZPL ^BC field our encoder sends (start and FNC1 included):
 * each ">x" invocation is one, each digit pair in subset C one, anything else in B one.
 */
function zplCodewords(field: string): number {
  let n = 0;
  let c = false;
  for (let i = 0; i < field.length; n++) {
    if (field[i] === '>') {
      const op = field[i + 1];
      if (op === ';' || op === '5') c = true;
      else if (op === ':' || op === '6') c = false;
      i += 2;
    } else i += c ? 2 : 1;
  }
  return n;
}

function code128Tokens(symbology: 'code128' | 'gs1-128', data: string): Code128Token[] {
  if (symbology === 'code128') return Array.from(data);
  const elements = parseHumanReadable(data);
  const tokens: Code128Token[] = [FNC1];
  elements.forEach((e, i) => {
    tokens.push(...Array.from(e.ai + e.value));
    if (i < elements.length - 1 && needsSeparator(e.ai)) tokens.push(FNC1);
  });
  return tokens;
}

/**
 * Width in modules of a linear symbol as the widest of our outputs draws it: bwip-js (PDF, SVG) and
 * the printer's ^BC from our ZPL subset choice may differ by a character, and the quiet zones must
 * hold for both. Code 128: 11 modules per character (start, data, check) + 13 for the stop.
 */
export function linearModules(symbology: BarcodeSymbology, data: string): number {
  const g = barcodeGeometry(symbology, data);
  if (g.kind !== 'linear') throw new Error(`${symbology} is not linear`);
  if (symbology !== 'code128' && symbology !== 'gs1-128') return g.widthModules;
  const zpl = 11 * (zplCodewords(zplCode128(code128Tokens(symbology, data))) + 1) + 13;
  return Math.max(g.widthModules, zpl);
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
