// Output → grey raster, each with an independent rasteriser: ZPL through zpl-renderer-js (Zebrash
// compiled to WASM), PDF through pdfjs-dist drawing on @napi-rs/canvas, SVG through @napi-rs/canvas
// (Skia's SVG renderer). PDF and SVG are drawn at an integer multiple of the layout's dot grid so a
// bar that sits on the grid covers whole pixels and run lengths read back exactly.
import * as napi from '@napi-rs/canvas';
import { decode } from 'fast-png';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const { createCanvas, loadImage } = napi;

let pdfjsModule: Promise<typeof Pdfjs> | undefined;

/**
 * pdfjs in Node polyfills Path2D/DOMMatrix/ImageData from its own nested copy of @napi-rs/canvas,
 * whose Path2D our canvas (the project's copy) rejects; give it ours before it loads.
 */
export function loadPdfjs(): Promise<typeof Pdfjs> {
  const g = globalThis as Record<string, unknown>;
  g.Path2D ??= napi.Path2D;
  g.DOMMatrix ??= napi.DOMMatrix;
  g.ImageData ??= napi.ImageData;
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

export interface Raster {
  /** One byte per pixel, 0 = black. */
  gray: Uint8Array;
  width: number;
  height: number;
  /** Raster pixels per inch. */
  dpi: number;
  /** The same pixels as RGBA when the rasteriser produced them (handed to the decoder as is). */
  rgba?: Uint8ClampedArray;
}

/** Pixels per layout dot for PDF rasters: 3 × 203 = 609 dpi, 2 × 300 = 600 dpi. */
export const pxPerDot = (layoutDpi: number): number => (layoutDpi === 203 ? 3 : 2);
/**
 * SVG coordinates are whole dots by construction (the viewBox is the dot grid), so A4 documents are
 * drawn at one pixel per 300-dpi dot (a quarter of the pixels to decode); labels as PDF.
 */
export const svgPxPerDot = (layoutDpi: number): number => (layoutDpi === 203 ? 3 : 1);

/** A canvas drawn on white, which holds only greys: the red channel is the grey level. */
function canvasRaster(rgba: Uint8ClampedArray, width: number, height: number, dpi: number): Raster {
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = rgba[i * 4] as number;
  return { gray, rgba, width, height, dpi };
}

/** A PNG (any colour type or depth fast-png reads) as a grey raster. */
export function pngToRaster(png: Uint8Array, dpi: number): Raster {
  const img = decode(png);
  const { width, height, channels } = img;
  const max = img.depth === 16 ? 65535 : img.depth === 8 ? 255 : (1 << img.depth) - 1;
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) {
    const at = (c: number): number => ((img.data[i * channels + c] as number) * 255) / max;
    const hasAlpha = channels === 2 || channels === 4;
    const y = channels >= 3 ? 0.299 * at(0) + 0.587 * at(1) + 0.114 * at(2) : at(0);
    const a = hasAlpha ? at(channels - 1) / 255 : 1;
    gray[i] = Math.round(y * a + 255 * (1 - a));
  }
  return { gray, width, height, dpi };
}

type ZplApi = { zplToBase64MultipleAsync: (zpl: string, widthMm?: number, heightMm?: number, dpmm?: number) => Promise<string[]> };
let zplApi: Promise<ZplApi> | undefined;

/** Every ^XA…^XZ format of `zpl` as a raster at the printer's resolution (one pixel per dot). */
export async function rasteriseZpl(zpl: string, widthMm: number, heightMm: number, dpi: 203 | 300): Promise<Raster[]> {
  zplApi ??= import('zpl-renderer-js').then((m) => m.ready).then((r) => r.api);
  const api = await zplApi;
  const pngs = await api.zplToBase64MultipleAsync(zpl, widthMm, heightMm, dpi === 203 ? 8 : 12);
  return pngs.map((b64) => pngToRaster(Buffer.from(b64, 'base64'), dpi));
}

/** Every page of a PDF drawn by pdfjs at `dpi`. */
export async function rasterisePdf(bytes: Uint8Array, dpi: number): Promise<Raster[]> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: Raster[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const w = Math.ceil(viewport.width);
    const h = Math.ceil(viewport.height);
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    await page.render({ canvasContext: ctx as never, viewport }).promise;
    out.push(canvasRaster(ctx.getImageData(0, 0, w, h).data, w, h, dpi));
    page.cleanup();
  }
  await doc.destroy();
  return out;
}

/** One page's SVG (viewBox = the dot grid) drawn at `scale` pixels per dot. */
export async function rasteriseSvg(svg: string, widthDots: number, heightDots: number, layoutDpi: number, scale: number): Promise<Raster> {
  const w = widthDots * scale;
  const h = heightDots * scale;
  // Physical width/height (mm) → pixels, so Skia draws the viewBox at exactly `scale` px per dot.
  const sized = svg.replace(/ width="[^"]*" height="[^"]*"/, ` width="${w}" height="${h}"`);
  const img = await loadImage(Buffer.from(sized));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0, w, h);
  return canvasRaster(ctx.getImageData(0, 0, w, h).data, w, h, layoutDpi * scale);
}
