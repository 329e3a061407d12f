// Migration 0010: rows of the old outbox table become push:<remote> jobs in their order, an
// in-flight one marked interrupted, and the header counts stay what they were.
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/database';
import { allMigrations } from '../../../src-main/core/db/migrations';
import { Outbox } from '../../../src-main/core/sync/outbox';
import { tempDir } from '../../helpers/tmp';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('dockside-sync-migration-')));
afterEach(() => cleanup());

it('moves pending, in-flight, dead and done outbox rows into jobs and drops the outbox table', async () => {
  const file = path.join(dir, 'dockside.sqlite');
  const old = await openDatabase({ file, migrations: allMigrations.filter((m) => m.version <= 8) });
  const ins = old.raw.prepare(
    `INSERT INTO outbox (op_id, remote, entity, entity_id, operation, payload, status, attempts, next_attempt_at, last_error, created_at, updated_at)
     VALUES (?, ?, 'order', ?, ?, ?, ?, ?, 500, ?, 100, 200)`,
  );
  ins.run('op-1', 'homs', 'o1', 'create', '{"ext_code":"A"}', 'dead', 3, 'ext_code is used');
  ins.run('op-2', 'homs', 'o1', 'update', '{"x":1}', 'pending', 0, null);
  ins.run('op-3', 'afosto', 'o2', 'create', '{}', 'inflight', 1, null);
  ins.run('op-4', 'ucs', 'p1', 'create', '{}', 'done', 1, null);
  const before = old.raw.prepare(`SELECT status, COUNT(*) AS n FROM outbox GROUP BY status ORDER BY status`).all();
  expect(before).toHaveLength(4);
  old.close();

  const db = await openDatabase({ file });
  try {
    expect(db.raw.prepare(`SELECT name FROM sqlite_master WHERE name = 'outbox'`).get()).toBeUndefined();
    const outbox = new Outbox(db, { now: () => 1_000 });
    expect(outbox.counts()).toEqual({ pending: 2, inflight: 0, done: 1, dead: 1 });
    expect(outbox.list({ status: 'open', limit: 10 }).map((o) => [o.id, o.remote, o.entityId, o.operation, o.status, o.errorMessage, o.payload])).toEqual([
      ['op-1', 'homs', 'o1', 'create', 'dead', 'ext_code is used', { ext_code: 'A' }],
      ['op-2', 'homs', 'o1', 'update', 'pending', null, { x: 1 }],
      ['op-3', 'afosto', 'o2', 'create', 'pending', null, {}],
    ]);
    expect(db.raw.prepare(`SELECT queue, ordering_key, interrupted FROM jobs WHERE id = 'op-3'`).get()).toEqual({ queue: 'push:afosto', ordering_key: '["order","o2"]', interrupted: 1 });
  } finally {
    db.close();
  }
});
