import type { Migration } from '../migrate';

// HOMS (Hydra OMS) business-process orders mirrored locally, and those created here.
// - `code` is HOMS's key (ORD-n, server-made): null until our create is confirmed.
// - `ref` is our client reference, sent as `ext_code` on create, so a create whose reply was lost
//   is found again; unique here. `ext_code` mirrors HOMS's field as it stands, which HOMS does
//   NOT keep unique (pulled orders may share one), so it has no unique constraint.
// - (code, ext_code) rows are the persisted code ↔ ext_code map the client's ExtCodeMap starts from.
// - `create_sent_at` is written before each POST of our create: any later attempt looks the order
//   up by `ref` first (and waits out a slow one), whatever the outbox remembers about the last.
export const migration: Migration = {
  version: 15,
  name: 'homs_orders',
  up(db) {
    db.exec(`
      CREATE TABLE homs_orders (
        id TEXT PRIMARY KEY,
        code TEXT UNIQUE,
        ref TEXT,
        ext_code TEXT,
        remote_id INTEGER,
        order_type_code TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('to_execute', 'in_progress', 'done')),
        bp_id TEXT,
        bp_state TEXT,
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        done_at TEXT,
        user_email TEXT,
        data TEXT NOT NULL DEFAULT '{}',
        create_sent_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        pulled_at INTEGER
      ) STRICT;
      -- Partial: pulled orders (most rows) have no ref and cost this index nothing.
      CREATE UNIQUE INDEX homs_orders_ref ON homs_orders(ref) WHERE ref IS NOT NULL;
    `);
  },
};
