// One template case rendered to one output and read back: rasters, ZXing's decodes, where each
// barcode was placed, the output's text, and for ZPL the decoded ^BC field data. The checks
// compare that with the hand-written expectations and measure the symbols in the raster.
import fs from 'node:fs';
import { expect } from 'vitest';
import { layoutFor } from '../../../../src-main/core/printing/templates';
import { parseLayout } from '../../../../src-main/core/printing/layout/model';
import { resolveLayout, type RBarcode } from '../../../../src-main/core/printing/layout/resolve';
import { renderPdfResolved } from '../../../../src-main/core/printing/render/pdf';
import { renderSvgPagesResolved } from '../../../../src-main/core/printing/render/svg';
import { renderZplResolved } from '../../../../src-main/core/printing/render/zpl';
import { decodeRaster, type Decoded } from './decode';
import { aimOf, describe as describeSymbol, floorsFor, type Case, type Expected } from './expectations';
import { measureLinear, type LinearMeasure } from './measure';
import { loadPdfjs, pxPerDot, rasterisePdf, rasteriseSvg, rasteriseZpl, svgPxPerDot, type Raster } from './raster';
import { decodeBcFieldData, fieldBlockLines, gs1CheckDigit, unFieldHex, zplFields, type ZplField } from './zplFields';

export type Output = 'zpl' | 'pdf' | 'svg';

/** A barcode as placed in the output: page, top-left and bar height in dots of `gridDpi`. */
export interface Placed {
  page: number;
  symbology: RBarcode['symbology'];
  data: string;
  x: number;
  y: number;
  height: number;
  /** ZPL only: the field as sent to the printer. */
  field?: ZplField;
}

export interface ReadBack {
  output: Output;
  medium: 'label' | 'document';
  gridDpi: number;
  rasters: Raster[];
  decoded: Decoded[];
  placed: Placed[];
  /** All text the output carries, in drawing order. */
  text: string;
  zpl?: string;
}

const BARCODE_COMMANDS = new Set(['BC', 'BE', 'BQ', 'BX']);

export async function readBack(c: Case, output: Output): Promise<ReadBack> {
  const resolved = resolveLayout(parseLayout(layoutFor(c.request)));
  const gridDpi = resolved.dpi;
  const placedFromLayout: Placed[] = resolved.pages.flatMap((els, page) =>
    els.filter((e): e is RBarcode => e.type === 'barcode').map((b) => ({ page, symbology: b.symbology, data: b.data, x: b.x, y: b.y, height: b.height })),
  );
  let rasters: Raster[];
  let placed = placedFromLayout;
  let text: string;
  let zpl: string | undefined;
  if (output === 'zpl') {
    zpl = renderZplResolved(resolved);
    rasters = await rasteriseZpl(withStandIns(zpl), resolved.widthMm, resolved.heightMm, gridDpi as 203 | 300);
    const formats = zplFields(zpl);
    // The renderer writes barcodes in layout order, so the n-th barcode field is the n-th barcode element;
    // its position and height are then read from the ZPL itself.
    placed = placedFromLayout.map((p) => {
      const nth = placedFromLayout.filter((q) => q.page === p.page).indexOf(p);
      const field = formats[p.page]?.filter((f) => BARCODE_COMMANDS.has(f.command))[nth];
      if (!field) throw new Error(`no ZPL barcode field #${nth} on page ${p.page + 1}`);
      const h = field.command === 'BC' || field.command === 'BE' ? Number(field.params[1]) : p.height;
      return { ...p, x: field.x, y: field.y, height: h, field };
    });
    text = formats.flat().filter((f) => f.command.startsWith('A')).map((f) => fieldBlockLines(f.data).join('\n')).join('\n');
  } else if (output === 'pdf') {
    const bytes = await renderPdfResolved(resolved, { creationDate: new Date(0) });
    rasters = await rasterisePdf(bytes, gridDpi * pxPerDot(gridDpi));
    text = await pdfText(bytes);
  } else {
    const svgs = renderSvgPagesResolved(resolved);
    rasters = await Promise.all(svgs.map((svg) => rasteriseSvg(svg, resolved.widthDots, resolved.heightDots, gridDpi, svgPxPerDot(gridDpi))));
    text = svgs.map(svgText).join('\n');
  }
  const decoded: Decoded[] = [];
  for (const [page, r] of rasters.entries()) decoded.push(...(await decodeRaster(r)).map((d) => ({ ...d, page })));
  return { output, medium: resolved.medium, gridDpi, rasters, decoded, placed, text, ...(zpl ? { zpl } : {}) };
}

/**
 * zpl-renderer-js draws ^BC data containing ">5" (switch to subset C) as a different, longer symbol.
 * For the raster, such a field gets stand-in data with the same number of symbol characters (start B
 * + plain letters), so the drawn symbol has the width and X a Zebra prints and its quiet zones can be
 * measured; its content is checked from the ^FD data (decodeBcFieldData), not from the raster.
 */
function withStandIns(zpl: string): string {
  return zpl.replace(/(\^BC[^^]*)(\^FH)?\^FD([^^]*)\^FS/g, (all, bc: string, fh: string | undefined, data: string) => {
    const d = fh ? unFieldHex(data) : data;
    if (!d.includes('>5')) return all;
    return `${bc}^FD>:${'X'.repeat(decodeBcFieldData(d).values.length - 1)}^FS`;
  });
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const tc = await (await doc.getPage(p)).getTextContent();
    for (const item of tc.items) if ('str' in item) parts.push(item.str);
  }
  await doc.destroy();
  return parts.join('\n');
}

const unescapeXml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');

function svgText(svg: string): string {
  return Array.from(svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g), (m) => unescapeXml(m[1] ?? '')).join('\n');
}

// ---- matching ----------------------------------------------------------------------------------

/** Layout barcodes an expectation refers to (a split GS1 content symbol may be several). */
export function placedFor(rb: ReadBack, e: Expected): Placed[] {
  return rb.placed.filter((p) => {
    if (e.kind === 'gs1') return p.symbology === 'gs1-128' && (e.content ? !p.data.startsWith('(00)') : p.data === e.hri);
    return p.symbology === (e.kind === 'code128' ? 'code128' : e.kind) && p.data === e.data;
  });
}

/** GS1 application identifiers with a predefined fixed length (GS1 General Specifications 7.8.4): no FNC1 after them. */
const FIXED_LENGTH_AI = /^(00|01|02|03|04|11|12|13|15|16|17|18|19|20|31\d\d|32\d\d|33\d\d|34\d\d|35\d\d|36\d\d|41)$/;
const hriElements = (hri: string): [string, string][] => Array.from(hri.matchAll(/\((\d{2,4})\)([^(]*)/g), (m) => [m[1] as string, m[2] as string]);
/** What a scanner sends after ]C1 for these elements: GS after a variable-length element that is not last. */
const gs1Transmitted = (els: [string, string][]): string =>
  els.map(([ai, v], i) => ai + v + (i < els.length - 1 && !FIXED_LENGTH_AI.test(ai) ? '\x1d' : '')).join('');

function decodedMatches(d: { aim: string; raw: string; text?: string }, e: Expected): boolean {
  if (d.aim !== aimOf(e)) return false;
  if (e.kind === 'gs1') return d.raw === e.raw && (d.text === undefined || d.text === e.hri);
  return d.raw === e.data;
}

/** Asserts the raster decodes to the expectation (a split content symbol: the parts carry exactly its elements). */
export function expectDecoded(rb: ReadBack, e: Expected, pool: { aim: string; raw: string; text?: string }[] = rb.decoded): void {
  if (pool.some((d) => decodedMatches(d, e))) return;
  if (e.kind === 'gs1' && e.content) {
    const parts = pool.filter((d) => d.aim === ']C1' && d.text !== undefined && !d.text.startsWith('(00)'));
    if (parts.length >= 2) {
      for (const d of parts) expect(d.raw, `FNC1 placement in ${d.text}`).toBe(gs1Transmitted(hriElements(d.text ?? '')));
      const got = parts.flatMap((d) => hriElements(d.text ?? '')).map(([a, v]) => `(${a})${v}`).sort();
      expect(got).toEqual(hriElements(e.hri).map(([a, v]) => `(${a})${v}`).sort());
      return;
    }
  }
  expect.fail(`${describeSymbol(e)} not read back; ${rb.output} decoded: ${JSON.stringify(pool.map((d) => `${d.aim} ${d.raw}`))}`);
}

/**
 * ZPL: what the printer encodes, from the ^BC/^BE/^BQ/^BX field data itself (the ZPL II tables),
 * independent of any raster.
 */
export function zplFieldDecodes(rb: ReadBack): { aim: string; raw: string; text?: string; field: ZplField }[] {
  return rb.placed.flatMap((p) => {
    const f = p.field;
    if (!f) return [];
    switch (f.command) {
      case 'BC': {
        const d = decodeBcFieldData(f.data);
        // A GS1-128's human-readable line is the layout's: the split check compares the ^FD bytes with it.
        return [{ aim: d.aim, raw: d.raw, ...(p.symbology === 'gs1-128' ? { text: p.data } : {}), field: f }];
      }
      case 'BE': // the printer takes 12 digits and appends the check digit
        return [{ aim: ']E0', raw: f.data.slice(0, 12) + gs1CheckDigit(f.data.slice(0, 12)), field: f }];
      case 'BQ': // "MA," = error correction M, automatic input mode
        return [{ aim: ']Q1', raw: f.data.slice(f.data.indexOf(',') + 1), field: f }];
      case 'BX':
        return [{ aim: ']d1', raw: f.data, field: f }];
      default:
        return [];
    }
  });
}

/** zpl-renderer-js 3.4 draws "switch to subset C" (>5) wrongly; a raster decode of such a field proves nothing. */
export const zplRendererGetsWrong = (f: ZplField | undefined): boolean => !!f && f.command === 'BC' && f.data.includes('>5');

// ---- measurement ---------------------------------------------------------------------------------

export interface Row {
  case: string;
  output: string;
  symbol: string;
  m: LinearMeasure;
  below: string[];
}

export const rows: Row[] = [];

/** Unprintable margin of a typical office laser/inkjet printer (about 1/6 in): documents keep their bars inside it. */
const PRINTABLE_MARGIN_MM = 5;

/** With READBACK_TABLE=<file>, each test file appends its measurements there (JSON lines) for the table in the issue. */
export function saveRows(): void {
  const file = process.env.READBACK_TABLE;
  if (file) fs.appendFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
}

/** A symbol's module count, if it has that symbology's structure (Code 128: 11 per character + 13 for the stop; EAN-13: 95). */
const wellFormed = (symbology: Placed['symbology'], modules: number): boolean =>
  symbology === 'ean13' ? modules === 95 : modules >= 35 && (modules - 13) % 11 === 0;

/**
 * Measures on the first scan line whose runs have the symbology's structure (text drawn over the
 * bars garbles the others): ZXing's middle line if it read the symbol, else lines down the bars;
 * failing all, the first of them (the numbers are then as garbled as the symbol).
 */
function measureOnCleanLine(r: Raster, p: Placed, k: number, gridDpi: number, seen: Decoded | undefined): LinearMeasure {
  const lines = [...(seen ? [(seen.box.y0 + seen.box.y1) / 2] : []), ...Array.from({ length: 17 }, (_, i) => (p.y + p.height * (0.1 + i * 0.05)) * k)];
  let first: LinearMeasure | undefined;
  for (const y of lines) {
    try {
      const m = measureLinear(r, p.x * k, y, gridDpi, seen?.box.x1);
      if (wellFormed(p.symbology, m.modules)) return m;
      first ??= m;
    } catch {
      // no bar on this line
    }
  }
  return first ?? measureLinear(r, p.x * k, (p.y + p.height / 2) * k, gridDpi);
}

/** Measures every placement of a linear expectation and checks its floors; records a table row each. */
export function expectFloors(rb: ReadBack, caseName: string, outputName: string, e: Expected): void {
  const floors = floorsFor(e);
  if (!floors) return;
  const placements = placedFor(rb, e);
  expect(placements.length, `${describeSymbol(e)} placed`).toBeGreaterThan(0);
  const problems: string[] = [];
  for (const p of placements) {
    const r = rb.rasters[p.page] as Raster;
    const k = r.dpi / rb.gridDpi; // raster pixels per dot
    // ZXing's find of this symbol, if it read it (same start ±2 mm, overlapping the bars): the scan
    // line goes through the rows it read, and the symbol ends where ZXing saw it end.
    const seen = rb.decoded.find(
      (d) => d.page === p.page && d.box.y0 <= (p.y + p.height) * k && d.box.y1 >= p.y * k && Math.abs(d.box.x0 - p.x * k) <= (2 * r.dpi) / 25.4,
    );
    const m = measureOnCleanLine(r, p, k, rb.gridDpi, seen);
    const below: string[] = [];
    if (m.xMm < floors.xMm - 0.0005) below.push(`X ${m.xMm.toFixed(3)} mm < ${floors.xMm}`);
    if (floors.heightMm && m.heightMm < floors.heightMm - 0.05) below.push(`height ${m.heightMm.toFixed(2)} mm < ${floors.heightMm}`);
    if (m.clipped) below.push('cut by the page edge');
    if (m.quietLeftX < floors.quietLeftX - 0.25) below.push(`left quiet zone ${m.quietLeftX.toFixed(1)}X < ${floors.quietLeftX}X`);
    if (m.quietRightX < floors.quietRightX - 0.25) below.push(`right quiet zone ${m.quietRightX.toFixed(1)}X < ${floors.quietRightX}X`);
    if (m.overprintedLines > 0) below.push(`${m.overprintedLines} scan lines cross something drawn over the bars or quiet zones`);
    if (rb.medium === 'document') {
      const pxPerMm = r.dpi / 25.4;
      const edge = Math.min(m.x0, r.width - m.x1) / pxPerMm;
      if (edge < PRINTABLE_MARGIN_MM) below.push(`bars ${edge.toFixed(1)} mm from the paper edge (office printers print from ${PRINTABLE_MARGIN_MM} mm)`);
    }
    const many = placements.length > 1 ? ` (p${p.page + 1})` : '';
    rows.push({ case: caseName, output: outputName, symbol: `${describeSymbol(e)}${many}`, m, below });
    if (below.length) problems.push(`${p.data} (page ${p.page + 1}): ${below.join(', ')}`);
  }
  if (problems.length > 0) expect.fail(`${describeSymbol(e)} in ${outputName}: ${problems.join('; ')}`);
}

/** 2D symbols (no module floor): ZXing's box must start where the layout put the symbol (±1 mm). */
export function expectPlacedWhereDecoded(rb: ReadBack, e: Expected): void {
  const p = placedFor(rb, e)[0];
  expect(p, `${describeSymbol(e)} placed`).toBeDefined();
  const d = rb.decoded.find((x) => x.aim === aimOf(e) && 'data' in e && x.raw === e.data);
  if (!p || !d) return expect.fail(`${describeSymbol(e)} not decoded`);
  const r = rb.rasters[p.page] as Raster;
  const k = r.dpi / rb.gridDpi;
  const mm = (px: number): number => (px / r.dpi) * 25.4;
  const off = { dxMm: mm(d.box.x0 - p.x * k), dyMm: mm(d.box.y0 - p.y * k) };
  expect(Math.max(Math.abs(off.dxMm), Math.abs(off.dyMm)), `offset ${off.dxMm.toFixed(2)}, ${off.dyMm.toFixed(2)} mm`).toBeLessThanOrEqual(1);
}
