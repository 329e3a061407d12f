import type { Migration } from '../migrate';

// The first result of each write call, by the idempotency key the renderer sent with it, so a call
// repeated after a dropped connection is answered instead of run again. Rows older than a day are
// pruned (a renderer retries within seconds, never a day later).
export const migration: Migration = {
  version: 8,
  name: 'rpc_idempotency',
  up(db) {
    db.exec(`
      CREATE TABLE rpc_idempotency (
        key TEXT PRIMARY KEY,
        method TEXT NOT NULL,
        input_hash TEXT NOT NULL,
        result TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE INDEX rpc_idempotency_created ON rpc_idempotency(created_at);
    `);
  },
};
