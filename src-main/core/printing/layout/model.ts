// The declarative layout model: what a label or document looks like, in physical units.
// Pure data (zod-validated) so templates stay pure functions and every renderer reads the same thing.
import { z } from 'zod';
import { PAGE_SIZES, type PageSizeName } from './units';

const mm = z.number().finite().min(0).max(2000);

export const textElementSchema = z.object({
  type: z.literal('text'),
  id: z.string().optional(),
  x: mm,
  y: mm,
  /** Wrap width; text never runs past x + width. */
  width: mm.positive(),
  text: z.string(),
  /** Font size (em height); `unit` says whether in points or millimetres. */
  size: z.number().positive().max(500),
  unit: z.enum(['pt', 'mm']).default('pt'),
  bold: z.boolean().default(false),
  align: z.enum(['left', 'center', 'right']).default('left'),
  maxLines: z.number().int().min(1).max(200).default(1),
  /** Line pitch as a multiple of the font size. */
  lineHeight: z.number().min(0.8).max(3).default(1.2),
  /**
   * Shrink to fit: when the text needs more than maxLines (or maxHeight), the font steps down to
   * this size (same unit as size) before anything is cut. Without it the size is fixed.
   */
  minSize: z.number().positive().max(500).optional(),
  /** Height the block must stay within (mm): limits the lines at each size tried. */
  maxHeight: mm.positive().optional(),
});

export const barcodeSymbologySchema = z.enum(['code128', 'gs1-128', 'ean13', 'qr', 'datamatrix']);
export type BarcodeSymbology = z.infer<typeof barcodeSymbologySchema>;

export const barcodeElementSchema = z.object({
  type: z.literal('barcode'),
  id: z.string().optional(),
  x: mm,
  y: mm,
  symbology: barcodeSymbologySchema,
  /** For gs1-128 the parenthesised human form "(00)…(10)…". */
  data: z.string().min(1),
  /** Narrow bar (X-dimension) for linear codes, cell size for 2D codes, in mm. */
  moduleMm: z.number().positive().max(5),
  /** Bar height for linear codes (ignored by 2D codes, which are square). */
  heightMm: z.number().positive().max(500).default(15),
});

export const boxElementSchema = z.object({
  type: z.literal('box'),
  id: z.string().optional(),
  x: mm,
  y: mm,
  width: mm.positive(),
  height: mm.positive(),
  thicknessMm: z.number().positive().max(50).default(0.5),
  fill: z.boolean().default(false),
});

/** Horizontal or vertical rule (all a thermal printer's ^GB draws natively). */
export const lineElementSchema = z.object({
  type: z.literal('line'),
  id: z.string().optional(),
  x: mm,
  y: mm,
  length: mm.positive(),
  orientation: z.enum(['h', 'v']).default('h'),
  thicknessMm: z.number().positive().max(50).default(0.5),
});

export const imageElementSchema = z.object({
  type: z.literal('image'),
  id: z.string().optional(),
  x: mm,
  y: mm,
  width: mm.positive(),
  height: mm.positive(),
  png: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'png must be PNG bytes'),
});

export const elementSchema = z.discriminatedUnion('type', [
  textElementSchema,
  barcodeElementSchema,
  boxElementSchema,
  lineElementSchema,
  imageElementSchema,
]);

export const layoutSchema = z.object({
  /** Page size in mm (portrait). */
  widthMm: z.number().positive().max(2000),
  heightMm: z.number().positive().max(2000),
  /** Dot grid everything is snapped to; the printer's resolution for labels, 300 for documents. */
  dpi: z.union([z.literal(203), z.literal(300)]),
  /** Which output the layout is meant for; documents go to PDF, labels to ZPL by default. */
  medium: z.enum(['label', 'document']),
  title: z.string().default(''),
  pages: z.array(z.array(elementSchema)).min(1),
});

export type TextElement = z.input<typeof textElementSchema>;
export type BarcodeElement = z.input<typeof barcodeElementSchema>;
export type BoxElement = z.input<typeof boxElementSchema>;
export type LineElement = z.input<typeof lineElementSchema>;
export type ImageElement = z.input<typeof imageElementSchema>;
export type LayoutElement = z.input<typeof elementSchema>;
export type LayoutInput = z.input<typeof layoutSchema>;
export type Layout = z.output<typeof layoutSchema>;
export type Element = z.output<typeof elementSchema>;

export function pageSize(name: PageSizeName): { widthMm: number; heightMm: number } {
  return { ...PAGE_SIZES[name] };
}

/** Validate and fill defaults. Throws a ZodError with the offending path on bad input. */
export function parseLayout(input: LayoutInput): Layout {
  return layoutSchema.parse(input);
}
