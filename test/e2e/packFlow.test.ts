// Issue 10, point 8: a two-parcel pack in web mode in Chromium, against the Afosto simulator in
// process (demo data through the real pull), driven by simulated scanner bursts: the packer's
// badge, CMD:PACK, the order number, box barcodes, items (one of them wrong), CMD:DONE refused
// until a supervisor overrides (their badge scanned into the dialog, the reason typed), the scale
// (a fake MT-SICS scale on loopback; F7 takes its weight, as the Pack screen offers, no scan code
// exists for it) and CMD:REPRINT. The station is offline while packing, so the labels are
// Dockside's own ZPL. Asserted: the screen, the station's SQLite file (read-only), the outbox, the
// exact ZPL a fake Zebra on loopback received, and, once back online and synced, the simulator.
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { afostoOps, arrangeBench, barcodeOf, pushAll, shooter, simAfosto, type Bench } from './flowBench';
import { closeFlowBrowser, labelsOf, startFlowStation, type FlowStation } from './flowStation';
import { scannerFor, type Scanner } from './scanner';

let st: FlowStation | undefined;
let bench: Bench | undefined;
afterEach(async () => {
  await bench?.scale.stop();
  await st?.close();
  st = undefined;
  bench = undefined;
});
afterAll(closeFlowBrowser);

interface Target {
  shipmentId: string;
  orderNumber: string;
  lines: { sku: string; barcode: string; unitId: string }[];
  stranger: string;
}

/** An open shipment of three units of three products, and a product that is not in it. */
function pickShipment(db: BetterSqlite3.Database): Target {
  const s = db
    .prepare(
      `SELECT s.id, o.number FROM shipments s JOIN orders o ON o.id = s.order_id JOIN shipment_units u ON u.shipment_id = s.id
        WHERE s.status IN ('open', 'listed', 'picked') AND NOT EXISTS (SELECT 1 FROM parcels p WHERE p.shipment_id = s.id)
        GROUP BY s.id HAVING COUNT(u.id) = 3 AND COUNT(DISTINCT u.product_id) = 3 ORDER BY o.number LIMIT 1`,
    )
    .get() as { id: string; number: string };
  const units = db.prepare(`SELECT u.id, p.sku FROM shipment_units u JOIN products p ON p.id = u.product_id WHERE u.shipment_id = ? ORDER BY p.sku`).all(s.id) as { id: string; sku: string }[];
  // A product of another order (the one a packer grabs from the next tote), with an ordinary SKU.
  const stranger = db
    .prepare(`SELECT p.sku FROM products p WHERE p.sku GLOB '[A-Z][A-Z][A-Z]-[0-9]*' AND p.id NOT IN (SELECT product_id FROM shipment_units WHERE shipment_id = ?) ORDER BY p.sku LIMIT 1`)
    .get(s.id) as { sku: string };
  return { shipmentId: s.id, orderNumber: s.number, lines: units.map((u) => ({ sku: u.sku, barcode: barcodeOf(db, u.sku), unitId: u.id })), stranger: barcodeOf(db, stranger.sku) };
}

const feedback = (page: Page) => page.getByTestId('pack-feedback');
const line = (page: Page, sku: string) => page.locator(`[data-testid="pack-line"][data-sku="${sku}"]`);
const parcels = (page: Page) => page.getByTestId('pack-parcel');

/** Scans a code and waits until the feedback answers it with `code`. */
async function scanExpect(page: Page, scanner: Scanner, raw: string, code: string): Promise<void> {
  // Each answer is a new element (keyed by its sequence number), even when its code repeats.
  const before = await feedback(page).elementHandle();
  await scanner.scan(raw);
  await expect.poll(() => feedback(page).evaluate((el, prev) => el !== prev, before), { timeout: 10_000 }).toBe(true);
  expect(await feedback(page).getAttribute('data-code'), `feedback for ${raw}`).toBe(code);
  await before?.dispose();
}

describe('Pack in Chromium over web mode, scanner-driven, against the simulator', () => {
  it('packs two parcels: a wrong item refused, labels blocked until a supervisor overrides, the scale weighs, labels and slip print, a reprint; all of it reaches Afosto', { timeout: 240_000 }, async () => {
    st = await startFlowStation({ sim: true, viewport: { width: 1920, height: 1080 } });
    bench = await arrangeBench(st);
    const { page, labelPrinter } = st;
    const db = st.readStore();
    const t = pickShipment(db);
    const [a, b, c] = t.lines as [Target['lines'][0], Target['lines'][0], Target['lines'][0]];
    const shot = shooter('pack');
    st.connectivity.set(false); // packing offline: the labels are Dockside's own ZPL, the ops wait

    await st.open();
    const scanner = await scannerFor(page);
    await expect.poll(() => page.getByTestId('signin-pin').isVisible(), { timeout: 20_000 }).toBe(true);
    await scanner.scan(bench.packerBadge);
    await expect.poll(() => page.getByTestId('header-user').textContent(), { timeout: 10_000 }).toContain('Petra Nováková');
    await scanner.scan('CMD:PACK');
    await expect.poll(() => page.getByTestId('screen-pack').isVisible()).toBe(true);
    await shot(page, 'pack-screen');

    // The order number opens the shipment: three lines, nothing verified.
    await scanExpect(page, scanner, t.orderNumber, 'shipment_opened');
    await expect.poll(() => page.getByTestId('pack-line').count()).toBe(3);
    for (const l of t.lines) expect(await line(page, l.sku).getAttribute('data-state')).toBe('missing');
    await shot(page, 'shipment-opened');

    // Parcel 1, a small box; item A into it.
    await scanExpect(page, scanner, 'BOX:S', 'parcel_opened');
    await scanExpect(page, scanner, a.barcode, 'item_verified');
    expect(await line(page, a.sku).getAttribute('data-state')).toBe('done');
    await shot(page, 'first-item-verified');

    // A product that is not in this shipment is refused at scan time.
    await scanExpect(page, scanner, t.stranger, 'wrong_item');
    expect(await feedback(page).getAttribute('data-ok')).toBe('false');
    await shot(page, 'wrong-item-refused');

    // Parcel 2, a medium box; item B into it. Item C is not on the shelf.
    await scanExpect(page, scanner, 'BOX:M', 'parcel_opened');
    await scanExpect(page, scanner, b.barcode, 'item_verified');
    await expect.poll(() => parcels(page).count()).toBe(2);
    await shot(page, 'second-parcel');

    // The scale: an empty pan (0 g) is refused; with the box on it, F7 takes 0.750 kg.
    await expect.poll(() => page.getByTestId('scale-reading').getAttribute('data-state'), { timeout: 10_000 }).not.toBe('none');
    bench.scale.show('0.000');
    await page.keyboard.press('F7');
    await expect.poll(() => page.getByTestId('scale-refusal').isVisible()).toBe(true);
    bench.scale.show('0.750');
    await page.keyboard.press('F7');
    await expect.poll(() => page.locator('[data-testid="pack-parcel"][data-current="true"] [data-testid="pack-parcel-weight"]').textContent(), { timeout: 10_000 }).toMatch(/750/);
    await shot(page, 'scale-weight');

    // Closing is refused: C is not verified.
    await scanExpect(page, scanner, 'CMD:DONE', 'shipment_not_verified');
    expect(labelsOf(labelPrinter)).toEqual([]);
    await shot(page, 'labels-blocked');

    // The supervisor overrides: the reason typed, their badge scanned into the dialog.
    await page.keyboard.press('F10');
    await expect.poll(() => page.getByTestId('pack-override').isVisible()).toBe(true);
    await page.getByTestId('pack-override-reason').fill('Customer agreed to ship without the missing item');
    await shot(page, 'override-dialog');
    await scanner.scan(bench.supervisorBadge);
    await expect.poll(() => page.getByTestId('pack-override-note').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('pack-override-note').textContent()).toContain('Jana Svobodová');
    expect(await page.getByTestId('header-user').textContent()).toContain('Petra Nováková'); // the badge did not sign her in
    await shot(page, 'overridden');

    // Parcel 2 closes: its label prints.
    await scanExpect(page, scanner, 'CMD:DONE', 'parcel_closed');
    await expect.poll(() => labelsOf(labelPrinter).length, { timeout: 10_000 }).toBe(1);
    // Parcel 1 (current again) is weighed and closed: its label and, as the last, the packing slip.
    bench.scale.show('0.420');
    await page.keyboard.press('F7');
    await expect.poll(() => page.locator('[data-testid="pack-parcel"][data-current="true"] [data-testid="pack-parcel-weight"]').textContent(), { timeout: 10_000 }).toMatch(/420/);
    await scanExpect(page, scanner, 'CMD:DONE', 'parcel_closed');
    await expect.poll(() => labelsOf(labelPrinter).length, { timeout: 10_000 }).toBe(2);
    const slips = () => db.prepare(`SELECT format, status FROM print_jobs WHERE printer_id = 'spool' AND order_id IS NOT NULL`).all();
    await expect.poll(slips, { timeout: 10_000 }).toEqual([{ format: 'pdf', status: 'done' }]);
    await expect.poll(async () => (await parcels(page).evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-status')))).sort()).toEqual(['closed', 'closed']);
    await shot(page, 'both-parcels-closed');

    // CMD:REPRINT: the last label again, byte for byte.
    await scanExpect(page, scanner, 'CMD:REPRINT', 'reprinted');
    await expect.poll(() => labelsOf(labelPrinter).length, { timeout: 10_000 }).toBe(3);
    await shot(page, 'reprinted');
    await scanner.detach();

    // --- the local store -------------------------------------------------------------------------
    const parcelRows = db.prepare(`SELECT id, seq, weight_grams AS grams, status FROM parcels WHERE shipment_id = ? ORDER BY seq`).all(t.shipmentId) as { id: string; seq: number; grams: number; status: string }[];
    expect(parcelRows.map((p) => [p.seq, p.grams, p.status])).toEqual([
      [1, 420, 'closed'],
      [2, 750, 'closed'],
    ]);
    const [p1, p2] = parcelRows as [(typeof parcelRows)[0], (typeof parcelRows)[0]];
    const packed = db.prepare(`SELECT pu.parcel_id AS parcel, p.sku FROM parcel_units pu JOIN products p ON p.id = pu.product_id WHERE pu.parcel_id IN (?, ?) ORDER BY p.sku`).all(p1.id, p2.id) as { parcel: string; sku: string }[];
    expect(packed).toEqual(
      [
        { parcel: p1.id, sku: a.sku },
        { parcel: p2.id, sku: b.sku },
      ].sort((x, y) => x.sku.localeCompare(y.sku)),
    );
    const events = db.prepare(`SELECT raw, result, json_extract(details, '$.code') AS code FROM scan_events WHERE context = 'pack' ORDER BY seq`).all() as { raw: string; result: string; code: string | null }[];
    const scanned = events.filter((e) => !e.raw.startsWith('KEY:') && !e.raw.startsWith('SCALE') && !e.raw.startsWith('OVERRIDE'));
    expect(scanned.map((e) => [e.raw, e.result, e.code])).toEqual([
      [t.orderNumber, 'ok', 'shipment_opened'],
      ['BOX:S', 'ok', 'parcel_opened'],
      [a.barcode, 'ok', 'item_verified'],
      [t.stranger, 'error', 'wrong_item'],
      ['BOX:M', 'ok', 'parcel_opened'],
      [b.barcode, 'ok', 'item_verified'],
      ['CMD:DONE', 'error', 'shipment_not_verified'],
      ['CMD:DONE', 'ok', 'parcel_closed'],
      ['CMD:DONE', 'ok', 'parcel_closed'],
      ['CMD:REPRINT', 'ok', 'reprinted'],
    ]);
    expect(events.filter((e) => e.result === 'override')).toHaveLength(1);
    // Both weights came from the scale (the empty pan's 0 g never reached core).
    const weights = db.prepare(`SELECT json_extract(details, '$.grams') AS grams, json_extract(details, '$.source') AS source FROM scan_events WHERE context = 'pack' AND json_extract(details, '$.code') = 'weight_set' ORDER BY seq`).all();
    expect(weights).toEqual([
      { grams: 750, source: 'scale' },
      { grams: 420, source: 'scale' },
    ]);
    const audit = db.prepare(`SELECT action, entity_id AS shipment, json_extract(details, '$.reason') AS reason, json_extract(details, '$.method') AS method FROM audit_log WHERE action = 'packing.override'`).all();
    expect(audit).toEqual([{ action: 'packing.override', shipment: t.shipmentId, reason: 'Customer agreed to ship without the missing item', method: 'badge' }]);

    // --- the outbox: written with the scans, waiting while offline ---------------------------------
    const ops = afostoOps(db).filter((o) => o.entityId === p1.id || o.entityId === p2.id || o.entityId === t.shipmentId);
    expect(ops.every((o) => o.status === 'pending')).toBe(true);
    const of = (id: string) => ops.filter((o) => o.entityId === id).map((o) => o.operation);
    expect(of(p1.id)).toEqual(['parcel_create', 'parcel_items', 'parcel_weight', 'parcel_label', 'parcel_slip', 'parcel_finished']);
    expect(of(p2.id)).toEqual(['parcel_create', 'parcel_items', 'parcel_weight', 'parcel_label', 'parcel_finished']);
    expect(ops.find((o) => o.entityId === p1.id && o.operation === 'parcel_items')?.payload).toEqual({ add: [a.unitId], remove: [] });
    expect(ops.find((o) => o.entityId === p2.id && o.operation === 'parcel_weight')?.payload).toEqual({ weight: 750 });
    expect(ops.find((o) => o.entityId === t.shipmentId && o.operation === 'shipment_missing')?.payload).toEqual({ units: [{ unitId: c.unitId, missing: true }] });

    // --- the exact ZPL on the wire ----------------------------------------------------------------
    const jobs = db.prepare(`SELECT id, parcel_id AS parcel, kind, format, CAST(payload AS TEXT) AS zpl, reprint_of AS reprintOf FROM print_jobs WHERE order_id IS NOT NULL OR parcel_id IS NOT NULL ORDER BY created_at, rowid`).all() as {
      id: string;
      parcel: string | null;
      kind: string;
      format: string;
      zpl: string;
      reprintOf: string | null;
    }[];
    const labelJobs = jobs.filter((j) => j.kind !== 'packing_slip' && j.kind !== 'slip');
    const received = labelsOf(labelPrinter);
    expect(received).toHaveLength(3);
    // What the Zebra got is exactly what the store recorded for each job, in the order closed.
    expect(received[0]).toBe(labelJobs[0]!.zpl.trim());
    expect(received[1]).toBe(labelJobs[1]!.zpl.trim());
    expect(received[2]).toBe(received[1]); // the reprint is the last label, byte for byte
    expect(received[0]).toContain(`^FD${t.orderNumber}^FS`);
    expect(received[0]).toMatch(/\^FD2 \/ 2\^FS/);
    expect(received[0]).toContain('^FD0.75 kg^FS');
    expect(received[1]).toMatch(/\^FD1 \/ 2\^FS/);
    expect(received[1]).toContain('^FD0.42 kg^FS');
    expect(received.every((z) => z.startsWith('^XA') && z.endsWith('^XZ'))).toBe(true);
    const spooled = fs.readdirSync(path.join(st.dataDir, 'print-spool')).filter((f) => f.endsWith('.pdf'));
    expect(spooled).toHaveLength(1);
    expect(fs.readFileSync(path.join(st.dataDir, 'print-spool', spooled[0]!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // --- back online: the ops reach Afosto, once each ----------------------------------------------
    await pushAll(st);
    // Afosto's carrier labels for parcels that already have Dockside's are kept, never printed.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(labelsOf(labelPrinter)).toHaveLength(3);
    const sim = await simAfosto(st);
    const remoteShipment = remoteIdOf(db, 'shipments', t.shipmentId);
    const shipment = sim.shipments.updated.find((x) => x.id === remoteShipment) as { items: { sku: string; is_missing: boolean; is_boxed: boolean }[] } | undefined;
    expect(Object.fromEntries((shipment?.items ?? []).map((i) => [i.sku, [i.is_boxed, i.is_missing]]))).toEqual({ [a.sku]: [true, false], [b.sku]: [true, false], [c.sku]: [false, true] });
    const mine = (sim.parcels.created as { shipment_id: string; weight: number; is_finished: boolean; items: { sku: string }[] }[]).filter((x) => x.shipment_id === remoteShipment);
    expect(mine.map((x) => [x.weight, x.is_finished, x.items.map((i) => i.sku)]).sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual([
      [420, true, [a.sku]],
      [750, true, [b.sku]],
    ]);
    await shot(page, 'after-sync');
    expect(st.pageErrors, 'errors in the page').toEqual([]);
  });
});

function remoteIdOf(db: BetterSqlite3.Database, table: 'shipments', id: string): string {
  return (db.prepare(`SELECT remote_id AS r FROM ${table} WHERE id = ?`).get(id) as { r: string }).r;
}
