// Logos of every PNG flavour (interlaced, 16-bit, palette, low-bit grey) print as the same 1-bit
// picture: the ZPL ^GF bitmap and the image pdfjs reads out of the PDF both match the pattern drawn.
import { describe, expect, it } from 'vitest';
import { encode, type ImageData } from 'fast-png';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderZpl } from '../../../src-main/core/printing/render/zpl';
import { renderPdf } from '../../../src-main/core/printing/render/pdf';
import type { LayoutInput } from '../../../src-main/core/printing/layout/model';

const W = 16;
const H = 8;
/** An irregular pattern, so rows or pixels put back in the wrong order (Adam7) show. */
const dark = (x: number, y: number): boolean => (x * 3 + y * 5 + ((x * y) >> 2)) % 7 < 3;
const expected = Array.from({ length: H }, (_, y) => Array.from({ length: W }, (_, x) => (dark(x, y) ? 1 : 0)));

function image(channels: number, depth: 8 | 16, pixel: (x: number, y: number) => number[]): ImageData {
  const data = depth === 16 ? new Uint16Array(W * H * channels) : new Uint8Array(W * H * channels);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data.set(pixel(x, y), (y * W + x) * channels);
  return { width: W, height: H, data, depth, channels };
}
/** Packed 1-bit rows (MSB first, each row on a byte): indices or grey samples. */
function packed1(bit: (x: number, y: number) => number): Uint8Array {
  const stride = Math.ceil(W / 8);
  const out = new Uint8Array(stride * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (bit(x, y)) out[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
  return out;
}

const cases: [string, () => Uint8Array][] = [
  ['8-bit RGBA, Adam7 interlaced (dark = opaque blue, light = transparent black)', () =>
    encode(image(4, 8, (x, y) => (dark(x, y) ? [0, 0, 90, 255] : [0, 0, 0, 0])), { interlace: 'Adam7' })],
  ['16-bit grey', () => encode(image(1, 16, (x, y) => [dark(x, y) ? 4000 : 60000]))],
  ['16-bit RGB, Adam7 interlaced', () => encode(image(3, 16, (x, y) => (dark(x, y) ? [20000, 5000, 9000] : [65535, 60000, 65535])), { interlace: 'Adam7' })],
  ['16-bit grey + alpha (light = black at 25% opacity)', () =>
    encode(image(2, 16, (x, y) => (dark(x, y) ? [0, 65535] : [0, 16384])))],
  ['1-bit palette', () =>
    encode({ width: W, height: H, depth: 1, channels: 1, palette: [[250, 250, 240], [10, 20, 30]], data: packed1((x, y) => (dark(x, y) ? 1 : 0)) })],
  ['1-bit grey', () => encode({ width: W, height: H, depth: 1, channels: 1, data: packed1((x, y) => (dark(x, y) ? 0 : 1)) })],
];

/** One image, 2 × 1 mm = 16 × 8 dots at 203 dpi: one dot per pixel. */
const layout = (png: Uint8Array): LayoutInput => ({
  widthMm: 10,
  heightMm: 5,
  dpi: 203,
  medium: 'label',
  pages: [[{ type: 'image', x: 1, y: 1, width: 2, height: 1, png }]],
});

function gfBits(zpl: string): number[][] {
  const m = /\^GFA,(\d+),\d+,(\d+),([0-9A-F]+)\^FS/.exec(zpl);
  if (!m) throw new Error('no ^GF in ZPL');
  const perRow = Number(m[2]);
  const bytes = Buffer.from(m[3] as string, 'hex');
  return Array.from({ length: bytes.length / perRow }, (_, y) =>
    Array.from({ length: W }, (_, x) => ((bytes[y * perRow + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1),
  );
}

/** The one image in the PDF as pdfjs decodes it, thresholded: 1 = dark. */
async function pdfImageBits(pdf: Uint8Array): Promise<number[][]> {
  const doc = await pdfjs.getDocument({ data: pdf, isEvalSupported: false }).promise;
  try {
    const page = await doc.getPage(1);
    const ops = await page.getOperatorList();
    const i = ops.fnArray.indexOf(pdfjs.OPS.paintImageXObject);
    const img = (await new Promise((resolve) => page.objs.get((ops.argsArray[i] as string[])[0] as string, resolve))) as {
      width: number;
      height: number;
      data: Uint8ClampedArray;
    };
    const ch = img.data.length / (img.width * img.height);
    expect([img.width, img.height]).toEqual([W, H]);
    // With a soft mask (PNG alpha) pdfjs hands back RGBA: composite onto white paper.
    return Array.from({ length: H }, (_, y) =>
      Array.from({ length: W }, (_, x) => {
        const at = (y * W + x) * ch;
        const v = ch >= 3 ? 0.299 * img.data[at]! + 0.587 * img.data[at + 1]! + 0.114 * img.data[at + 2]! : img.data[at]!;
        const a = ch === 4 ? img.data[at + 3]! / 255 : 1;
        return v * a + 255 * (1 - a) < 128 ? 1 : 0;
      }),
    );
  } finally {
    await doc.destroy();
  }
}

describe('PNG logos of every flavour → the same 1-bit picture', () => {
  it.each(cases)('%s: ZPL ^GF bitmap matches the pattern', (_name, make) => {
    expect(gfBits(renderZpl(layout(make())))).toEqual(expected);
  });

  it.each(cases)('%s: PDF image matches the pattern', async (_name, make) => {
    expect(await pdfImageBits(await renderPdf(layout(make())))).toEqual(expected);
  });
});
