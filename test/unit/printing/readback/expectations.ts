// What each template must carry, written by hand from the fixtures (never computed by our own
// encoders): the exact data a scanner transmits per symbol, and the physical floors it must meet.
// Also the realistic long values from issue 8, which must render without any cut field.
import type { TemplateRequest } from '../../../../src-main/core/printing/schemas';
import { samples, shipFrom } from '../fixtures';

const GS = '\x1d';

export type Expected =
  | { kind: 'code128'; data: string }
  | { kind: 'ean13'; data: string }
  | { kind: 'qr'; data: string }
  | { kind: 'datamatrix'; data: string }
  /**
   * GS1-128: the element string as a scanner sends it after ]C1 (GS after a variable-length
   * element that is not last) and ZXing's "(AI)value" text. `content` marks the logistic label's
   * content symbol, which may be split into two GS1-128 symbols when it does not fit (issue 8.2):
   * then the two together must carry exactly these elements.
   */
  | { kind: 'gs1'; raw: string; hri: string; sscc?: true; content?: true };

export interface Floors {
  xMm: number;
  heightMm?: number;
  quietLeftX: number;
  quietRightX: number;
}

/** Issue 8.2: Code 128 X ≥ 0.25 mm (2 dots at 203 dpi) everywhere; the SSCC symbol X ≥ 0.495 mm and 31.75 mm tall. */
export const CODE128_FLOORS: Floors = { xMm: 0.25, quietLeftX: 10, quietRightX: 10 };
export const SSCC_FLOORS: Floors = { xMm: 0.495, heightMm: 31.75, quietLeftX: 10, quietRightX: 10 };
/** EAN-13 at its smallest allowed magnification (80 %: X = 0.264 mm), 11X left and 7X right light margins. */
export const EAN13_FLOORS: Floors = { xMm: 0.264, quietLeftX: 11, quietRightX: 7 };

export function floorsFor(e: Expected): Floors | undefined {
  if (e.kind === 'gs1') return e.sscc ? SSCC_FLOORS : CODE128_FLOORS;
  if (e.kind === 'code128') return CODE128_FLOORS;
  if (e.kind === 'ean13') return EAN13_FLOORS;
  return undefined;
}

/** AIM identifier a symbol must report. */
export function aimOf(e: Expected): string {
  return { code128: ']C0', gs1: ']C1', ean13: ']E0', qr: ']Q1', datamatrix: ']d1' }[e.kind];
}

export function describe(e: Expected): string {
  if (e.kind === 'gs1') return `GS1-128 ${e.hri}`;
  return `${e.kind} "${e.data}"`;
}

// ---- realistic long values (issue 8) -----------------------------------------------------------

export const LONG = {
  sku: 'ACME-WIDGET-PRO-2024-BLACK-XXL-RIGHT-V2',
  pickListId: 'PL-2024-07-15-0042',
  location: 'MEZZANINE-NORTH-14-RACK-03-SHELF-B',
  order: 'AFOSTO-2024-07-0000123456',
  carrier: 'GLS Czech Republic',
  // A long GLS-style parcel id. The schema's 48-character maximum of mixed text cannot be a
  // readable Code 128 on a 4-inch label (104.6 mm at X = 0.25 mm): the template refuses it with a
  // clear error instead (test/unit/printing/templateFit.test.ts), as issue 8 allows.
  tracking: 'JJD000390001234567890123456789',
  batch: 'LOT-2024-07-AB12',
  shipTo: {
    name: 'Ing. Jana Nováková-Dvořáková, odd. nákupu',
    company: 'Stavebniny Novák a synové s.r.o.',
    lines: ['Průmyslová zóna Jih, hala C3', 'Areál bývalého cukrovaru, vchod 2'],
    postalCode: '370 01',
    city: 'České Budějovice',
    country: 'Česká republika',
    phone: '+420 777 123 456',
  },
} as const;

const longDescription = 'Pravý držák pro ACME Widget Pro, černý, velikost XXL, včetně montážní sady a návodu v češtině a slovenštině';

export interface Case {
  name: string;
  request: TemplateRequest;
  symbols: Expected[];
  /** Values that must be readable in full in the output's text (no cut, no dropped field). */
  fullText?: string[];
}

const withDpi = (r: TemplateRequest, dpi: 203 | 300): TemplateRequest => ({ ...r, data: { ...r.data, dpi } }) as TemplateRequest;

/** Label cases (ZPL at both resolutions, PDF and SVG). */
export function labelCases(dpi: 203 | 300): Case[] {
  return [
    {
      name: 'test',
      request: withDpi(samples.test as TemplateRequest, dpi),
      symbols: [
        { kind: 'code128', data: 'DOCKSIDE-TEST-128' },
        { kind: 'gs1', raw: '010950600013435210ABC123', hri: '(01)09506000134352(10)ABC123' },
        { kind: 'ean13', data: '5901234123457' },
        { kind: 'qr', data: 'DOCKSIDE TEST Zebra ZD421 bench 3' },
        { kind: 'datamatrix', data: 'DOCKSIDE' },
      ],
    },
    {
      name: 'shipping',
      request: withDpi(samples.shipping as TemplateRequest, dpi),
      symbols: [
        { kind: 'code128', data: 'ORD-2024-000981' },
        { kind: 'code128', data: '40123456789012345678' },
      ],
    },
    {
      name: 'shipping (long values)',
      request: {
        template: 'shipping',
        data: {
          dpi,
          orderNumber: LONG.order,
          parcel: { index: 1, count: 2 },
          weightKg: 18.4,
          carrier: LONG.carrier,
          method: 'BusinessParcel',
          trackingNumber: LONG.tracking,
          shipFrom,
          shipTo: { ...LONG.shipTo, lines: [...LONG.shipTo.lines] },
        },
      },
      symbols: [
        { kind: 'code128', data: LONG.order },
        { kind: 'code128', data: LONG.tracking },
      ],
      fullText: [LONG.order, LONG.carrier, LONG.tracking, LONG.shipTo.name, LONG.shipTo.company, ...LONG.shipTo.lines, '370 01 České Budějovice', LONG.shipTo.phone],
    },
    {
      name: 'sscc',
      request: withDpi(samples.sscc as TemplateRequest, dpi),
      symbols: [
        { kind: 'gs1', content: true, raw: `02095060001343521525063033020012503724${GS}10ABC123`, hri: '(02)09506000134352(15)250630(3302)001250(37)24(10)ABC123' },
        { kind: 'gs1', sscc: true, raw: '00106141411234567897', hri: '(00)106141411234567897' },
      ],
    },
    {
      name: 'sscc (alphanumeric batch)',
      request: withDpi({ ...samples.sscc, data: { ...(samples.sscc as { data: object }).data, batch: LONG.batch } } as TemplateRequest, dpi),
      symbols: [
        { kind: 'gs1', content: true, raw: `02095060001343521525063033020012503724${GS}10${LONG.batch}`, hri: `(02)09506000134352(15)250630(3302)001250(37)24(10)${LONG.batch}` },
        { kind: 'gs1', sscc: true, raw: '00106141411234567897', hri: '(00)106141411234567897' },
      ],
      fullText: ['106141411234567897', LONG.batch, '09506000134352'],
    },
    {
      name: 'badge',
      // A station badge code is 32 characters: as Code 128 at X = 0.25 mm it would need ~102 mm, so the
      // badge carries it as a QR code only (an imager reads it; the label never shrinks bars below the floor).
      request: { template: 'badge', data: { dpi, name: 'Šárka Nováková', role: 'packer', stationName: 'Bench 3', code: 'BADGE:QJ2Z7K4M3NXP5R6S7TAVWEBCDE' } },
      symbols: [{ kind: 'qr', data: 'BADGE:QJ2Z7K4M3NXP5R6S7TAVWEBCDE' }],
    },
  ];
}

const skus = (from: number, to: number): Expected[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ kind: 'code128', data: `SKU-${from + i}` }) as const);

/** Document cases (A4 PDF and SVG, 300 dpi grid). */
export const documentCases: Case[] = [
  {
    name: 'packing-slip',
    request: samples['packing-slip'] as TemplateRequest,
    // The order barcode heads every page.
    symbols: [{ kind: 'code128', data: 'ORD-2024-000981' }],
  },
  {
    name: 'packing-slip (long values)',
    request: {
      template: 'packing-slip',
      data: {
        orderNumber: LONG.order,
        orderDate: '2024-07-15',
        shipFrom,
        shipTo: { ...LONG.shipTo, lines: [...LONG.shipTo.lines] },
        items: [
          { sku: LONG.sku, description: longDescription, quantity: 2 },
          { sku: 'SKU-1001', description: 'Žluťoučký kůň', quantity: 1 },
        ],
      },
    },
    symbols: [{ kind: 'code128', data: LONG.order }],
    fullText: [LONG.order, LONG.sku, LONG.shipTo.company, ...LONG.shipTo.lines, LONG.shipTo.phone],
  },
  {
    name: 'pick-list',
    request: samples['pick-list'] as TemplateRequest,
    symbols: [{ kind: 'code128', data: 'PL-000123' }, ...skus(1000, 1017)],
  },
  {
    name: 'pick-list (long values)',
    request: {
      template: 'pick-list',
      data: {
        pickListId: LONG.pickListId,
        createdAt: '2024-07-15 06:30',
        picker: 'Šárka Nováková',
        lines: [
          { location: LONG.location, sku: LONG.sku, description: longDescription, quantity: 12 },
          { location: 'A-01-1', sku: 'SKU-1001', description: 'Žluťoučký kůň', quantity: 1 },
          { location: 'B-14-3', sku: 'SKU-1002', description: 'Keramický hrnek modrý', quantity: 4 },
        ],
      },
    },
    symbols: [
      { kind: 'code128', data: LONG.pickListId },
      { kind: 'code128', data: LONG.sku },
      { kind: 'code128', data: 'SKU-1001' },
      { kind: 'code128', data: 'SKU-1002' },
    ],
    fullText: [LONG.pickListId, LONG.location, LONG.sku],
  },
  {
    name: 'command-sheet',
    request: samples['command-sheet'] as TemplateRequest,
    symbols: ['NEXT', 'UNDO', 'SHORT', 'DONE', 'CANCEL', 'REPRINT', 'NEWPARCEL', 'SKIP'].map((c) => ({ kind: 'code128', data: `CMD:${c}` }) as const),
  },
];
