// Reads a PDF back with pdfjs (legacy build for Node): page sizes, text with positions, and the
// top-left corners of filled rectangles and images, all converted to the layout's dot grid.
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPageProbe {
  widthPt: number;
  heightPt: number;
  texts: { str: string; x: number; baseline: number; size: number }[];
  /** Top-left corners (pt, top-left origin) of drawn rectangles and images. */
  rects: { x: number; y: number; w: number; h: number }[];
  images: { x: number; y: number; w: number; h: number }[];
}

type M = [number, number, number, number, number, number];
const mul = (m: M, n: M): M => [
  n[0] * m[0] + n[1] * m[2],
  n[0] * m[1] + n[1] * m[3],
  n[2] * m[0] + n[3] * m[2],
  n[2] * m[1] + n[3] * m[3],
  n[4] * m[0] + n[5] * m[2] + m[4],
  n[4] * m[1] + n[5] * m[3] + m[5],
];
const apply = (m: M, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

export async function probePdf(bytes: Uint8Array): Promise<PdfPageProbe[]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPageProbe[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [, , widthPt, heightPt] = page.view as [number, number, number, number];
    const tc = await page.getTextContent();
    const texts = tc.items
      .filter((i): i is Extract<typeof i, { str: string }> => 'str' in i && i.str.length > 0)
      .map((i) => ({ str: i.str, x: i.transform[4] as number, baseline: heightPt - (i.transform[5] as number), size: i.transform[3] as number }));
    const ops = await page.getOperatorList();
    const rects: PdfPageProbe['rects'] = [];
    const images: PdfPageProbe['images'] = [];
    let ctm: M = [1, 0, 0, 1, 0, 0];
    const stack: M[] = [];
    const box = (m: M, x0: number, y0: number, x1: number, y1: number) => {
      const [ax, ay] = apply(m, x0, y0);
      const [bx, by] = apply(m, x1, y1);
      const left = Math.min(ax, bx);
      const top = heightPt - Math.max(ay, by);
      return { x: left, y: top, w: Math.abs(bx - ax), h: Math.abs(by - ay) };
    };
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === pdfjs.OPS.save) stack.push(ctm);
      else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
      else if (fn === pdfjs.OPS.transform) ctm = mul(ctm, args as M);
      else if (fn === pdfjs.OPS.constructPath) {
        const mm = args[2] as number[];
        if (mm && mm.length === 4) rects.push(box(ctm, mm[0] as number, mm[1] as number, mm[2] as number, mm[3] as number));
      } else if (fn === pdfjs.OPS.paintImageXObject) images.push(box(ctm, 0, 0, 1, 1));
    });
    pages.push({ widthPt, heightPt, texts, rects, images });
  }
  await doc.destroy();
  return pages;
}
