// Shared pieces for templates: page frames, address formatting, barcode sizing.
import type { LayoutElement } from '../layout/model';
import { MM_PER_INCH, PAGE_SIZES, mmToDots, dotsToMm } from '../layout/units';
import { linearModules } from '../barcode/geometry';
import type { Address } from '../schemas';
import { textWidth } from '../layout/fonts';
import { wrapText } from '../layout/wrap';
import { AppError } from '../../rpc/errors';

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

/** Code 128 narrowest bar on every label and sheet: 0.25 mm (2 dots at 203 dpi, 3 at 300). */
export const CODE128_MIN_X_MM = 0.25;
/** GS1 logistic labels (General Specifications, logistic label symbol table): X ≥ 0.495 mm. */
export const GS1_LOGISTIC_MIN_X_MM = 0.495;
/** The SSCC symbol's bars on a logistic label: at least 31.75 mm tall. */
export const GS1_LOGISTIC_MIN_HEIGHT_MM = 31.75;
/** Light margin each side of a linear symbol, in modules (Code 128 / GS1-128). */
export const QUIET_ZONE_MODULES = 10;

/** The smallest whole number of dots at least `floorMm` wide: a printer cannot print part of a dot. */
export function minModuleDots(floorMm: number, dpi: number): number {
  return Math.ceil((floorMm * dpi) / MM_PER_INCH - 1e-9);
}

/**
 * A barcode that cannot be printed readable where the template puts it. Templates throw it instead
 * of shrinking below the floor. It is a VALIDATION error on the template data's field (`data.<field>`,
 * message "barcode_too_long: …"), so a preview and a print request are refused the same way.
 */
export class LabelFitError extends AppError {
  readonly reason = 'barcode_too_long';
  constructor(
    /** Path of the offending value in the template data, e.g. "trackingNumber". */
    readonly field: string,
    message: string,
  ) {
    super('VALIDATION', message, [{ path: `data.${field}`, message: `barcode_too_long: ${message}` }]);
    this.name = 'LabelFitError';
  }
}

export interface LinearPlacement {
  element: LayoutElement;
  /** Symbol width in mm, and module size (whole dots) in mm. */
  widthMm: number;
  moduleMm: number;
  /** Symbol plus both quiet zones, mm. */
  spanMm: number;
}

/**
 * Place a linear barcode in the band [x, x + width] (which must be free of anything else: the
 * quiet zones lie inside it). The module is the widest whole-dot size ≤ preferred and ≥ the
 * floor at which symbol + 2 × 10X fit; if even the floor does not fit, LabelFitError.
 */
export function placeLinear(opts: {
  id?: string;
  field: string;
  symbology: 'code128' | 'gs1-128';
  data: string;
  x: number;
  width: number;
  y: number;
  heightMm: number;
  preferredMm: number;
  floorMm?: number;
  dpi: number;
  align?: 'left' | 'center' | 'right';
}): LinearPlacement {
  const { dpi } = opts;
  const floorMm = opts.floorMm ?? CODE128_MIN_X_MM;
  const modules = linearModules(opts.symbology, opts.data);
  const floorDots = minModuleDots(floorMm, dpi);
  // Work in dots on the grid the renderers use, keeping one dot of slack for rounding at each edge.
  const from = Math.ceil((opts.x * dpi) / MM_PER_INCH) + 1;
  const to = Math.floor(((opts.x + opts.width) * dpi) / MM_PER_INCH) - 1;
  const room = to - from;
  for (let dots = Math.max(floorDots, mmToDots(opts.preferredMm, dpi)); dots >= floorDots; dots--) {
    const w = modules * dots;
    const quiet = QUIET_ZONE_MODULES * dots;
    if (w + 2 * quiet > room) continue;
    const align = opts.align ?? 'center';
    const xDots = align === 'left' ? from + quiet : align === 'right' ? to - quiet - w : from + Math.floor((room - w) / 2);
    return {
      element: {
        type: 'barcode',
        ...(opts.id ? { id: opts.id } : {}),
        symbology: opts.symbology,
        data: opts.data,
        x: dotsToMm(xDots, dpi),
        y: opts.y,
        moduleMm: dotsToMm(dots, dpi),
        heightMm: opts.heightMm,
      },
      widthMm: dotsToMm(w, dpi),
      moduleMm: dotsToMm(dots, dpi),
      spanMm: dotsToMm(w + 2 * quiet, dpi),
    };
  }
  const needMm = dotsToMm(modules * floorDots + 2 * QUIET_ZONE_MODULES * floorDots, dpi);
  throw new LabelFitError(
    opts.field,
    `"${opts.data}" is too long for a readable barcode here: at the ${floorMm} mm minimum bar width it needs ${needMm.toFixed(1)} mm with quiet zones, the label has ${opts.width.toFixed(1)} mm`,
  );
}

/**
 * placeLinear for a symbol the label can do without (its value is printed as text too): undefined
 * when no readable symbol fits, so a long order number costs its barcode, not the whole label.
 */
export function placeLinearOrNone(opts: Parameters<typeof placeLinear>[0]): LinearPlacement | undefined {
  try {
    return placeLinear(opts);
  } catch (e) {
    if (e instanceof LabelFitError) return undefined;
    throw e;
  }
}

/** The value as a list of zero or one element, for optional elements in a layout. */
export const present = <T>(v: T | undefined): T[] => (v === undefined ? [] : [v]);

/** Symbol plus both quiet zones in mm at a module size (snapped to whole dots). */
export function linearSpanMm(symbology: 'code128' | 'gs1-128', data: string, moduleMm: number, dpi: number): number {
  const dots = Math.max(1, mmToDots(moduleMm, dpi));
  return dotsToMm((linearModules(symbology, data) + 2 * QUIET_ZONE_MODULES) * dots, dpi);
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
