// Migration 21 (calls) on a store that went through every earlier migration with data in it:
// existing calls keep their rows and read as unknown / manual; the new tables hold their rules;
// the HOMS phone index never refuses a row whose data is not JSON.
import { describe, expect, it } from 'vitest';
import { columns, tables, useMigrationStore } from '../db/helpers';

const store = useMigrationStore();

describe('migration 21: calls', () => {
  it('upgrades a v17 store with calls, HOMS orders and print jobs in it', async () => {
    const v17 = await store.openAt(17, store.file);
    v17.raw.exec(`INSERT INTO calls (id, uniqueid, direction, number_raw, status, started_at) VALUES ('c1', 'u1', 'inbound', '601123456', 'ended', 1)`);
    v17.raw.exec(`INSERT INTO homs_orders (id, order_type_code, state, data, created_at, updated_at) VALUES ('h1', 't', 'done', 'not json', 0, 0)`);
    v17.close();

    const db = await store.openAt(21, store.file);
    expect(db.schemaVersion).toBe(21);
    expect(tables(db)).toEqual(expect.arrayContaining(['call_events', 'call_acw', 'call_config']));
    expect(columns(db, 'calls')).toEqual(expect.arrayContaining(['company_id', 'identification', 'queue_name', 'transferred_to', 'source', 'order_ref']));
    expect(db.raw.prepare(`SELECT identification, source, order_ref FROM calls WHERE id = 'c1'`).get()).toEqual({ identification: 'unknown', source: 'manual', order_ref: null });
    // a damaged HOMS blob still goes in (the phone index skips it)
    expect(() => db.raw.exec(`INSERT INTO homs_orders (id, order_type_code, state, data, created_at, updated_at) VALUES ('h2', 't', 'done', '{broken', 0, 0)`)).not.toThrow();
  });

  it('one after-call work per call, with a known status; events and identification are checked', async () => {
    const db = await store.openAt(21);
    db.raw.exec(`INSERT INTO calls (id, direction, number_raw, status, started_at) VALUES ('c1', 'inbound', '1', 'ended', 1)`);
    db.raw.exec(`INSERT INTO call_acw (call_id, status, started_at, ends_at) VALUES ('c1', 'running', 1, 2)`);
    expect(() => db.raw.exec(`INSERT INTO call_acw (call_id, status, started_at, ends_at) VALUES ('c1', 'running', 1, 2)`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.raw.exec(`UPDATE call_acw SET status = 'paused'`)).toThrow(/CHECK/);
    expect(() => db.raw.exec(`INSERT INTO call_events (call_id, kind, source, at, applied) VALUES ('c1', 'explode', 'endpoint', 1, 1)`)).toThrow(/CHECK/);
    expect(() => db.raw.exec(`UPDATE calls SET identification = 'maybe'`)).toThrow(/CHECK/);
    // deleting a call takes its events and after-call work with it
    db.raw.exec(`INSERT INTO call_events (call_id, kind, source, at, applied) VALUES ('c1', 'ring', 'endpoint', 1, 1)`);
    db.raw.exec(`DELETE FROM calls WHERE id = 'c1'`);
    expect(db.raw.prepare(`SELECT (SELECT COUNT(*) FROM call_events) + (SELECT COUNT(*) FROM call_acw) AS n`).get()).toEqual({ n: 0 });
  });
});
