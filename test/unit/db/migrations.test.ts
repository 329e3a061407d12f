import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/database';
import { DatabaseTooNewError, type Migration } from '../../../src-main/core/db/migrate';
import { allMigrations } from '../../../src-main/core/db/migrations';
import { columns, tables, useMigrationStore } from './helpers';

const store = useMigrationStore();
const { openAt } = store;

describe('opening the store', () => {
  it('uses WAL, FULL sync (a commit survives a power cut), foreign keys and a busy timeout', async () => {
    const db = await openAt(99);
    expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.schemaVersion).toBe(allMigrations.at(-1)!.version);
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    const file = store.file;
    (await openAt(99, file)).close();
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 999');
    raw.close();
    const before = fs.readFileSync(file);
    await expect(openDatabase({ file })).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(openDatabase({ file })).rejects.toThrow(/newer Dockside \(schema 999/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('backs up a database with data before migrating it, and not a fresh one', async () => {
    const file = store.file;
    (await openAt(1, file)).close();
    expect(fs.existsSync(path.join(store.dir, 'backups'))).toBe(false);
    const db = await openAt(99, file);
    const backups = fs.readdirSync(path.join(store.dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^dockside-v1-.*\.sqlite$/);
    const copy = new BetterSqlite3(path.join(store.dir, 'backups', backups[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    copy.close();
    expect(db.schemaVersion).toBeGreaterThan(1);
  });

  it('rolls a failing migration back completely and keeps the previous version', async () => {
    const file = store.file;
    (await openAt(1, file)).close();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(db) {
        db.exec(`CREATE TABLE half_done (x INTEGER)`);
        throw new Error('boom');
      },
    };
    await expect(openDatabase({ file, migrations: [allMigrations[0]!, broken] })).rejects.toThrow('boom');
    const db = await openAt(1, file);
    expect(db.schemaVersion).toBe(1);
    expect(tables(db)).not.toContain('half_done');
  });

  it('rejects a migration list out of order', async () => {
    const [a, b] = allMigrations;
    await expect(openDatabase({ file: ':memory:', migrations: [b!, a!] })).rejects.toThrow(/out of order/);
  });

  it('refuses an async callback inside a transaction', async () => {
    const db = await openAt(99);
    expect(() => db.tx(() => Promise.resolve(1))).toThrow(/synchronous/);
  });
});

describe('migration 1: station', () => {
  it('creates stations, users and the audit log; a PIN hash is unique per station', async () => {
    const db = await openAt(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['stations', 'users', 'audit_log']));
    db.raw.exec(`INSERT INTO stations VALUES ('s1', 'Bench', 'salt', 0, 0)`);
    db.raw.exec(`INSERT INTO users VALUES ('u1', 's1', 'A', 'packer', 'h', 1, 0, 0)`);
    expect(() => db.raw.exec(`INSERT INTO users VALUES ('u2', 's1', 'B', 'agent', 'h', 1, 0, 0)`)).toThrow(/UNIQUE/);
    expect(() => db.raw.exec(`INSERT INTO users VALUES ('u3', 's1', 'C', 'boss', 'x', 1, 0, 0)`)).toThrow(/CHECK/);
  });
});

describe('migration 2: sync', () => {
  it('creates outbox, cursors and conflicts with the outbox status machine', async () => {
    const db = await openAt(2);
    expect(db.schemaVersion).toBe(2);
    expect(columns(db, 'outbox')).toEqual(
      expect.arrayContaining(['op_id', 'remote', 'entity', 'entity_id', 'operation', 'payload', 'status', 'attempts', 'next_attempt_at', 'last_error']),
    );
    expect(tables(db)).toEqual(expect.arrayContaining(['sync_cursors', 'conflicts']));
    expect(() =>
      db.raw.exec(`INSERT INTO outbox (op_id, remote, entity, entity_id, operation, payload, status, next_attempt_at, created_at, updated_at)
                   VALUES ('o1', 'afosto', 'order', '1', 'create', '{}', 'lost', 0, 0, 0)`),
    ).toThrow(/CHECK/);
    expect(() =>
      db.raw.exec(`INSERT INTO outbox (op_id, remote, entity, entity_id, operation, payload, next_attempt_at, created_at, updated_at)
                   VALUES ('o1', 'shopify', 'order', '1', 'create', '{}', 0, 0, 0)`),
    ).toThrow(/CHECK/);
  });
});

describe('migration 3: warehouse', () => {
  it('creates the catalogue, order, picking, shipping, parcel, scan and print tables', async () => {
    const db = await openAt(3);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'products', 'product_barcodes', 'positions', 'product_positions', 'orders', 'order_lines', 'pick_lists',
        'pick_list_items', 'shipments', 'shipment_units', 'parcels', 'parcel_units', 'scan_events', 'print_jobs',
      ]),
    );
  });

  it('keeps scan events append-only', async () => {
    const db = await openAt(3);
    db.raw.exec(`INSERT INTO scan_events (id, station_id, at, raw, read_as, context, result) VALUES ('e1', 's', 1, '123', 'product', 'pick', 'ok')`);
    expect(() => db.raw.exec(`UPDATE scan_events SET raw = 'x'`)).toThrow(/append-only/);
    expect(() => db.raw.exec(`DELETE FROM scan_events`)).toThrow(/append-only/);
    db.raw.exec(`INSERT INTO scan_events (id, station_id, at, raw, read_as, context, result, compensates) VALUES ('e2', 's', 2, '123', 'product', 'pick', 'undo', 'e1')`);
    expect((db.raw.prepare(`SELECT COUNT(*) AS n FROM scan_events`).get() as { n: number }).n).toBe(2);
  });

  it('cascades order lines with their order and enforces references', async () => {
    const db = await openAt(3);
    db.raw.exec(`INSERT INTO orders (id, number, status, updated_at) VALUES ('o1', 'A-1', 'open', 0)`);
    db.raw.exec(`INSERT INTO order_lines (id, order_id, line_no, sku, name, quantity) VALUES ('l1', 'o1', 1, 'SKU', 'Thing', 2)`);
    expect(() => db.raw.exec(`INSERT INTO order_lines (id, order_id, line_no, sku, name, quantity) VALUES ('l2', 'nope', 1, 'S', 'T', 1)`)).toThrow(/FOREIGN KEY/);
    db.raw.exec(`DELETE FROM orders WHERE id = 'o1'`);
    expect((db.raw.prepare(`SELECT COUNT(*) AS n FROM order_lines`).get() as { n: number }).n).toBe(0);
  });
});

describe('migration 4: crm', () => {
  it('creates contacts with an E.164 phone index, calls, notes and tasks', async () => {
    const db = await openAt(4);
    expect(tables(db)).toEqual(expect.arrayContaining(['companies', 'contacts', 'contact_phones', 'calls', 'call_notes', 'tasks']));
    const idx = (db.raw.prepare(`PRAGMA index_list(contact_phones)`).all() as { name: string }[]).map((i) => i.name);
    expect(idx).toContain('contact_phones_e164');
    expect(() => db.raw.exec(`INSERT INTO contact_phones (raw, e164) VALUES ('601 123 456', '+420601123456')`)).toThrow(/CHECK/);
  });
});

describe('migration 5: printing', () => {
  it('adds printers, per-station printer roles and SSCC ranges; a removed printer drops its roles', async () => {
    const db = await openAt(5);
    expect(tables(db)).toEqual(expect.arrayContaining(['printers', 'printer_roles', 'sscc_ranges']));
    db.raw.exec(`INSERT INTO printers (id, name, uri, kind, created_at, updated_at) VALUES ('z1', 'Zebra', 'tcp://10.0.0.5:9100', 'tcp', 0, 0)`);
    db.raw.exec(`INSERT INTO printer_roles VALUES ('st', 'label', 'z1', 0)`);
    expect(() => db.raw.exec(`INSERT INTO printer_roles VALUES ('st', 'label', 'z1', 0)`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.raw.exec(`INSERT INTO printers (id, name, uri, kind, created_at, updated_at) VALUES ('p', 'P', 'lpt1', 'lpt', 0, 0)`)).toThrow(/CHECK/);
    db.raw.exec(`DELETE FROM printers WHERE id = 'z1'`);
    expect((db.raw.prepare(`SELECT COUNT(*) AS n FROM printer_roles`).get() as { n: number }).n).toBe(0);
  });
});

describe('migration 8: rpc idempotency', () => {
  it('keeps one first result per key, with its method, input fingerprint and time', async () => {
    const db = await openAt(8);
    expect(db.schemaVersion).toBe(8);
    expect(columns(db, 'rpc_idempotency')).toEqual(['key', 'method', 'input_hash', 'result', 'created_at']);
    db.raw.exec(`INSERT INTO rpc_idempotency VALUES ('k1', 'printing.reprint', 'h', '{"ok":true}', 1)`);
    expect(() => db.raw.exec(`INSERT INTO rpc_idempotency VALUES ('k1', 'printing.reprint', 'h', '{}', 2)`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.raw.exec(`INSERT INTO rpc_idempotency VALUES ('k2', 'printing.reprint', 'h', '{}', 'later')`)).toThrow(/cannot store|datatype/i);
    const idx = (db.raw.prepare(`PRAGMA index_list(rpc_idempotency)`).all() as { name: string }[]).map((i) => i.name);
    expect(idx).toContain('rpc_idempotency_created');
  });
});
