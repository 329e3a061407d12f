// The badge template: on every label size and dpi the station's printers use, the badge shows the
// user and carries the full code as a QR code. A station code (32 characters of Code 128 set B)
// needs ~102 mm at the 0.25 mm minimum bar width, more than the label: no Code 128 is printed rather
// than an unreadable one. A short code gets its Code 128 too, with 10X quiet zones on the label.
import { describe, expect, it } from 'vitest';
import { barcodeGeometry } from '../../../src-main/core/printing/barcode/geometry';
import { parseLayout } from '../../../src-main/core/printing/layout/model';
import { resolveLayout } from '../../../src-main/core/printing/layout/resolve';
import { renderZplResolved } from '../../../src-main/core/printing/render/zpl';
import { layoutFor } from '../../../src-main/core/printing/templates';
import { badgeCodeFrom } from '../../../src-main/core/station/domain';

const code = badgeCodeFrom(Uint8Array.from({ length: 26 }, (_, i) => i * 7));

describe('badge label', () => {
  for (const size of ['4x6in', '100x150mm'] as const) {
    for (const dpi of [203, 300] as const) {
      it(`${size} at ${dpi} dpi: name, role, station and a scannable code`, () => {
        const layout = parseLayout(
          layoutFor({ template: 'badge', data: { size, dpi, lang: 'cs', name: 'Jana Svobodová', role: 'supervisor', stationName: 'Bench 7', code } }),
        );
        const resolved = resolveLayout(layout);
        const texts = resolved.pages[0]!.flatMap((e) => (e.type === 'text' ? e.lines : []));
        expect(texts).toEqual(expect.arrayContaining(['Jana Svobodová', 'Vedoucí', 'Pracoviště: Bench 7']));
        // The code is only in the barcode, never printed as readable text.
        expect(texts.join(' ')).not.toContain(code.slice(6));
        const bars = resolved.pages[0]!.filter((e) => e.type === 'barcode');
        expect(bars.map((b) => [b.symbology, b.data])).toEqual([['qr', code]]);
        const qr = bars[0]!;
        const qrGeometry = barcodeGeometry('qr', code);
        if (qrGeometry.kind !== 'matrix') throw new Error('qr is a matrix');
        expect(qr.y + qrGeometry.rows * qr.module).toBeLessThan(Math.round((layout.heightMm / 25.4) * dpi));
        expect(renderZplResolved(resolved)).toContain(code);
      });

      it(`${size} at ${dpi} dpi: a short code also gets a Code 128 of ≥ 0.25 mm bars with 10X quiet zones, above the QR code`, () => {
        const short = 'BADGE:42';
        const layout = parseLayout(layoutFor({ template: 'badge', data: { size, dpi, name: 'Jan Novák', role: 'packer', code: short } }));
        const resolved = resolveLayout(layout);
        const bars = resolved.pages[0]!.filter((e) => e.type === 'barcode');
        expect(bars.map((b) => [b.symbology, b.data])).toEqual([
          ['code128', short],
          ['qr', short],
        ]);
        const [bar, qr] = bars as [(typeof bars)[number], (typeof bars)[number]];
        expect(bar.module).toBeGreaterThanOrEqual(Math.ceil((0.25 * dpi) / 25.4 - 1e-9));
        expect(qr.y).toBeGreaterThan(bar.y + bar.height);
        const g = barcodeGeometry('code128', short);
        if (g.kind !== 'linear') throw new Error('code128 is linear');
        const labelDots = Math.round((layout.widthMm / 25.4) * dpi);
        expect(bar.x - 10 * bar.module).toBeGreaterThanOrEqual(0);
        expect(bar.x + g.widthModules * bar.module + 10 * bar.module).toBeLessThanOrEqual(labelDots);
      });
    }
  }
});
