// PDF renderer (pdf-lib + fontkit): DejaVu Sans embedded (subset) so Czech and other accented text
// prints on any printer; the parsed font is shared by every PDF (layout/fonts pdfFontkit), only the
// subset is per document. Barcodes are vector rectangles from the same geometry as the preview.
// Coordinates come from the dot grid (pt = dots × 72 / dpi) with the page size kept exact in mm.
import { fill, popGraphicsState, PDFDocument, pushGraphicsState, rectangle, rgb, setFillingGrayscaleColor, type PDFFont, type PDFPage } from 'pdf-lib';
import { parseLayout, type Layout, type LayoutInput } from '../layout/model';
import { lineOffset, resolveLayout, type RElement, type ResolvedLayout } from '../layout/resolve';
import { fontFileBytes, pdfFontkit, textWidth, TEXT_ASCENT } from '../layout/fonts';
import { mmToPt } from '../layout/units';
import { barcodeGeometry, matrixRuns } from '../barcode/geometry';

export interface PdfOptions {
  /** Fixed creation date for reproducible output (tests, reprints). */
  creationDate?: Date;
}

const BLACK = rgb(0, 0, 0);

export async function renderPdfResolved(r: ResolvedLayout, opts: PdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(pdfFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  doc.setTitle(r.title || 'Dockside');
  doc.setProducer('Dockside');
  doc.setCreator('Dockside');
  const when = opts.creationDate ?? new Date();
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const fonts = {
    regular: await doc.embedFont(fontFileBytes('regular'), { subset: true }),
    bold: await doc.embedFont(fontFileBytes('bold'), { subset: true }),
  };
  const pageW = mmToPt(r.widthMm);
  const pageH = mmToPt(r.heightMm);
  const k = 72 / r.dpi; // dots → pt
  for (const elements of r.pages) {
    const page = doc.addPage([pageW, pageH]);
    for (const el of elements) await drawElement(doc, page, el, { k, pageH, fonts });
  }
  return doc.save();
}

interface Ctx {
  k: number;
  pageH: number;
  fonts: { regular: PDFFont; bold: PDFFont };
}

type Rect = [x: number, y: number, w: number, h: number];

/**
 * Dot-space rectangles (top-left origin) filled black as one path: a barcode's bars are one
 * "re … re f" sequence instead of a graphics-state block per bar, which keeps PDFs small and fast.
 */
function fillRects(page: PDFPage, ctx: Ctx, rects: Rect[]): void {
  if (rects.length === 0) return;
  const { k, pageH } = ctx;
  page.pushOperators(
    pushGraphicsState(),
    setFillingGrayscaleColor(0),
    ...rects.map(([x, y, w, h]) => rectangle(x * k, pageH - (y + h) * k, w * k, h * k)),
    fill(),
    popGraphicsState(),
  );
}

async function drawElement(doc: PDFDocument, page: PDFPage, el: RElement, ctx: Ctx): Promise<void> {
  const { k, pageH } = ctx;
  switch (el.type) {
    case 'text': {
      const font = el.bold ? ctx.fonts.bold : ctx.fonts.regular;
      const ascent = Math.round(TEXT_ASCENT * el.font);
      el.lines.forEach((line, i) => {
        if (line === '') return;
        const lw = textWidth(line, el.font, el.bold ? 'bold' : 'regular');
        const x = el.x + lineOffset(el.align, el.width, lw);
        const baseline = el.y + ascent + i * el.pitch;
        page.drawText(line, { x: x * k, y: pageH - baseline * k, size: el.font * k, font, color: BLACK });
      });
      return;
    }
    case 'barcode': {
      const g = barcodeGeometry(el.symbology, el.data);
      const m = el.module;
      const rects: Rect[] =
        g.kind === 'linear'
          ? g.bars.map((bar): Rect => [el.x + bar.x * m, el.y, bar.w * m, el.height])
          : Array.from(matrixRuns(g), (run): Rect => [el.x + run.start * m, el.y + run.row * m, (run.end - run.start) * m, m]);
      fillRects(page, ctx, rects);
      return;
    }
    case 'box': {
      if (el.fill || el.w <= 2 * el.t || el.h <= 2 * el.t) {
        fillRects(page, ctx, [[el.x, el.y, el.w, el.h]]);
        return;
      }
      // Border inside the box, like ZPL ^GB: top, bottom, left, right.
      fillRects(page, ctx, [
        [el.x, el.y, el.w, el.t],
        [el.x, el.y + el.h - el.t, el.w, el.t],
        [el.x, el.y + el.t, el.t, el.h - 2 * el.t],
        [el.x + el.w - el.t, el.y + el.t, el.t, el.h - 2 * el.t],
      ]);
      return;
    }
    case 'image': {
      const img = await doc.embedPng(el.png);
      page.drawImage(img, { x: el.x * k, y: pageH - (el.y + el.h) * k, width: el.w * k, height: el.h * k });
      return;
    }
  }
}

export async function renderPdf(layout: Layout | LayoutInput, opts: PdfOptions = {}): Promise<Uint8Array> {
  return renderPdfResolved(resolveLayout(parseLayout(layout as LayoutInput)), opts);
}
