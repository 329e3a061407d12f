// Migration 11 (sync_pull): replaces 0002's never-written sync_cursors and conflicts with the pull
// engine's tables, on a database that went through every earlier migration with data in it.
import { describe, expect, it } from 'vitest';
import { columns, tables, useMigrationStore } from './helpers';

const store = useMigrationStore();
const { openAt } = store;

describe('migration 11: sync_pull', () => {
  it('upgrades a v10 store: new cursors, conflicts and remote_records; the outbox is untouched', async () => {
    const file = store.file;
    const v10 = await openAt(10, file);
    expect(columns(v10, 'sync_cursors')).toContain('updated_at'); // 0002's shape
    v10.raw.exec(`INSERT INTO jobs (id, queue, ordering_key, payload, status, attempts, next_attempt_at, created_at, updated_at)
                  VALUES ('op1', 'push:homs', '["order","1"]', '{}', 'pending', 0, 0, 0, 0)`);
    v10.close();

    const db = await openAt(11, file);
    expect(db.schemaVersion).toBe(11);
    expect(tables(db)).toEqual(expect.arrayContaining(['sync_cursors', 'sync_conflicts', 'remote_records']));
    expect(tables(db)).not.toContain('conflicts');
    expect(columns(db, 'sync_cursors')).toEqual(['remote', 'resource', 'cursor', 'records', 'last_success_at', 'last_attempt_at', 'last_error_code', 'last_error']);
    expect(db.raw.prepare(`SELECT id, status FROM jobs`).all()).toEqual([{ id: 'op1', status: 'pending' }]);
  });

  it('one open conflict per entity and source; resolved ones stay as history; resolution is checked', async () => {
    const db = await openAt(11);
    const ins = db.raw.prepare(
      `INSERT INTO sync_conflicts (id, remote, resource, entity, entity_id, remote_data, detected_at, resolved_at, resolution) VALUES (?, 'homs', 'orders', 'order', '1', '{}', 0, ?, ?)`,
    );
    ins.run('c1', null, null);
    expect(() => ins.run('c2', null, null)).toThrow(/UNIQUE/);
    db.raw.exec(`UPDATE sync_conflicts SET resolved_at = 1, resolution = 'applied' WHERE id = 'c1'`);
    ins.run('c2', null, null); // a new open one beside the resolved one
    expect(() => ins.run('c3', 2, 'kept')).toThrow(/CHECK/);
    expect(() =>
      db.raw.exec(`INSERT INTO sync_conflicts (id, remote, resource, entity, entity_id, remote_data, detected_at) VALUES ('c4', 'homs', 'users', 'order', '1', '{}', 0)`),
    ).not.toThrow(); // another resource's view of the same row is its own conflict
  });

  it('cursors and remote records are keyed by remote and resource', async () => {
    const db = await openAt(11);
    db.raw.exec(`INSERT INTO sync_cursors (remote, resource, cursor) VALUES ('homs', 'orders', '5')`);
    expect(() => db.raw.exec(`INSERT INTO sync_cursors (remote, resource, cursor) VALUES ('homs', 'orders', '6')`)).toThrow(/UNIQUE|PRIMARY/);
    expect(db.raw.prepare(`SELECT records, last_success_at FROM sync_cursors`).get()).toEqual({ records: 0, last_success_at: null });
    db.raw.exec(`INSERT INTO remote_records VALUES ('ucs', 'queues', '7', '{}', 0), ('ucs', 'teams', '7', '{}', 0)`);
    expect(() => db.raw.exec(`INSERT INTO remote_records VALUES ('ucs', 'queues', '7', '{}', 1)`)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.raw.exec(`INSERT INTO remote_records VALUES ('ucs', 'queues', '8', NULL, 1)`)).toThrow(/NOT NULL/);
  });
});
