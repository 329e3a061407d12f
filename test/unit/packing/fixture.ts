// A packing bench on a real core: a shipment as the Afosto pull leaves it (order, lines, one
// shipment_units row per unit with its remote id), products with barcodes, a packer and a
// supervisor, and printers — a fake Zebra on a loopback port for labels, a folder for slips.
import path from 'node:path';
import type { Core } from '../../../src-main/core/app';
import { newId } from '../../../src-main/core/util/ids';
import { FakeZebra } from '../printing/fakeZebra';

export const PACKER_PIN = '1111';
export const SUPERVISOR_PIN = '999999';

export interface Product {
  sku: string;
  name: string;
  ean: string;
}

/** Valid EAN-13s (check digits computed) so the scanner vocabulary reads them as retail codes. */
export const MUG: Product = { sku: 'MUG-01', name: 'Enamel mug', ean: '8594001000012' };
export const TEA: Product = { sku: 'TEA-02', name: 'Green tea 100 g', ean: '8594001000029' };
export const PEN: Product = { sku: 'PEN-03', name: 'Fountain pen', ean: '8594001000036' };

export function addProduct(core: Core, p: Product): string {
  const id = newId();
  core.db.prepare(`INSERT INTO products (id, sku, name, image_url, remote_id, updated_at) VALUES (?, ?, ?, ?, ?, 0)`).run(id, p.sku, p.name, `https://img.example/${p.sku}.png`, p.sku);
  core.db.prepare(`INSERT INTO product_barcodes (code, product_id, kind) VALUES (?, ?, 'ean13')`).run(p.ean, id);
  return id;
}

export interface SeededShipment {
  orderId: string;
  orderNumber: string;
  shipmentId: string;
  remoteId: string;
  units: { id: string; sku: string }[];
}

/** An order with lines [product, quantity] and its one shipment with a unit per piece. */
export function addShipment(core: Core, orderNumber: string, lines: [Product, number][]): SeededShipment {
  const orderId = newId();
  core.db.prepare(`INSERT INTO orders (id, number, remote_id, status, customer_name, ship_to, updated_at) VALUES (?, ?, ?, 'confirmed', ?, ?, 0)`).run(
    orderId,
    orderNumber,
    `odr-${orderNumber}`,
    'Karel Novák',
    JSON.stringify({ name: 'Karel Novák', lines: ['Dlouhá 12'], postalCode: '110 00', city: 'Praha', country: 'CZ' }),
  );
  const shipmentId = newId();
  const remoteId = `shp-${orderNumber}`;
  core.db.prepare(`INSERT INTO shipments (id, order_id, remote_id, status, carrier, method, created_at, updated_at) VALUES (?, ?, ?, 'picked', 'PPL', 'PPL Parcel', 0, 0)`).run(shipmentId, orderId, remoteId);
  const units: { id: string; sku: string }[] = [];
  lines.forEach(([p, qty], k) => {
    const productId = (core.db.prepare(`SELECT id FROM products WHERE sku = ?`).get(p.sku) as { id: string } | undefined)?.id ?? addProduct(core, p);
    const lineId = newId();
    core.db.prepare(`INSERT INTO order_lines (id, order_id, line_no, product_id, sku, name, quantity) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(lineId, orderId, k + 1, productId, p.sku, p.name, qty);
    for (let i = 0; i < qty; i++) {
      const id = newId();
      core.db.prepare(`INSERT INTO shipment_units (id, shipment_id, order_line_id, product_id, quantity, remote_id) VALUES (?, ?, ?, ?, 1, ?)`).run(id, shipmentId, lineId, productId, `unit-${orderNumber}-${p.sku}-${i}`);
      units.push({ id, sku: p.sku });
    }
  });
  return { orderId, orderNumber, shipmentId, remoteId, units };
}

/** Supervisor + packer, the packer signed in; returns their ids. */
export async function addPeople(core: Core): Promise<{ supervisor: string; packer: string }> {
  const s = await core.station.setup({ stationName: 'Bench 1', name: 'Jana Svobodová', pin: SUPERVISOR_PIN });
  const supervisor = s.currentUser!.id;
  const packer = (await core.station.createUser({ name: 'Petra Nováková', role: 'packer', pin: PACKER_PIN }, supervisor)).id;
  await core.station.signIn({ pin: PACKER_PIN });
  return { supervisor, packer };
}

/** A fake Zebra as the label printer and a folder as the slip printer (PDF). */
export async function addPrinters(core: Core, dir: string): Promise<FakeZebra> {
  const zebra = await new FakeZebra().start();
  const stationId = core.station.state().stationId;
  const label = core.printing.printers.save({ name: 'Zebra', uri: zebra.uri, options: { formats: ['zpl'] } });
  const slip = core.printing.printers.save({ name: 'Pages', uri: `dir:${path.join(dir, 'slips')}`, options: { formats: ['pdf'] } });
  core.printing.printers.assign({ stationId, role: 'label', printerId: label.id });
  core.printing.printers.assign({ stationId, role: 'slip', printerId: slip.id });
  return zebra;
}

/** ^XA…^XZ label formats in what a printer received. */
export const labelsIn = (zpl: string): string[] => zpl.match(/\^XA[\s\S]*?\^XZ/g) ?? [];
