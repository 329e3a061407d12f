// Minimal PNG decoder (non-interlaced, 8-bit gray/RGB/RGBA/gray+alpha, 1/2/4/8-bit palette and gray)
// to luminance, for turning logos into ZPL ^GF bitmaps. pdf-lib embeds the PNG itself for PDF.
import { inflateSync } from 'node:zlib';

export interface GrayImage {
  width: number;
  height: number;
  /** Luminance 0 (black) … 255 (white), alpha composited onto white. */
  gray: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export function decodePng(bytes: Uint8Array): GrayImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 33 || SIGNATURE.some((b, i) => buf[i] !== b)) throw new Error('not a PNG file');
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = 0;
  let interlace = 0;
  let palette: Buffer | undefined;
  let trns: Buffer | undefined;
  const idat: Buffer[] = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    pos += 12 + len;
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8] ?? 0;
      colorType = data[9] ?? 0;
      interlace = data[12] ?? 0;
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  if (interlace !== 0) throw new Error('interlaced PNG is not supported');
  if (width <= 0 || height <= 0 || width * height > 16_000_000) throw new Error('PNG size out of range');
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`PNG colour type ${colorType} is not supported`);
  if (depth !== 8 && !(depth < 8 && (colorType === 0 || colorType === 3))) throw new Error(`PNG bit depth ${depth} is not supported`);

  const bitsPerPixel = channels * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < (stride + 1) * height) throw new Error('PNG data is truncated');
  const out = new Uint8Array(width * height);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const line = new Uint8Array(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    unfilter(filter, line, prev, bpp);
    for (let x = 0; x < width; x++) out[y * width + x] = pixelGray(line, x, depth, colorType, palette, trns);
    prev = line;
  }
  return { width, height, gray: out };
}

function unfilter(filter: number, line: Uint8Array, prev: Uint8Array, bpp: number): void {
  for (let i = 0; i < line.length; i++) {
    const a = i >= bpp ? (line[i - bpp] ?? 0) : 0;
    const b = prev[i] ?? 0;
    const c = i >= bpp ? (prev[i - bpp] ?? 0) : 0;
    const x = line[i] ?? 0;
    let v = x;
    if (filter === 1) v = x + a;
    else if (filter === 2) v = x + b;
    else if (filter === 3) v = x + ((a + b) >> 1);
    else if (filter === 4) {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }
    line[i] = v & 0xff;
  }
}

function pixelGray(line: Uint8Array, x: number, depth: number, colorType: number, palette?: Buffer, trns?: Buffer): number {
  const lum = (r: number, g: number, b: number): number => Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  const onWhite = (v: number, alpha: number): number => Math.round((v * alpha + 255 * (255 - alpha)) / 255);
  if (depth < 8) {
    const perByte = 8 / depth;
    const byte = line[Math.floor(x / perByte)] ?? 0;
    const shift = 8 - depth * ((x % perByte) + 1);
    const v = (byte >> shift) & ((1 << depth) - 1);
    if (colorType === 3) return paletteGray(v, palette, trns, lum, onWhite);
    return Math.round((v * 255) / ((1 << depth) - 1));
  }
  switch (colorType) {
    case 0:
      return line[x] ?? 255;
    case 2:
      return lum(line[x * 3] ?? 0, line[x * 3 + 1] ?? 0, line[x * 3 + 2] ?? 0);
    case 3:
      return paletteGray(line[x] ?? 0, palette, trns, lum, onWhite);
    case 4:
      return onWhite(line[x * 2] ?? 0, line[x * 2 + 1] ?? 255);
    default:
      return onWhite(lum(line[x * 4] ?? 0, line[x * 4 + 1] ?? 0, line[x * 4 + 2] ?? 0), line[x * 4 + 3] ?? 255);
  }
}

function paletteGray(
  i: number,
  palette: Buffer | undefined,
  trns: Buffer | undefined,
  lum: (r: number, g: number, b: number) => number,
  onWhite: (v: number, a: number) => number,
): number {
  if (!palette) throw new Error('palette PNG without PLTE');
  return onWhite(lum(palette[i * 3] ?? 0, palette[i * 3 + 1] ?? 0, palette[i * 3 + 2] ?? 0), trns?.[i] ?? 255);
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
