// The badge template: on every label size and dpi the station's printers use, the badge shows the
// user and carries the full code as a Code 128 that fits the label with its quiet zones, and as a QR code.
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
        expect(bars.map((b) => [b.symbology, b.data])).toEqual([
          ['code128', code],
          ['qr', code],
        ]);
        const bar = bars[0]!;
        const qr = bars[1]!;
        const qrGeometry = barcodeGeometry('qr', code);
        if (qrGeometry.kind !== 'matrix') throw new Error('qr is a matrix');
        // The QR code sits below the Code 128 and ends on the label.
        expect(qr.y).toBeGreaterThan(bar.y + bar.height);
        expect(qr.y + qrGeometry.rows * qr.module).toBeLessThan(Math.round((layout.heightMm / 25.4) * dpi));
        const g = barcodeGeometry('code128', code);
        if (g.kind !== 'linear') throw new Error('code128 is linear');
        const widthDots = g.widthModules * bar.module;
        const labelDots = Math.round((layout.widthMm / 25.4) * dpi);
        // Ten modules of quiet zone on each side stay on the label.
        expect(bar.x - 10 * bar.module).toBeGreaterThanOrEqual(0);
        expect(bar.x + widthDots + 10 * bar.module).toBeLessThanOrEqual(labelDots);
        expect(renderZplResolved(resolved)).toContain(code);
      });
    }
  }
});
