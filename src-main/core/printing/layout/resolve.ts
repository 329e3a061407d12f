// Layout (mm) → resolved layout (integer dots on the layout's dpi grid, text already wrapped).
// Every renderer consumes this, so the same element lands on the same dot in ZPL, PDF and SVG.
import type { BarcodeSymbology, Element, Layout } from './model';
import { mmToDots, ptToDots } from './units';
import { textWidth, type FontWeight } from './fonts';
import { wrapTextInfo } from './wrap';

export interface RText {
  type: 'text';
  id?: string;
  x: number;
  y: number;
  width: number;
  /** Font em size in dots. */
  font: number;
  /** Distance between baselines in dots. */
  pitch: number;
  bold: boolean;
  align: 'left' | 'center' | 'right';
  lines: string[];
  /** Set when even the smallest allowed size could not show all of the text. */
  truncated?: boolean;
}
export interface RBarcode {
  type: 'barcode';
  id?: string;
  x: number;
  y: number;
  symbology: BarcodeSymbology;
  data: string;
  /** Module (narrow bar / cell) size in dots, at least 1. */
  module: number;
  /** Bar height in dots (linear codes). */
  height: number;
}
export interface RBox {
  type: 'box';
  id?: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Border thickness in dots; a filled box has t = min(w, h). */
  t: number;
  fill: boolean;
}
export interface RImage {
  type: 'image';
  id?: string;
  x: number;
  y: number;
  w: number;
  h: number;
  png: Uint8Array;
}
export type RElement = RText | RBarcode | RBox | RImage;

export interface ResolvedLayout {
  dpi: number;
  widthDots: number;
  heightDots: number;
  widthMm: number;
  heightMm: number;
  medium: 'label' | 'document';
  title: string;
  pages: RElement[][];
  /** Text that had to be cut (ellipsised) even at its smallest size: the preview warns about it. */
  truncated: { elementId: string; text: string }[];
}

const atLeast1 = (n: number): number => Math.max(1, n);

type ParsedText = Extract<Element, { type: 'text' }>;

/**
 * Wrap text at its size; when it does not fit (maxLines, maxHeight), step the font down one dot at
 * a time to minSize before cutting anything, so an order number shrinks instead of losing digits.
 */
function fitText(el: ParsedText, dpi: number): { font: number; pitch: number; lines: string[]; truncated: boolean } {
  const toDots = (size: number): number => atLeast1(el.unit === 'pt' ? ptToDots(size, dpi) : mmToDots(size, dpi));
  const start = toDots(el.size);
  const min = Math.min(start, el.minSize !== undefined ? toDots(el.minSize) : start);
  const width = atLeast1(mmToDots(el.width, dpi));
  const height = el.maxHeight !== undefined ? mmToDots(el.maxHeight, dpi) : undefined;
  const weight: FontWeight = el.bold ? 'bold' : 'regular';
  let best: { font: number; pitch: number; lines: string[]; truncated: boolean } | undefined;
  for (let font = start; font >= min; font--) {
    const pitch = Math.max(font, Math.round(font * el.lineHeight));
    // n lines take (n - 1) pitches plus one font height.
    const byHeight = height === undefined ? el.maxLines : Math.floor((height - font) / pitch) + 1;
    const maxLines = Math.max(1, Math.min(el.maxLines, byHeight));
    const { lines, truncated } = wrapTextInfo(el.text, width, maxLines, (s) => textWidth(s, font, weight));
    best = { font, pitch, lines, truncated };
    if (!truncated) break;
  }
  return best as NonNullable<typeof best>;
}

export function resolveLayout(layout: Layout): ResolvedLayout {
  const { dpi } = layout;
  const d = (mm: number): number => mmToDots(mm, dpi);
  const truncated: ResolvedLayout['truncated'] = [];
  const pages = layout.pages.map((elements, p) =>
    elements.map((el, i): RElement => {
      switch (el.type) {
        case 'text': {
          const fit = fitText(el, dpi);
          if (fit.truncated) truncated.push({ elementId: el.id ?? `page${p + 1}#${i}`, text: el.text });
          return {
            type: 'text',
            ...(el.id ? { id: el.id } : {}),
            x: d(el.x),
            y: d(el.y),
            width: atLeast1(d(el.width)),
            font: fit.font,
            pitch: fit.pitch,
            bold: el.bold,
            align: el.align,
            lines: fit.lines,
            ...(fit.truncated ? { truncated: true } : {}),
          };
        }
        case 'barcode':
          return {
            type: 'barcode',
            ...(el.id ? { id: el.id } : {}),
            x: d(el.x),
            y: d(el.y),
            symbology: el.symbology,
            data: el.data,
            module: atLeast1(d(el.moduleMm)),
            height: atLeast1(d(el.heightMm)),
          };
        case 'box': {
          const w = atLeast1(d(el.width));
          const h = atLeast1(d(el.height));
          return {
            type: 'box',
            ...(el.id ? { id: el.id } : {}),
            x: d(el.x),
            y: d(el.y),
            w,
            h,
            t: el.fill ? Math.min(w, h) : Math.min(atLeast1(d(el.thicknessMm)), w, h),
            fill: el.fill,
          };
        }
        case 'line': {
          // A rule is a filled box one thickness wide: exactly what ^GB draws.
          const t = atLeast1(d(el.thicknessMm));
          const len = atLeast1(d(el.length));
          const [w, h] = el.orientation === 'h' ? [len, t] : [t, len];
          return { type: 'box', ...(el.id ? { id: el.id } : {}), x: d(el.x), y: d(el.y), w, h, t, fill: true };
        }
        case 'image':
          return {
            type: 'image',
            ...(el.id ? { id: el.id } : {}),
            x: d(el.x),
            y: d(el.y),
            w: atLeast1(d(el.width)),
            h: atLeast1(d(el.height)),
            png: el.png,
          };
      }
    }),
  );
  return {
    dpi,
    widthDots: d(layout.widthMm),
    heightDots: d(layout.heightMm),
    widthMm: layout.widthMm,
    heightMm: layout.heightMm,
    medium: layout.medium,
    title: layout.title,
    pages,
    truncated,
  };
}

/** x offset (dots, from the element's x) at which a text line starts, for an alignment. */
export function lineOffset(align: RText['align'], boxWidth: number, lineWidth: number): number {
  if (align === 'center') return Math.max(0, (boxWidth - lineWidth) / 2);
  if (align === 'right') return Math.max(0, boxWidth - lineWidth);
  return 0;
}
