import type { Migration } from '../migrate';

// Station security (issue 7, point 10 and badge sign-in):
// - users.pin_salt: a salt per user. NULL marks a PIN still hashed under the station's salt
//   (migration 0001); such a user keeps signing in and is re-hashed under their own salt on their
//   next successful sign-in, so nobody is locked out by this step.
// - users.badge_hash: SHA-256 of the user's current badge code (one badge per user; a new one
//   replaces it). users.last_signin_at orders the PIN search so the likeliest user is tried first.
// - signin_failures: every wrong PIN or badge, per station, so a lockout survives a restart and a
//   correct PIN cannot wipe the count (see station/domain.ts for how the count decays).
export const migration: Migration = {
  version: 7,
  name: 'station_security',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN pin_salt TEXT;
      ALTER TABLE users ADD COLUMN badge_hash TEXT;
      ALTER TABLE users ADD COLUMN badge_issued_at INTEGER;
      ALTER TABLE users ADD COLUMN last_signin_at INTEGER;
      CREATE UNIQUE INDEX users_badge_hash ON users(badge_hash) WHERE badge_hash IS NOT NULL;

      CREATE TABLE signin_failures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        station_id TEXT NOT NULL REFERENCES stations(id),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('pin', 'badge'))
      ) STRICT;
      CREATE INDEX signin_failures_station_at ON signin_failures(station_id, at);
    `);
  },
};
