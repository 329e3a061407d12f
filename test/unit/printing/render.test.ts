import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { renderZpl } from '../../../src-main/core/printing/render/zpl';
import { renderPdf } from '../../../src-main/core/printing/render/pdf';
import { renderSvg } from '../../../src-main/core/printing/render/svg';
import { mmToDots, ptToDots, dotsToPt, mmToPt } from '../../../src-main/core/printing/layout/units';
import { wrapText } from '../../../src-main/core/printing/layout/wrap';
import { TEXT_ASCENT } from '../../../src-main/core/printing/layout/fonts';
import { decodePng, toMonochrome } from '../../../src-main/core/printing/image/png';
import type { LayoutElement, LayoutInput } from '../../../src-main/core/printing/layout/model';
import { layoutFor } from '../../../src-main/core/printing/templates';
import { makePng } from './helpers';
import { probePdf } from './pdfProbe';
import { samples } from './fixtures';

const logo = makePng(16, 8, (x) => (x < 8 ? [0, 0, 0, 255] : [255, 255, 255, 255]));

function mixed(dpi: 203 | 300): LayoutInput {
  const els: LayoutElement[] = [
    { type: 'text', id: 't1', x: 3.3, y: 4.1, width: 60, text: 'Příliš žluťoučký kůň', size: 12 },
    { type: 'text', id: 't2', x: 10.7, y: 20.2, width: 30, text: 'Right aligned ďábel', size: 3.5, unit: 'mm', align: 'right', bold: true },
    { type: 'barcode', id: 'b128', symbology: 'code128', data: 'ORD-000981', x: 5.55, y: 30.3, moduleMm: 0.375, heightMm: 12 },
    { type: 'barcode', id: 'bgs1', symbology: 'gs1-128', data: '(00)106141411234567897', x: 4.2, y: 45.9, moduleMm: 0.5, heightMm: 15 },
    { type: 'barcode', id: 'bean', symbology: 'ean13', data: '5901234123457', x: 6.1, y: 63.4, moduleMm: 0.33, heightMm: 10 },
    { type: 'barcode', id: 'bqr', symbology: 'qr', data: 'Žluťoučký', x: 60.3, y: 30.7, moduleMm: 0.75, heightMm: 1 },
    { type: 'barcode', id: 'bdm', symbology: 'datamatrix', data: 'DM-123', x: 60.9, y: 60.1, moduleMm: 0.5, heightMm: 1 },
    { type: 'box', id: 'frame', x: 1.1, y: 80.6, width: 50.3, height: 20.7, thicknessMm: 0.6 },
    { type: 'box', id: 'solid', x: 55.2, y: 82.3, width: 10, height: 5, fill: true },
    { type: 'line', id: 'rule', x: 2.7, y: 105.3, length: 80, thicknessMm: 0.4 },
    { type: 'image', id: 'logo', x: 70.4, y: 90.2, width: 16, height: 8, png: logo },
  ];
  return { widthMm: 101.6, heightMm: 152.4, dpi, medium: 'label', pages: [els] };
}

describe('units', () => {
  it('converts mm to dots at 203 and 300 dpi and points to dots', () => {
    expect(mmToDots(101.6, 203)).toBe(812);
    expect(mmToDots(152.4, 203)).toBe(1218);
    expect(mmToDots(101.6, 300)).toBe(1200);
    expect(mmToDots(1, 203)).toBe(8);
    expect(ptToDots(72, 300)).toBe(300);
    expect(dotsToPt(300, 300)).toBe(72);
    expect(mmToPt(210)).toBeCloseTo(595.28, 2);
  });
});

describe('wrapText', () => {
  const mono = (s: string) => s.length; // one unit per character
  it('wraps on spaces, breaks over-long words and ellipsises overflow', () => {
    expect(wrapText('aaa bbb ccc', 7, 3, mono)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('abcdefghij', 4, 5, mono)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('aaa bbb ccc ddd', 7, 1, mono)).toEqual(['aaa...']);
    expect(wrapText('one\ntwo\nthree', 10, 2, mono)).toEqual(['one', 'two...']);
    expect(wrapText('', 10, 2, mono)).toEqual(['']);
  });
});

describe('ZPL renderer', () => {
  it('emits the exact ZPL for a small label (^CI28, ^PW/^LL, ^FO in dots, ^FB, ^BC, ^GB)', () => {
    const zpl = renderZpl({
      widthMm: 101.6,
      heightMm: 152.4,
      dpi: 203,
      medium: 'label',
      pages: [
        [
          { type: 'text', x: 5, y: 5, width: 90, text: 'Jiří Dvořák', size: 14, bold: true },
          { type: 'text', x: 5, y: 12, width: 90, text: 'Čára_50% ^ ~ \\ back', size: 10, align: 'center' },
          { type: 'barcode', symbology: 'code128', data: 'PKG-12345678', x: 10, y: 20, moduleMm: 0.375, heightMm: 20 },
          { type: 'box', x: 2, y: 2, width: 97.6, height: 148.4, thicknessMm: 0.5 },
        ],
      ],
    });
    expect(zpl).toBe(
      [
        '^XA',
        '^CI28',
        '^PW812',
        '^LL1218',
        '^LH0,0',
        '^FO40,40^A0N,39,39^FB719,1,8,L,0^FDJiří Dvořák^FS',
        '^FO40,96^A0N,28,28^FB719,1,6,C,0^FH^FDČára_5F50% _5E _7E \\\\ back^FS',
        '^FO80,160^BY3,2,160^BCN,160,N,N,N,N^FD>:PKG->512345678^FS',
        '^FO16,16^GB780,1186,4,B,0^FS',
        '^XZ',
        '',
      ].join('\n'),
    );
  });

  it('uses native ^BE, ^BQ, ^BX and GS1-128 with FNC1 in a multi-page document', () => {
    const zpl = renderZpl({ ...mixed(203), pages: [mixed(203).pages[0] as LayoutElement[], [{ type: 'text', x: 1, y: 1, width: 20, text: 'p2', size: 8 }]] });
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
    expect(zpl.match(/\^XZ/g)).toHaveLength(2);
    expect(zpl).toContain('^BCN,120,N,N,N,N^FD>;>800106141411234567897^FS');
    expect(zpl).toContain('^BEN,80,N,N^FD590123412345^FS');
    expect(zpl).toContain('^BY2,2,1^BQN,2,6^FDMA,Žluťoučký^FS');
    expect(zpl).toContain('^BXN,4,200^FDDM-123^FS');
    // Image as ^GF: 16×8 mm at 8 dots/mm = 128×64 dots, 16 bytes a row; left half black.
    const gf = /\^GFA,(\d+),(\d+),(\d+),([0-9A-F]+)\^FS/.exec(zpl);
    expect(gf?.slice(1, 4)).toEqual(['1024', '1024', '16']);
    expect(gf?.[4]?.slice(0, 32)).toBe('FFFFFFFFFFFFFFFF0000000000000000');
  });

  it('wraps long text itself and joins lines with \\& so the printer breaks where the PDF does', () => {
    const zpl = renderZpl({
      widthMm: 50, heightMm: 30, dpi: 203, medium: 'label',
      pages: [[{ type: 'text', x: 0, y: 0, width: 30, text: 'Náměstí Přemysla Otakara II. 87/25', size: 10, maxLines: 3 }]],
    });
    expect(zpl).toContain('^FO0,0^A0N,28,28^FB240,3,6,L,0^FDNáměstí\\&Přemysla\\&Otakara II. 87/25^FS');
  });

  it('rejects barcode data a symbology cannot carry', () => {
    const base = { widthMm: 50, heightMm: 30, dpi: 203 as const, medium: 'label' as const };
    expect(() => renderZpl({ ...base, pages: [[{ type: 'barcode', symbology: 'code128', data: 'Žluť', x: 0, y: 0, moduleMm: 0.25 }]] })).toThrow(/ASCII/);
    expect(() => renderZpl({ ...base, pages: [[{ type: 'barcode', symbology: 'gs1-128', data: '(01)12345678901234', x: 0, y: 0, moduleMm: 0.25 }]] })).toThrow(/check digit/);
  });
});

describe('PNG decoding for ^GF', () => {
  it('decodes RGBA with alpha onto white and thresholds to 1 bit MSB-first', () => {
    const png = makePng(10, 2, (x, y) => (y === 0 ? [0, 0, 0, x < 3 ? 255 : 0] : [200, 200, 200, 255]));
    const img = decodePng(png);
    expect([img.width, img.height]).toEqual([10, 2]);
    expect(img.gray[0]).toBe(0);
    expect(img.gray[5]).toBe(255);
    expect(img.gray[10]).toBe(200);
    const mono = toMonochrome(img, 10, 2);
    expect(mono.bytesPerRow).toBe(2);
    expect(Array.from(mono.data)).toEqual([0b11100000, 0, 0, 0]);
    expect(() => decodePng(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG/);
  });
});

/**
 * Top-left of each element in dots as a Zebra prints it, from the ZPL ^FO commands (one per
 * element); a QR code (^BQ) sits lower than its ^FO by the ^BY height before it.
 */
function zplOrigins(zpl: string): { x: number; y: number; font?: number }[] {
  return [...zpl.matchAll(/\^FO(\d+),(\d+)(\^A0N,(\d+))?(\^BY\d+,[\d.]+,(\d+)\^BQ)?/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]) + (m[5] ? Number(m[6]) : 0),
    ...(m[4] ? { font: Number(m[4]) } : {}),
  }));
}

describe.each([203, 300] as const)('same layout, same positions in ZPL, PDF and SVG at %i dpi', (dpi) => {
  it('places every element within one dot in all three outputs', async () => {
    const layout = mixed(dpi);
    const zpl = renderZpl(layout);
    const svg = renderSvg(layout);
    const pdf = await probePdf(await renderPdf(layout));
    const origins = zplOrigins(zpl);
    const els = layout.pages[0] as LayoutElement[];
    expect(origins).toHaveLength(els.length);
    const k = dpi / 72; // pt → dots
    const near = (a: number, b: number) => Math.abs(a - b) <= 1;

    els.forEach((el, i) => {
      const o = origins[i] as { x: number; y: number; font?: number };
      // ZPL agrees with the layout's millimetres.
      expect(o.x, `${el.id} x`).toBe(mmToDots(el.x, dpi));
      expect(o.y, `${el.id} y`).toBe(mmToDots(el.y, dpi));
      const id = el.id as string;
      const page = pdf[0]!;
      if (el.type === 'text') {
        const ascent = Math.round(TEXT_ASCENT * (o.font as number));
        // SVG: first <text> of the group; anchor x for left, right edge for right-aligned.
        const g = new RegExp(`data-id="${id}"[^>]*><text x="([\\d.]+)" y="([\\d.]+)"`).exec(svg);
        expect(g, id).not.toBeNull();
        const width = mmToDots(el.width, dpi);
        const anchor = el.align === 'right' ? o.x + width : o.x;
        expect(near(Number(g![1]), anchor), `${id} svg x`).toBe(true);
        expect(near(Number(g![2]) - ascent, o.y), `${id} svg y`).toBe(true);
        const t = page.texts.find((tt) => el.text.startsWith(tt.str) || tt.str.startsWith(el.text.slice(0, 5)));
        expect(t, `${id} pdf text`).toBeDefined();
        expect(near(t!.baseline * k - ascent, o.y), `${id} pdf y`).toBe(true);
        if (el.align !== 'right') expect(near(t!.x * k, o.x), `${id} pdf x`).toBe(true);
        else expect(t!.x * k).toBeGreaterThan(o.x);
      } else if (el.type === 'image') {
        const m = /data-type="image" data-id="logo" x="(\d+)" y="(\d+)"/.exec(svg);
        expect([Number(m![1]), Number(m![2])]).toEqual([o.x, o.y]);
        const img = page.images[0]!;
        expect(near(img.x * k, o.x) && near(img.y * k, o.y), 'pdf image').toBe(true);
      } else {
        if (el.type === 'barcode') {
          const m = new RegExp(`data-id="${id}" transform="translate\\((\\d+) (\\d+)\\)"`).exec(svg);
          expect([Number(m![1]), Number(m![2])], `${id} svg`).toEqual([o.x, o.y]);
        } else {
          const m = new RegExp(`data-id="${id}" fill-rule="evenodd" d="M(\\d+) (\\d+)`).exec(svg);
          expect([Number(m![1]), Number(m![2])], `${id} svg`).toEqual([o.x, o.y]);
        }
        // PDF: a filled rectangle whose top-left corner is this dot (first bar / top edge / cell).
        const hit = page.rects.some((r) => near(r.x * k, o.x) && near(r.y * k, o.y));
        expect(hit, `${id} pdf rect at ${o.x},${o.y}`).toBe(true);
      }
    });
  });
});

describe('PDF renderer', () => {
  it('keeps exact page sizes: 4×6 in label, A4 and Letter documents', async () => {
    const label = await probePdf(await renderPdf(layoutFor(samples.shipping!)));
    expect(label[0]!.widthPt).toBeCloseTo(288, 1);
    expect(label[0]!.heightPt).toBeCloseTo(432, 1);
    const a4 = await probePdf(await renderPdf(layoutFor(samples['command-sheet']!)));
    expect(a4[0]!.widthPt).toBeCloseTo(595.28, 1);
    expect(a4[0]!.heightPt).toBeCloseTo(841.89, 1);
    const letter = await probePdf(await renderPdf(layoutFor({ template: 'command-sheet', data: { paper: 'Letter' } })));
    expect([letter[0]!.widthPt, letter[0]!.heightPt].map(Math.round)).toEqual([612, 792]);
    const mm100 = await probePdf(await renderPdf(layoutFor({ template: 'test', data: { size: '100x150mm' } })));
    expect(mm100[0]!.widthPt).toBeCloseTo(283.46, 1);
  });

  it('embeds DejaVu Sans so Czech text comes back out of the PDF intact', async () => {
    const bytes = await renderPdf(layoutFor(samples.shipping!));
    const [page] = await probePdf(bytes);
    const text = page!.texts.map((t) => t.str).join('\n');
    expect(text).toContain('Jiří Dvořák');
    expect(text).toContain('Náměstí Přemysla Otakara II. 87/25');
    expect(text).toContain('370 01 České Budějovice');
    expect(text).toContain('2 / 3');
    expect(text).toContain('40123456789012345678');
    // The TrueType program itself is inside the file (FontFile2), not just referenced by name.
    const doc = await PDFDocument.load(bytes);
    const embedded = doc.context
      .enumerateIndirectObjects()
      .filter(([, obj]) => obj instanceof PDFDict && obj.get(PDFName.of('FontFile2')) !== undefined);
    expect(embedded.length).toBe(2); // regular + bold
  });

  it('shares the parsed font between PDFs without garbling text: plain letters after accented ones', async () => {
    const one = (text: string): LayoutInput => ({ widthMm: 100, heightMm: 20, dpi: 203, medium: 'label', pages: [[{ type: 'text', x: 2, y: 2, width: 96, text, size: 12 }]] });
    // č, ř, é are composite glyphs built on c, r, e: encoding them must not change how c, r, e read back.
    const texts = ['Příliš čřé ďábelské ódy', 'Dockside s.r.o. — cre', 'Příliš čřé ďábelské ódy'];
    for (const text of texts) {
      const [page] = await probePdf(await renderPdf(one(text)));
      expect(page!.texts.map((t) => t.str).join('')).toBe(text);
    }
  });

  it('flows a 40-item packing slip onto three A4 pages with a page footer', async () => {
    const pages = await probePdf(await renderPdf(layoutFor(samples['packing-slip']!)));
    expect(pages).toHaveLength(3);
    const all = pages.map((p) => p.texts.map((t) => t.str));
    expect(all[0]).toContain('Dodací list');
    expect(all[0]).toContain('Strana 1 / 3');
    expect(all[2]).toContain('Strana 3 / 3');
    // Every SKU appears exactly once across the pages, in order.
    const skus = all.flat().filter((s) => /^SKU-\d+$/.test(s));
    expect(skus).toEqual(Array.from({ length: 40 }, (_, i) => `SKU-${1000 + i}`));
    expect(all.flat()).toContain('Křehké — nepřeklápět. Děkujeme za nákup!');
  });
});

describe('SVG preview snapshots (one per template)', () => {
  it.each(Object.keys(samples))('%s', async (name) => {
    const svg = renderSvg(layoutFor(samples[name]!));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    await expect(svg).toMatchFileSnapshot(`__snapshots__/${name}.svg`);
  });
});
