// Layout (mm) → resolved layout (integer dots on the layout's dpi grid, text already wrapped).
// Every renderer consumes this, so the same element lands on the same dot in ZPL, PDF and SVG.
import type { BarcodeSymbology, Layout } from './model';
import { mmToDots, ptToDots } from './units';
import { textWidth, type FontWeight } from './fonts';
import { wrapText } from './wrap';

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
}

const atLeast1 = (n: number): number => Math.max(1, n);

export function resolveLayout(layout: Layout): ResolvedLayout {
  const { dpi } = layout;
  const d = (mm: number): number => mmToDots(mm, dpi);
  const pages = layout.pages.map((elements) =>
    elements.map((el): RElement => {
      switch (el.type) {
        case 'text': {
          const font = atLeast1(el.unit === 'pt' ? ptToDots(el.size, dpi) : d(el.size));
          const width = atLeast1(d(el.width));
          const weight: FontWeight = el.bold ? 'bold' : 'regular';
          const lines = wrapText(el.text, width, el.maxLines, (s) => textWidth(s, font, weight));
          return {
            type: 'text',
            ...(el.id ? { id: el.id } : {}),
            x: d(el.x),
            y: d(el.y),
            width,
            font,
            pitch: Math.max(font, Math.round(font * el.lineHeight)),
            bold: el.bold,
            align: el.align,
            lines,
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
  };
}

/** x offset (dots, from the element's x) at which a text line starts, for an alignment. */
export function lineOffset(align: RText['align'], boxWidth: number, lineWidth: number): number {
  if (align === 'center') return Math.max(0, (boxWidth - lineWidth) / 2);
  if (align === 'right') return Math.max(0, boxWidth - lineWidth);
  return 0;
}
