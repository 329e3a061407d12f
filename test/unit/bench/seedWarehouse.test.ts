// The bench's store generator (test/bench/seedWarehouse.ts) at a small size: the app's schema,
// consistent rows (foreign keys, valid GTINs, list items that are shipment units as in Afosto), a
// manifest that tells the truth, the cache, and targets the real pick and pack services accept.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { allMigrations } from '../../../src-main/core/db/migrations';
import { isValidGtin, classify } from '../../../src-preload/scanning';
import { copySeededStore, seededWarehouse, type SeedCounts, type SeededStore } from '../../bench/seedWarehouse';
import { call, unitCodes, walkCodes } from '../../bench/scanFlows';
import { createTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';

const SMALL: SeedCounts = { products: 2_000, positions: 200, orderLines: 20_000, benchShipments: 4, benchPickLists: 4 };
const root = tempDir('dockside-seed-test-');
afterAll(() => root.cleanup());

let first: SeededStore;

describe('seedWarehouse', () => {
  it('fills the app’s schema with consistent rows and a manifest that matches them', { timeout: 60_000 }, async () => {
    first = await seededWarehouse(SMALL, { cacheRoot: root.dir });
    expect(first.cached).toBe(false);
    const db = new BetterSqlite3(first.file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(allMigrations.at(-1)!.version);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      for (const [table, n] of Object.entries(first.manifest.rows)) expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(n);
      expect(first.manifest.rows.products).toBe(SMALL.products);
      expect(first.manifest.rows.order_lines).toBeGreaterThanOrEqual(SMALL.orderLines);
      // every code a scanner reads is a valid GTIN and classifies as one
      const codes = db.prepare('SELECT code, kind FROM product_barcodes').all() as { code: string; kind: string }[];
      expect(codes.filter((c) => !isValidGtin(c.code))).toEqual([]);
      expect(codes.filter((c) => (c.kind === 'ean13' || c.kind === 'upca') && classify(c.code).kind !== c.kind)).toEqual([]);
      // a shipment's units add up to its lines' quantities
      const off = db.prepare(`SELECT s.id FROM shipments s WHERE (SELECT COUNT(*) FROM shipment_units u WHERE u.shipment_id = s.id) <> (SELECT SUM(quantity) FROM order_lines l WHERE l.order_id = s.order_id)`).all();
      expect(off).toEqual([]);
      // a list item is a shipment unit (the same Afosto unit id on both), of the same product
      const unmatched = db.prepare(`SELECT i.id FROM pick_list_items i LEFT JOIN shipment_units u ON u.remote_id = i.remote_id AND u.product_id = i.product_id WHERE u.id IS NULL`).all();
      expect(unmatched).toEqual([]);
      for (const l of first.manifest.pickLists) {
        const shipments = db.prepare(`SELECT COUNT(DISTINCT u.shipment_id) FROM pick_list_items i JOIN shipment_units u ON u.remote_id = i.remote_id WHERE i.pick_list_id = ?`).pluck().get(l.pickListId);
        expect(shipments, l.number).toBe(4);
        expect(db.prepare('SELECT number FROM pick_lists WHERE id = ?').pluck().get(l.pickListId)).toBe(l.number);
      }
      for (const s of first.manifest.shipments) {
        expect(db.prepare('SELECT COUNT(*) FROM shipment_units WHERE shipment_id = ?').pluck().get(s.shipmentId)).toBe(s.lines.reduce((n, l) => n + l.quantity, 0));
      }
      // the stranger belongs to no bench target
      const benchCodes = new Set([...first.manifest.shipments, ...first.manifest.pickLists].flatMap((t) => t.lines.map((l) => l.barcode)));
      expect(benchCodes.has(first.manifest.strangerBarcode)).toBe(false);
    } finally {
      db.close();
    }
  });

  it('is found in the cache the second time', async () => {
    const again = await seededWarehouse(SMALL, { cacheRoot: root.dir });
    expect(again.cached).toBe(true);
    expect(again.file).toBe(first.file);
    expect(again.manifest).toEqual(first.manifest);
  });

  it('gives targets the real pick and pack services take scan by scan, and refuse a stranger', { timeout: 60_000 }, async () => {
    const station = tempDir('dockside-seed-station-');
    copySeededStore(first, path.join(station.dir, 'data'));
    const t = await createTestCore({ demo: true, databaseFile: path.join(station.dir, 'data', 'dockside.sqlite') });
    try {
      await call(t.core, 'station.signIn', { pin: '1111' });
      const ship = first.manifest.shipments[0]!;
      const opened = (await call(t.core, 'packing.open', { code: ship.orderNumber })) as { id: string; expectedTotal: number };
      expect(opened.expectedTotal).toBe(48);
      await call(t.core, 'packing.openParcel', { shipmentId: opened.id });
      const codes = unitCodes(ship.lines);
      for (const code of codes) expect(((await call(t.core, 'packing.scan', { code, shipmentId: opened.id })) as { code: string }).code).toBe('item_verified');
      expect(((await call(t.core, 'packing.scan', { code: first.manifest.strangerBarcode, shipmentId: opened.id })) as { code: string }).code).toBe('wrong_item');

      const list = first.manifest.pickLists[0]!;
      await call(t.core, 'picking.open', { listId: list.pickListId });
      const answers: string[] = [];
      for (const code of walkCodes(list.lines)) answers.push(((await call(t.core, 'picking.scan', { listId: list.pickListId, raw: code, kind: classify(code).kind })) as { code: string }).code);
      expect(answers.filter((a) => a !== 'position_ok' && a !== 'picked')).toEqual([]);
      const view = (await call(t.core, 'picking.open', { listId: list.pickListId })) as { progress: { remaining: number; picked: number }; totes: unknown[] };
      expect(view.progress).toMatchObject({ remaining: 0, picked: 48 });
      expect(view.totes).toHaveLength(4);
    } finally {
      await t.dispose();
      station.cleanup();
    }
  });
});
