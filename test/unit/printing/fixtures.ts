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
