// Migration 18 (picking): pick lists gain number and due date, pick list units Afosto's handled and
// missing flags, and each shipment of a list its tote — on a v17 store with a pick list in it.
import { describe, expect, it } from 'vitest';
import { columns, tables, useMigrationStore } from './helpers';

const store = useMigrationStore();
const { openAt } = store;

describe('migration 18: picking', () => {
  it('upgrades a v17 store with a pick list: new columns with their defaults, a totes table', async () => {
    const v17 = await openAt(17, store.file);
    v17.raw.exec(`
      INSERT INTO products (id, sku, name, updated_at) VALUES ('p1', 'SKU-1', 'One', 0);
      INSERT INTO orders (id, number, status, updated_at) VALUES ('o1', 'ODR-1', 'new', 0);
      INSERT INTO shipments (id, order_id, status, created_at, updated_at) VALUES ('s1', 'o1', 'open', 0, 0), ('s2', 'o1', 'open', 0, 0);
      INSERT INTO pick_lists (id, remote_id, status, created_at, updated_at) VALUES ('l1', 'r1', 'open', 0, 0);
      INSERT INTO pick_list_items (id, pick_list_id, product_id, rank, quantity, remote_id) VALUES ('i1', 'l1', 'p1', 1, 1, 'u1');
    `);
    v17.close();

    const db = await openAt(18, store.file);
    expect(db.schemaVersion).toBe(18);
    expect(columns(db, 'pick_lists')).toEqual(expect.arrayContaining(['number', 'due_at']));
    expect(db.raw.prepare(`SELECT number, due_at FROM pick_lists`).get()).toEqual({ number: null, due_at: null });
    expect(db.raw.prepare(`SELECT remote_handled, remote_missing FROM pick_list_items`).get()).toEqual({ remote_handled: 0, remote_missing: 0 });
    expect(tables(db)).toContain('pick_list_totes');
  });

  it('one tote per shipment of a list, each tote name once per list; totes go with their list', async () => {
    const db = await openAt(18);
    db.raw.exec(`
      INSERT INTO orders (id, number, status, updated_at) VALUES ('o1', 'ODR-1', 'new', 0);
      INSERT INTO shipments (id, order_id, status, created_at, updated_at) VALUES ('s1', 'o1', 'open', 0, 0), ('s2', 'o1', 'open', 0, 0);
      INSERT INTO pick_lists (id, status, created_at, updated_at) VALUES ('l1', 'open', 0, 0), ('l2', 'open', 0, 0);
      INSERT INTO pick_list_totes VALUES ('l1', 's1', 'T1'), ('l2', 's1', 'T1');
    `);
    expect(() => db.raw.exec(`INSERT INTO pick_list_totes VALUES ('l1', 's1', 'T2')`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.raw.exec(`INSERT INTO pick_list_totes VALUES ('l1', 's2', 'T1')`)).toThrow(/UNIQUE/);
    db.raw.exec(`DELETE FROM pick_lists WHERE id = 'l1'`);
    expect(db.raw.prepare(`SELECT pick_list_id AS l FROM pick_list_totes`).all()).toEqual([{ l: 'l2' }]);
  });
});
