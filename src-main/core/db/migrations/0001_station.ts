import type { Migration } from '../migrate';

// The station itself, its local users and the audit trail of who did what here.
// PIN hashes use one per-station salt so a PIN alone finds its user through a unique index
// (fast switch at a shared bench) and two users can never share a PIN.
export const migration: Migration = {
  version: 1,
  name: 'station',
  up(db) {
    db.exec(`
      CREATE TABLE stations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        pin_salt TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL REFERENCES stations(id),
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('packer', 'agent', 'supervisor')),
        pin_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (station_id, pin_hash)
      ) STRICT;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        station_id TEXT,
        user_id TEXT,
        action TEXT NOT NULL,
        entity TEXT,
        entity_id TEXT,
        details TEXT
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
    `);
  },
};
