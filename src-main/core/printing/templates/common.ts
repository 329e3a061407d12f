// Shared pieces for templates: page frames, address formatting, barcode sizing.
import type { BarcodeSymbology, LayoutElement } from '../layout/model';
import { PAGE_SIZES, mmToDots, dotsToMm } from '../layout/units';
import { barcodeGeometry } from '../barcode/geometry';
import type { Address } from '../schemas';
import { textWidth } from '../layout/fonts';
import { wrapText } from '../layout/wrap';

export function labelFrame(size: '4x6in' | '100x150mm'): { widthMm: number; heightMm: number } {
  return { ...PAGE_SIZES[size] };
}

export function paperFrame(paper: 'A4' | 'Letter'): { widthMm: number; heightMm: number } {
  return { ...PAGE_SIZES[paper] };
}

/** Address lines below the name, in the usual European order. */
export function addressBody(a: Address): string {
  const place = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.company, ...a.lines, place, a.region, a.country, a.phone].filter((s): s is string => !!s && s.trim() !== '').join('\n');
}

export function addressText(a: Address): string {
  return [a.name, addressBody(a)].filter(Boolean).join('\n');
}

/** Width in mm of a linear barcode once its module is snapped to the dot grid. */
export function linearWidthMm(symbology: BarcodeSymbology, data: string, moduleMm: number, dpi: number): number {
  const g = barcodeGeometry(symbology, data);
  if (g.kind !== 'linear') throw new Error(`${symbology} is not linear`);
  return dotsToMm(g.widthModules * Math.max(1, mmToDots(moduleMm, dpi)), dpi);
}

/**
 * The widest module (≤ preferred, ≥ 1 dot) at which the barcode fits `maxWidthMm`, so long
 * tracking numbers shrink instead of running off the label.
 */
export function fitModuleMm(symbology: BarcodeSymbology, data: string, preferredMm: number, maxWidthMm: number, dpi: number): number {
  for (let dots = Math.max(1, mmToDots(preferredMm, dpi)); dots >= 1; dots--) {
    const m = dotsToMm(dots, dpi);
    if (linearWidthMm(symbology, data, m, dpi) <= maxWidthMm) return m;
  }
  throw new Error(`barcode "${data}" does not fit ${maxWidthMm} mm`);
}

/** A linear barcode horizontally centred in [x, x + width]. */
export function centredBarcode(
  opts: { symbology: BarcodeSymbology; data: string; x: number; width: number; y: number; heightMm: number; moduleMm: number; dpi: number; id?: string },
): LayoutElement {
  const moduleMm = fitModuleMm(opts.symbology, opts.data, opts.moduleMm, opts.width, opts.dpi);
  const w = linearWidthMm(opts.symbology, opts.data, moduleMm, opts.dpi);
  return {
    type: 'barcode',
    ...(opts.id ? { id: opts.id } : {}),
    symbology: opts.symbology,
    data: opts.data,
    x: opts.x + (opts.width - w) / 2,
    y: opts.y,
    moduleMm,
    heightMm: opts.heightMm,
  };
}

/** Split rows into pages: `first` rows on page one, `rest` on each following page. */
export function paginate<T>(rows: readonly T[], first: number, rest: number): T[][] {
  const pages: T[][] = [rows.slice(0, first)];
  for (let i = first; i < rows.length; i += rest) pages.push(rows.slice(i, i + rest));
  return pages;
}

export function fmtKg(kg: number): string {
  return `${kg.toFixed(2)} kg`;
}

/** How many lines `text` takes once wrapped (same rule the renderers use), for flowing blocks. */
export function lineCount(text: string, widthMm: number, sizePt: number, bold: boolean, maxLines: number): number {
  // Measure in points: width mm → pt, font size already in pt.
  const widthPt = (widthMm * 72) / 25.4;
  return wrapText(text, widthPt, maxLines, (s) => textWidth(s, sizePt, bold ? 'bold' : 'regular')).length;
}
