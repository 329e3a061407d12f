// Physical measurement of a linear symbol in a raster, the way a verifier does it: one scan line
// through the middle of the bars, dark/light runs, module width X, quiet zones; bar height from a
// column through the first bar. Thresholds at 50 % grey.
import type { Raster } from './raster';

export interface LinearMeasure {
  /** X in raster pixels: symbol width / modules (runs rounded to whole modules). */
  xPx: number;
  /** Narrowest bar or space in pixels. */
  narrowestPx: number;
  modules: number;
  xMm: number;
  /** X in dots of the given printer/layout grid. */
  xDots: number;
  quietLeftX: number;
  quietRightX: number;
  quietLeftMm: number;
  quietRightMm: number;
  heightMm: number;
  /** The bars run into the raster's edge (the symbol is cut by the page edge). */
  clipped: boolean;
  /** Scan lines across the bar height whose pixels within the symbol and 10X either side differ from the measured line: something is drawn over the bars or quiet zones. */
  overprintedLines: number;
  /** Symbol span in pixels on the scan line. */
  x0: number;
  x1: number;
}

const dark = (r: Raster, x: number, y: number): boolean => (r.gray[y * r.width + x] as number) < 128;

/**
 * Measures the symbol whose first bar lies at or just right of (xPx, yPx): yPx must cross the bars.
 * `gridDpi` is the grid the module is reported in (the printer's dots). `lastBarPx`, when a decoder
 * found the symbol, is where it saw the last bar end: the scan stops there even if the bars run into
 * something else (text, another symbol) with no quiet zone between.
 */
export function measureLinear(r: Raster, xPx: number, yPx: number, gridDpi: number, lastBarPx?: number): LinearMeasure {
  const y = Math.min(r.height - 1, Math.max(0, Math.round(yPx)));
  const pxPerMm = r.dpi / 25.4;
  // First bar: search right from a little before the expected start (renderers round differently).
  let x0 = Math.max(0, Math.floor(xPx) - 3);
  const limit = Math.min(r.width, x0 + Math.round(15 * pxPerMm));
  while (x0 < limit && !dark(r, x0, y)) x0++;
  if (x0 >= limit) throw new Error(`no bar found near (${xPx}, ${yPx})`);
  while (x0 > 0 && dark(r, x0 - 1, y)) x0--;
  // Runs until a light run much wider than any module (Code 128 and EAN spaces are ≤ 4 modules).
  const runs: number[] = [];
  let x = x0;
  let clipped = false;
  for (;;) {
    const isDark = runs.length % 2 === 0;
    let n = 0;
    while (x < r.width && dark(r, x, y) === isDark) {
      x++;
      n++;
    }
    if (x >= r.width) {
      // The raster (page) ends inside a bar or inside a space no wider than a module can be: the symbol goes on past it.
      if (isDark || (runs.length >= 6 && n <= 6 * Math.min(...runs))) clipped = true;
      if (isDark) runs.push(n);
      break;
    }
    const narrowest = Math.min(...runs, n);
    if (!isDark && runs.length >= 6 && n > 6 * narrowest) break;
    runs.push(n);
    if (lastBarPx !== undefined && isDark && x > lastBarPx - 1 && x <= lastBarPx + 3) break;
  }
  const x1 = x0 + runs.reduce((a, b) => a + b, 0);
  const narrowestPx = Math.min(...runs);
  const modules = runs.reduce((a, b) => a + Math.max(1, Math.round(b / narrowestPx)), 0);
  const xPxAvg = (x1 - x0) / modules;
  let ql = 0;
  while (x0 - ql - 1 >= 0 && !dark(r, x0 - ql - 1, y)) ql++;
  let qr = 0;
  while (!clipped && x1 + qr < r.width && !dark(r, x1 + qr, y)) qr++;
  // Bar height: the shortest bar (EAN guard bars are longer than the rest), each measured up and
  // down its middle column from the scan line.
  let top = 0;
  let bottom = r.height - 1;
  for (let i = 0, at = x0; i < runs.length; at += runs[i] as number, i++) {
    if (i % 2 === 1) continue;
    const cx = at + Math.floor((runs[i] as number) / 2);
    let t = y;
    while (t > 0 && dark(r, cx, t - 1)) t--;
    let b = y;
    while (b < r.height - 1 && dark(r, cx, b + 1)) b++;
    if (b - t < bottom - top) [top, bottom] = [t, b];
  }
  const xMm = xPxAvg / pxPerMm;
  // Every line a scanner could take (inside the bar height, off the anti-aliased ends)
  // must see the same bars and clear quiet zones as the measured one.
  const from = Math.max(0, Math.round(x0 - 10 * xPxAvg));
  const to = Math.min(r.width, Math.round(x1 + 10 * xPxAvg));
  let overprintedLines = 0;
  for (let yy = top + 2; yy <= bottom - 2; yy++) {
    let diff = 0;
    for (let xx = from; xx < to; xx++) if (dark(r, xx, yy) !== dark(r, xx, y)) diff++;
    if (diff > 2) overprintedLines++;
  }
  return {
    xPx: xPxAvg,
    narrowestPx,
    modules,
    xMm,
    xDots: (xMm * gridDpi) / 25.4,
    quietLeftX: ql / xPxAvg,
    quietRightX: qr / xPxAvg,
    quietLeftMm: ql / pxPerMm,
    quietRightMm: qr / pxPerMm,
    heightMm: (bottom - top + 1) / pxPerMm,
    clipped,
    overprintedLines,
    x0,
    x1,
  };
}
