// PNG (any colour type, bit depth 1–16, interlaced or not; decoded by fast-png) to luminance, for
// turning logos into ZPL ^GF bitmaps. pdf-lib embeds the PNG itself for PDF.
import { convertIndexedToRgb, decode, hasPngSignature } from 'fast-png';

export interface GrayImage {
  width: number;
  height: number;
  /** Luminance 0 (black) … 255 (white), alpha composited onto white. */
  gray: Uint8Array;
}

const lum = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;

export function decodePng(bytes: Uint8Array): GrayImage {
  if (!hasPngSignature(bytes)) throw new Error('not a PNG file');
  const png = decode(bytes);
  const { width, height } = png;
  if (width <= 0 || height <= 0 || width * height > 16_000_000) throw new Error('PNG size out of range');
  const n = width * height;
  let channels = png.channels;
  let max = (1 << png.depth) - 1;
  let samples: ArrayLike<number>;
  if (png.palette) {
    // Indexed: expand to RGB or RGBA (palette entries carry tRNS alpha when present).
    samples = convertIndexedToRgb(png);
    channels = samples.length / n;
    max = 255;
  } else if (png.depth < 8) {
    samples = unpackRows(png.data, width, height, png.depth);
  } else {
    samples = png.data;
  }
  const gray = new Uint8Array(n);
  const hasAlpha = channels === 2 || channels === 4;
  for (let p = 0; p < n; p++) {
    const at = p * channels;
    const v = channels >= 3 ? lum(samples[at] ?? 0, samples[at + 1] ?? 0, samples[at + 2] ?? 0) : (samples[at] ?? 0);
    const a = hasAlpha ? (samples[at + channels - 1] ?? max) / max : 1;
    // Alpha onto white, in 0…255.
    gray[p] = Math.round((v / max) * 255 * a + 255 * (1 - a));
  }
  return { width, height, gray };
}

/** Grey samples of 1, 2 or 4 bits, packed MSB-first with each row starting on a byte. */
function unpackRows(data: ArrayLike<number>, width: number, height: number, depth: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const stride = Math.ceil((width * depth) / 8);
  const mask = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      const byte = data[y * stride + (bit >> 3)] ?? 0;
      out[y * width + x] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

/**
 * Scale to w×h dots (nearest neighbour) and threshold to 1 bit, packed MSB-first per row as ZPL
 * ^GF expects (1 = black).
 */
export function toMonochrome(img: GrayImage, w: number, h: number, threshold = 128): { bytesPerRow: number; data: Uint8Array } {
  const bytesPerRow = Math.ceil(w / 8);
  const data = new Uint8Array(bytesPerRow * h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, Math.floor((y * img.height) / h));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, Math.floor((x * img.width) / w));
      if ((img.gray[sy * img.width + sx] ?? 255) < threshold) {
        const idx = y * bytesPerRow + (x >> 3);
        data[idx] = (data[idx] ?? 0) | (0x80 >> (x & 7));
      }
    }
  }
  return { bytesPerRow, data };
}
