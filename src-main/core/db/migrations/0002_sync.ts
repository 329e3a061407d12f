import type { Migration } from '../migrate';

// Transactional outbox, pull cursors and recorded conflicts (design.md "Sync").
export const migration: Migration = {
  version: 2,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        remote TEXT NOT NULL CHECK (remote IN ('afosto', 'ucs', 'ultracart', 'homs', 'opentaps')),
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        operation TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'inflight', 'done', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
      CREATE INDEX outbox_entity ON outbox(remote, entity, entity_id, seq);

      CREATE TABLE sync_cursors (
        remote TEXT NOT NULL,
        resource TEXT NOT NULL,
        cursor TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (remote, resource)
      ) STRICT;

      CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        remote TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        local_value TEXT,
        remote_value TEXT,
        detected_at INTEGER NOT NULL,
        resolved_at INTEGER,
        resolution TEXT CHECK (resolution IN ('kept_local', 'took_remote', 'merged', 'discarded'))
      ) STRICT;
      CREATE INDEX conflicts_open ON conflicts(resolved_at, entity, entity_id);
    `);
  },
};
