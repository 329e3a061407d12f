import type { Migration } from '../migrate';

// Where each remote lives: base URL and the non-secret fields (HOMS e-mail, Opentaps client
// domain). Secrets are never here: they live in the SecretStore under remote.<remote>.<field>.
export const migration: Migration = {
  version: 9,
  name: 'connections',
  up(db) {
    db.exec(`
      CREATE TABLE connections (
        remote TEXT PRIMARY KEY,
        base_url TEXT NOT NULL,
        settings TEXT NOT NULL DEFAULT '{}',
        source TEXT NOT NULL CHECK (source IN ('settings', 'config')),
        updated_at INTEGER NOT NULL,
        updated_by TEXT
      ) STRICT;
    `);
  },
};
