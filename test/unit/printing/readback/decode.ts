// ZXing (zxing-cpp's WASM build, zxing-wasm) as the independent decoder. Its default locateFile
// fetches the .wasm from a CDN; we hand it the bytes from node_modules so tests never touch the
// network, and initialise it once per test file.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { Raster } from './raster';

export interface Decoded {
  format: string;
  /** AIM symbology identifier: ]C0 Code 128, ]C1 GS1-128, ]E0 EAN-13, ]Q1 QR, ]d1 Data Matrix. */
  aim: string;
  /** The symbol's data as bytes (latin1), GS1 separators as GS (0x1D); no AIM prefix. */
  raw: string;
  /** ZXing's text: for GS1 symbols the "(AI)value" form. */
  text: string;
  /** Bounding box in raster pixels. */
  box: { x0: number; y0: number; x1: number; y1: number };
  /** Page (raster) it was found on, when the caller decodes several. */
  page?: number;
}

let ready: Promise<unknown> | undefined;

function init(): Promise<unknown> {
  if (!ready) {
    const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const bytes = fs.readFileSync(wasmPath);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // While the module starts, any fetch is a failure: the tests must run offline.
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input: Parameters<typeof fetch>[0]) => Promise.reject(new Error(`zxing-wasm tried to fetch ${String(input)}`));
    ready = prepareZXingModule({
      overrides: {
        wasmBinary,
        // Belt and braces: should the module ask for a file anyway, point it at the local copy.
        locateFile: (file: string) => (file.endsWith('.wasm') ? wasmPath : file),
      },
      fireImmediately: true,
    }).finally(() => {
      globalThis.fetch = realFetch;
    });
  }
  return ready;
}

export async function decodeRaster(r: Raster): Promise<Decoded[]> {
  await init();
  // zxing-wasm takes RGBA (and converts it to luminance itself); a grey-only raster is expanded.
  const rgba = r.rgba ?? new Uint8ClampedArray(r.width * r.height * 4);
  for (let i = 0; !r.rgba && i < r.gray.length; i++) {
    const v = r.gray[i] as number;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  const results = await readBarcodes(
    { data: rgba, width: r.width, height: r.height, colorSpace: 'srgb' } as unknown as Parameters<typeof readBarcodes>[0],
    // Our rasters are upright, black on white and sharp: no rotated, inverted or downscaled passes.
    { formats: ['Code128', 'EAN13', 'QRCode', 'DataMatrix'], tryHarder: true, tryRotate: false, tryInvert: false, tryDownscale: false, maxNumberOfSymbols: 255 },
  );
  return results
    .filter((x) => x.isValid)
    .map((x) => {
      const pts = [x.position.topLeft, x.position.topRight, x.position.bottomLeft, x.position.bottomRight];
      return {
        format: x.format,
        aim: x.symbologyIdentifier,
        raw: Buffer.from(x.bytes).toString('latin1'),
        text: x.text,
        box: {
          x0: Math.min(...pts.map((p) => p.x)),
          y0: Math.min(...pts.map((p) => p.y)),
          x1: Math.max(...pts.map((p) => p.x)),
          y1: Math.max(...pts.map((p) => p.y)),
        },
      };
    });
}
