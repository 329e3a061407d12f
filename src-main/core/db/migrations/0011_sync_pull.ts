import type { Migration } from '../migrate';

// Pull bookkeeping. A resource's cursor is written in the same transaction as the page it came
// with, so a crash never skips or half-records a page. A remote row that arrives while local
// operations for it are still waiting is not applied: the conflict is kept here and shown.
// remote_records mirrors reference data that has no table of its own (users, groups, queues,
// tags, printers, hubs, …) as validated JSON, keyed by the remote's own id.
// 0002 created a first sync_cursors and conflicts that nothing ever wrote (no pull existed before
// this): they are replaced, not altered.
export const migration: Migration = {
  version: 11,
  name: 'sync_pull',
  up(db) {
    db.exec(`
      DROP TABLE IF EXISTS sync_cursors;
      DROP TABLE IF EXISTS conflicts;

      CREATE TABLE sync_cursors (
        remote TEXT NOT NULL,
        resource TEXT NOT NULL,
        cursor TEXT,
        records INTEGER NOT NULL DEFAULT 0,
        last_success_at INTEGER,
        last_attempt_at INTEGER,
        last_error_code TEXT,
        last_error TEXT,
        PRIMARY KEY (remote, resource)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_conflicts (
        id TEXT PRIMARY KEY,
        remote TEXT NOT NULL,
        resource TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        remote_id TEXT,
        remote_data TEXT NOT NULL,
        detected_at INTEGER NOT NULL,
        resolved_at INTEGER,
        resolution TEXT CHECK (resolution IN ('applied', 'dismissed'))
      ) STRICT;
      -- At most one open conflict per local entity and source: a newer remote version replaces it.
      CREATE UNIQUE INDEX sync_conflicts_open ON sync_conflicts(remote, resource, entity, entity_id) WHERE resolved_at IS NULL;

      CREATE TABLE remote_records (
        remote TEXT NOT NULL,
        resource TEXT NOT NULL,
        remote_id TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (remote, resource, remote_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
