// What a carrier's scanner and a packer depend on, checked on the resolved layout (the dots every
// renderer draws): linear symbols at or above the module floors with 10X quiet zones that nothing
// else intrudes on, inside the label (documents: inside a 5 mm printable-area margin); text never
// overlapping; the realistic long values from issue 8 printed in full.
import { describe, expect, it } from 'vitest';
import { layoutFor } from '../../../src-main/core/printing/templates';
import { parseLayout } from '../../../src-main/core/printing/layout/model';
import { lineOffset, resolveLayout, type RBarcode, type RElement, type ResolvedLayout } from '../../../src-main/core/printing/layout/resolve';
import { textWidth } from '../../../src-main/core/printing/layout/fonts';
import { mmToDots, ptToDots } from '../../../src-main/core/printing/layout/units';
import { barcodeGeometry, linearModules } from '../../../src-main/core/printing/barcode/geometry';
import { contentSymbols } from '../../../src-main/core/printing/templates/ssccLabel';
import { LabelFitError } from '../../../src-main/core/printing/templates/common';
import { preview } from '../../../src-main/core/printing/preview';
import { methods } from '../../../src-preload/contract';
import type { TemplateRequest } from '../../../src-main/core/printing/schemas';
import { LONG, longSamples, samples, shipToCompany } from './fixtures';

const badge: TemplateRequest = { template: 'badge', data: { name: 'Šárka Nováková', role: 'packer', stationName: 'Bench 3', code: 'BADGE:01J2ZK8Q4V7M3N5P6R8T0W2Y4A' } };
const shortBadge: TemplateRequest = { template: 'badge', data: { name: 'Jan Novák', role: 'agent', code: 'BADGE:42' } };

type Rect = { x0: number; y0: number; x1: number; y1: number; what: string };
const intersects = (a: Rect, b: Rect): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** What an element covers on the page: each text line as measured, a barcode's bars, a box's strokes. */
function rects(el: RElement, i: number): Rect[] {
  const what = el.id ?? `#${i}`;
  switch (el.type) {
    case 'text':
      return el.lines
        .map((l, n) => {
          const w = textWidth(l, el.font, el.bold ? 'bold' : 'regular');
          const x0 = el.x + lineOffset(el.align, el.width, w);
          return { x0, x1: x0 + w, y0: el.y + n * el.pitch, y1: el.y + n * el.pitch + el.font, what };
        })
        .filter((r) => r.x1 > r.x0);
    case 'barcode':
      return [{ ...symbolRect(el), what }];
    case 'image':
      return [{ x0: el.x, y0: el.y, x1: el.x + el.w, y1: el.y + el.h, what }];
    case 'box': {
      const { x, y, w, h, t } = el;
      if (el.fill) return [{ x0: x, y0: y, x1: x + w, y1: y + h, what }];
      return [
        { x0: x, y0: y, x1: x + w, y1: y + t, what },
        { x0: x, y0: y + h - t, x1: x + w, y1: y + h, what },
        { x0: x, y0: y, x1: x + t, y1: y + h, what },
        { x0: x + w - t, y0: y, x1: x + w, y1: y + h, what },
      ];
    }
  }
}

function symbolRect(b: RBarcode): { x0: number; y0: number; x1: number; y1: number } {
  const g = barcodeGeometry(b.symbology, b.data);
  if (g.kind === 'matrix') return { x0: b.x, y0: b.y, x1: b.x + g.cols * b.module, y1: b.y + g.rows * b.module };
  const w = (b.symbology === 'ean13' ? g.widthModules : linearModules(b.symbology, b.data)) * b.module;
  return { x0: b.x, y0: b.y, x1: b.x + w, y1: b.y + b.height };
}

const isLinear = (el: RElement): el is RBarcode => el.type === 'barcode' && (el.symbology === 'code128' || el.symbology === 'gs1-128');

function resolve(r: TemplateRequest): ResolvedLayout {
  return resolveLayout(parseLayout(layoutFor(r)));
}

const withDpi = (r: TemplateRequest, dpi: 203 | 300): TemplateRequest => ({ ...r, data: { ...r.data, dpi } }) as TemplateRequest;
const LABELS = new Set(['test', 'shipping', 'sscc', 'badge']);

// Values at the schema's maximum length: the label is still printed, with every symbol readable.
const MAX_ID = 'AFOSTO-2024-07-0000123456-RETURN-EXCH-01';
const maxSamples: Record<string, TemplateRequest> = {
  shipping: { ...longSamples.shipping, data: { ...longSamples.shipping!.data, orderNumber: MAX_ID } } as TemplateRequest,
  'packing-slip': { ...longSamples['packing-slip'], data: { ...longSamples['packing-slip']!.data, orderNumber: MAX_ID } } as TemplateRequest,
  'pick-list': { ...longSamples['pick-list'], data: { ...longSamples['pick-list']!.data, pickListId: MAX_ID } } as TemplateRequest,
};

const cases: [string, TemplateRequest][] = [];
for (const [set, group] of [['sample', { ...samples, badge, shortBadge }], ['long', longSamples], ['max', maxSamples]] as const) {
  for (const [name, r] of Object.entries(group)) {
    if (LABELS.has(r.template)) {
      for (const dpi of [203, 300] as const) {
        for (const size of ['4x6in', '100x150mm'] as const) cases.push([`${set} ${name} ${size} @${dpi}`, { ...r, data: { ...r.data, dpi, size } } as TemplateRequest]);
      }
    }
    else for (const paper of ['A4', 'Letter'] as const) cases.push([`${set} ${name} ${paper}`, { ...r, data: { ...r.data, paper } } as TemplateRequest]);
  }
}

describe.each(cases)('%s', (_name, request) => {
  const r = resolve(request);
  const floor = (mm: number): number => Math.ceil((mm * r.dpi) / 25.4 - 1e-9);
  // Labels: the quiet zone may reach the label's edge; documents: not into the 5 mm an office printer cannot print.
  const edge = r.medium === 'label' ? 0 : mmToDots(5, r.dpi);

  it('every linear symbol has whole-dot modules at or above the floor, and 10X quiet zones free and on the page', () => {
    r.pages.forEach((page) => {
      const all = page.flatMap(rects);
      for (const b of page.filter(isLinear)) {
        expect(b.module, `${b.id} module`).toBeGreaterThanOrEqual(floor(0.25));
        const s = symbolRect(b);
        const zone = { x0: s.x0 - 10 * b.module, x1: s.x1 + 10 * b.module, y0: s.y0, y1: s.y1, what: `${b.id} + quiet zones` };
        expect(zone.x0, `${b.id} left quiet zone`).toBeGreaterThanOrEqual(edge);
        expect(zone.x1, `${b.id} right quiet zone`).toBeLessThanOrEqual(r.widthDots - edge);
        expect(zone.y0).toBeGreaterThanOrEqual(edge);
        expect(zone.y1).toBeLessThanOrEqual(r.heightDots - edge);
        const intruders = all.filter((o) => o.what !== (b.id ?? '') && intersects(zone, o) && !(o.x0 === s.x0 && o.y0 === s.y0));
        expect(intruders.map((o) => o.what), `${b.id} quiet zone`).toEqual([]);
      }
    });
  });

  it('no two elements overlap', () => {
    r.pages.forEach((page) => {
      // The test label's ruler ticks hang from its frame by design.
      const ticks = new Set(page.flatMap((e, i) => (request.template === 'test' && e.type === 'box' && e.fill && !e.id ? [`#${i}`] : [])));
      const all = page.flatMap(rects);
      const clashes: string[] = [];
      for (let a = 0; a < all.length; a++) {
        for (let c = a + 1; c < all.length; c++) {
          const [p, q] = [all[a] as Rect, all[c] as Rect];
          if (p.what !== q.what && intersects(p, q) && !(ticks.has(q.what) && p.what === 'frame')) clashes.push(`${p.what} × ${q.what}`);
        }
      }
      expect(clashes).toEqual([]);
    });
  });

  if (request.template === 'sscc') {
    it('the SSCC symbol is the lowest, X ≥ 0.495 mm (whole dots) and bars ≥ 31.75 mm', () => {
      const codes = (r.pages[0] ?? []).filter(isLinear);
      const sscc = codes.find((b) => b.id === 'ssccBarcode') as RBarcode;
      expect(sscc.data).toBe('(00)106141411234567897');
      expect(sscc.module).toBeGreaterThanOrEqual(floor(0.495));
      expect((sscc.height * 25.4) / r.dpi).toBeGreaterThanOrEqual(31.75);
      for (const b of codes) if (b !== sscc) expect(b.y + b.height).toBeLessThan(sscc.y);
    });
  }
});

const allText = (r: ResolvedLayout): string =>
  r.pages
    .flat()
    .flatMap((e) => (e.type === 'text' ? e.lines : []))
    .join('')
    .replace(/\s+/g, '');
const textOf = (r: ResolvedLayout, id: string): string => {
  const el = r.pages.flat().find((e) => e.id === id);
  return el?.type === 'text' ? el.lines.join(' ') : '';
};

describe('shipping label with the long values of issue 8', () => {
  it.each([203, 300] as const)('prints every field the carrier needs in full, at ≥ 7 pt, nothing cut (%i dpi)', (dpi) => {
    const r = resolve(withDpi(longSamples.shipping!, dpi));
    expect(r.truncated).toEqual([]);
    const text = allText(r);
    const a = shipToCompany;
    for (const v of [a.name, a.company, ...a.lines, `${a.postalCode} ${a.city}`, a.country, a.phone, LONG.orderNumber, LONG.carrier, '06505016735917']) {
      expect(text).toContain(v.replace(/\s+/g, ''));
    }
    expect(textOf(r, 'orderNumber')).toBe(LONG.orderNumber);
    expect(textOf(r, 'carrier').replace(/\s+/g, ' ')).toBe(LONG.carrier);
    for (const el of r.pages.flat()) if (el.type === 'text') expect(el.font, el.id).toBeGreaterThanOrEqual(ptToDots(6, dpi));
    for (const id of ['orderNumber', 'carrier', 'shipTo', 'shipToName', 'trackingText']) {
      const el = r.pages.flat().find((e) => e.id === id);
      expect(el?.type === 'text' && el.font >= ptToDots(7, dpi), id).toBe(true);
    }
  });

  it('reports what had to be cut: an absurd name is in the preview’s truncated list', () => {
    const absurd = 'Hubert Blaine Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeitbeschutzenvonangreifendurchihrraubgierigfeinde';
    const r = longSamples.shipping as Extract<TemplateRequest, { template: 'shipping' }>;
    const shown = preview(methods['printing.preview'].input.parse({ ...r, data: { ...r.data, shipTo: { ...r.data.shipTo, name: absurd } } }));
    expect(shown.truncated).toEqual([{ elementId: 'shipToName', text: absurd }]);
    expect(preview(methods['printing.preview'].input.parse(r)).truncated).toEqual([]);
  });

  it('refuses a tracking number no readable Code 128 of fits, with a coded error on the field', () => {
    const r = longSamples.shipping as Extract<TemplateRequest, { template: 'shipping' }>;
    const run = () => preview(methods['printing.preview'].input.parse({ ...r, data: { ...r.data, trackingNumber: LONG.tracking48 } }));
    expect(run).toThrowError(expect.objectContaining({ code: 'VALIDATION', details: [expect.objectContaining({ path: 'data.trackingNumber', message: expect.stringMatching(/^barcode_too_long: /) })] }));
    // Printing lays out through layoutFor: refused the same way, nothing is rendered or queued.
    expect(() => layoutFor({ ...r, data: { ...r.data, trackingNumber: LONG.tracking48 } })).toThrowError(LabelFitError);
  });
});

describe('pick list with the long values of issue 8', () => {
  it.each(['A4', 'Letter'] as const)('keeps the list id in the title and prints locations and SKUs in full (%s)', (paper) => {
    const r = resolve({ ...longSamples['pick-list'], data: { ...longSamples['pick-list']!.data, paper } } as TemplateRequest);
    expect(r.truncated).toEqual([]);
    expect(textOf(r, 'title').replace(/\s+/g, '')).toContain(LONG.pickListId);
    expect(textOf(r, 'loc-0').replace(/\s+/g, '')).toBe(LONG.location);
    expect(textOf(r, 'sku-0').replace(/\s+/g, '')).toBe(LONG.sku);
    const list = r.pages[0]?.find((e) => e.id === 'listBarcode');
    expect(list?.type === 'barcode' && list.data).toBe(LONG.pickListId);
    const sku = r.pages[0]?.find((e) => e.id === 'skuBarcode-0');
    expect(sku?.type === 'barcode' && sku.data).toBe(LONG.sku);
  });
});

describe('values at the schema maximum', () => {
  it('a 40-character order number costs the shipping label its order barcode, never the label or the text', () => {
    for (const dpi of [203, 300] as const) {
      const r = resolve(withDpi(maxSamples.shipping!, dpi));
      expect(r.truncated).toEqual([]);
      expect(textOf(r, 'orderNumber').replace(/\s+/g, '')).toBe(MAX_ID);
      expect(r.pages[0]!.some((e) => e.id === 'orderBarcode')).toBe(false);
      expect(r.pages[0]!.some((e) => e.id === 'tracking')).toBe(true);
    }
  });

  it('a 40-character pick-list id gets its barcode on a full-width row under the title', () => {
    const r = resolve(maxSamples['pick-list']!);
    expect(r.truncated).toEqual([]);
    expect(textOf(r, 'title').replace(/\s+/g, '')).toContain(MAX_ID);
    const bc = r.pages[0]!.find((e) => e.id === 'listBarcode');
    expect(bc?.type === 'barcode' && bc.data).toBe(MAX_ID);
  });
});

describe('packing slip with the long values of issue 8', () => {
  it.each(['A4', 'Letter'] as const)('prints the order number and the long SKU in full (%s)', (paper) => {
    const r = resolve({ ...longSamples['packing-slip'], data: { ...longSamples['packing-slip']!.data, paper } } as TemplateRequest);
    expect(r.truncated).toEqual([]);
    expect(allText(r)).toContain(LONG.orderNumber);
    expect(allText(r)).toContain(LONG.sku);
  });
});

describe('SSCC label (GS1 Logistic Label Guideline)', () => {
  it('titles data in English with Czech beside it, values at 7 mm', () => {
    const r = resolve({ ...longSamples.sscc, data: { ...longSamples.sscc!.data, lang: 'cs' } } as TemplateRequest);
    expect(r.truncated).toEqual([]);
    const lines = r.pages.flat().flatMap((e) => (e.type === 'text' ? e.lines : []));
    for (const t of ['SSCC', 'CONTENT / OBSAH', 'COUNT / POČET', 'BATCH/LOT / ŠARŽE', 'BEST BEFORE / MIN. TRVANLIVOST', 'GROSS WEIGHT (kg) / HMOTNOST BRUTTO (kg)']) {
      expect(lines).toContain(t);
    }
    const sscc = r.pages.flat().find((e) => e.id === 'ssccText');
    expect(sscc?.type === 'text' && sscc.font).toBe(mmToDots(7, r.dpi));
    expect(textOf(r, 'batch')).toBe(LONG.batch);
  });

  it.each([203, 300] as const)('splits content over GS1-128 symbols that together carry every element once (%i dpi)', (dpi) => {
    const r = resolve(withDpi(longSamples.sscc!, dpi));
    const content = r.pages.flat().filter((e): e is RBarcode => isLinear(e) && e.id !== 'ssccBarcode');
    expect(content.length).toBe(2);
    expect(content.map((b) => b.data).join('')).toBe('(02)09506000134352(37)2400(15)250630(3302)081250(10)B24-0715-XK');
    for (const b of content) {
      // Each symbol has its own human-readable line.
      expect(textOf(r, `${b.id}Hri`)).toBe(b.data);
    }
  });

  it('refuses content that no readable symbol can carry, naming the field', () => {
    const batch = [{ ai: '10', value: 'ABCDEFGHIJKLMNOPQRST' }];
    // 20 alphanumerics need ~77 mm at 0.25 mm bars; a 60 mm band cannot hold them readable.
    expect(() => contentSymbols(batch, 2, { x: 0, width: 60 }, 203)).toThrowError(expect.objectContaining({ field: 'batch', reason: 'barcode_too_long', code: 'VALIDATION' }));
    expect(contentSymbols(batch, 2, { x: 0, width: 90 }, 203).groups).toEqual([batch]);
    expect(new LabelFitError('batch', 'x').details).toEqual([{ path: 'data.batch', message: 'barcode_too_long: x' }]);
  });
});
