// Physical-unit helpers. Layouts are authored in millimetres; every renderer works on one
// integer dot grid at the layout's dpi so ZPL, PDF and SVG agree to the dot.

export const MM_PER_INCH = 25.4;
export const PT_PER_INCH = 72;

export type Dpi = 203 | 300;

/** Millimetres to printer dots, rounded to the nearest dot (Zebra 203 dpi = 8 dots/mm). */
export function mmToDots(mm: number, dpi: number): number {
  return Math.round((mm * dpi) / MM_PER_INCH);
}

/** Printer dots back to millimetres (exact, no rounding). */
export function dotsToMm(dots: number, dpi: number): number {
  return (dots * MM_PER_INCH) / dpi;
}

/** Typographic points to dots. */
export function ptToDots(pt: number, dpi: number): number {
  return Math.round((pt * dpi) / PT_PER_INCH);
}

/** Dots to PDF points (exact). */
export function dotsToPt(dots: number, dpi: number): number {
  return (dots * PT_PER_INCH) / dpi;
}

export function mmToPt(mm: number): number {
  return (mm * PT_PER_INCH) / MM_PER_INCH;
}

/** Named page sizes in millimetres (portrait). */
export const PAGE_SIZES = {
  '4x6in': { widthMm: 101.6, heightMm: 152.4 },
  '100x150mm': { widthMm: 100, heightMm: 150 },
  A4: { widthMm: 210, heightMm: 297 },
  Letter: { widthMm: 215.9, heightMm: 279.4 },
} as const;

export type PageSizeName = keyof typeof PAGE_SIZES;
