// Sample template data shared by the tests, the snapshot renders and the benchmark.
import type { TemplateRequest } from '../../../src-main/core/printing/schemas';

export const shipFrom = {
  name: 'Dockside Fulfilment',
  company: 'Dockside s.r.o.',
  lines: ['Skladová 12'],
  postalCode: '602 00',
  city: 'Brno',
  country: 'Česká republika',
};

export const shipTo = {
  name: 'Jiří Dvořák',
  lines: ['Náměstí Přemysla Otakara II. 87/25', 'Byt č. 4, 3. patro'],
  postalCode: '370 01',
  city: 'České Budějovice',
  country: 'Česká republika',
  phone: '+420 777 123 456',
};

export const items = Array.from({ length: 40 }, (_, i) => ({
  sku: `SKU-${String(1000 + i)}`,
  description:
    i % 3 === 0
      ? `Keramický hrnek modrý, ručně malovaný, objem 350 ml — položka ${i + 1} s dlouhým popisem, který se zalomí`
      : `Žluťoučký kůň ${i + 1}`,
  quantity: (i % 4) + 1,
  quantityOrdered: (i % 4) + 1,
}));

export const samples: Record<string, TemplateRequest> = {
  test: { template: 'test', data: { printerName: 'Zebra ZD421 bench 3', stationId: 'st-01', printedAt: '2024-03-05 13:41' } },
  shipping: {
    template: 'shipping',
    data: {
      orderNumber: 'ORD-2024-000981',
      parcel: { index: 2, count: 3 },
      weightKg: 2.35,
      carrier: 'PPL',
      method: 'Parcel Connect — doručení do 24 h',
      trackingNumber: '40123456789012345678',
      shipFrom,
      shipTo,
      reference: 'pa-5 · st-01',
    },
  },
  sscc: {
    template: 'sscc',
    data: {
      sscc: '106141411234567897',
      shipFrom,
      shipTo,
      orderNumber: 'ORD-2024-000981',
      contentGtin: '09506000134352',
      count: 24,
      batch: 'ABC123',
      bestBefore: '2025-06-30',
      grossWeightKg: 12.5,
    },
  },
  'packing-slip': {
    template: 'packing-slip',
    data: {
      orderNumber: 'ORD-2024-000981',
      orderDate: '2024-03-05',
      shipFrom,
      shipTo,
      items,
      note: 'Křehké — nepřeklápět. Děkujeme za nákup!',
      lang: 'cs',
    },
  },
  'pick-list': {
    template: 'pick-list',
    data: {
      pickListId: 'PL-000123',
      createdAt: '2024-03-05 08:00',
      picker: 'Šárka Nováková',
      lines: items.slice(0, 18).map((it, i) => ({
        location: `A-${String(i + 1).padStart(2, '0')}-${(i % 4) + 1}`,
        sku: it.sku,
        description: it.description,
        quantity: it.quantity,
      })),
    },
  },
  'command-sheet': { template: 'command-sheet', data: { lang: 'cs' } },
};

// Realistic long values from issue 8 (what an independent check of printed labels found cut or shrunk).
export const LONG = {
  sku: 'ACME-WIDGET-PRO-2024-BLACK-XXL-RIGHT-V2',
  pickListId: 'PL-2024-07-15-0042',
  location: 'MEZZANINE-NORTH-14-RACK-07-LEVEL-3',
  orderNumber: 'AFOSTO-2024-07-0000123456',
  carrier: 'GLS Czech Republic',
  batch: 'B24-0715-XK',
  /** Alphanumeric, schema maximum: no readable Code 128 of it fits across a 4-inch label. */
  tracking48: 'JJD0099999999ABCDEFGHIJKLMNOPQRSTUVWXYZ012345678',
} as const;

export const shipToCompany = {
  name: 'Ing. Kateřina Procházková-Svobodová',
  company: 'Procházka & Svoboda Elektro s.r.o.',
  lines: ['Průmyslová zóna Sever, hala C3', 'Třída Tomáše Bati 1234/56'],
  postalCode: '760 01',
  city: 'Zlín',
  country: 'Česká republika',
  phone: '+420 777 123 456',
};

export const longSamples: Record<string, TemplateRequest> = {
  shipping: {
    template: 'shipping',
    data: {
      orderNumber: LONG.orderNumber,
      parcel: { index: 12, count: 12 },
      weightKg: 1234.5,
      carrier: LONG.carrier,
      method: 'Parcel Connect — doručení do 24 h, Business Parcel Plus',
      trackingNumber: '06505016735917',
      shipFrom,
      shipTo: shipToCompany,
      reference: 'pa-5 · st-01',
    },
  },
  sscc: {
    template: 'sscc',
    data: {
      sscc: '106141411234567897',
      shipFrom,
      shipTo: shipToCompany,
      orderNumber: LONG.orderNumber,
      carrier: LONG.carrier,
      contentGtin: '09506000134352',
      count: 2400,
      batch: LONG.batch,
      bestBefore: '2025-06-30',
      grossWeightKg: 812.5,
    },
  },
  'packing-slip': {
    template: 'packing-slip',
    data: {
      orderNumber: LONG.orderNumber,
      orderDate: '2024-07-15',
      shipFrom,
      shipTo: shipToCompany,
      items: [{ sku: LONG.sku, description: items[0]!.description, quantity: 2, quantityOrdered: 3 }, ...items.slice(1, 30)],
      note: 'Křehké — nepřeklápět. Děkujeme za nákup!',
      lang: 'cs',
    },
  },
  'pick-list': {
    template: 'pick-list',
    data: {
      pickListId: LONG.pickListId,
      createdAt: '2024-07-15 08:00',
      picker: 'Šárka Nováková',
      lines: [
        { location: LONG.location, sku: LONG.sku, description: items[0]!.description, quantity: 2 },
        { location: 'A-01-1', sku: 'SKU-1001', description: 'Žluťoučký kůň', quantity: 1 },
        ...items.slice(2, 22).map((it, i) => ({ location: i % 5 === 0 ? LONG.location : `B-${String(i + 1).padStart(2, '0')}-2`, sku: i % 4 === 0 ? LONG.sku : it.sku, description: it.description, quantity: it.quantity })),
      ],
    },
  },
};
