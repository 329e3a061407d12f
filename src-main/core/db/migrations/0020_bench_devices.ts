import type { Migration } from '../migrate';

// Devices at the pack bench (issue 10, points 2 and 4):
// - station_scales: this station's scale (no row = no scale), per station like printer_roles.
// - parcel_photos: photos of an open parcel taken as pack evidence. The JPEG bytes live in the data
//   folder (parcel-photos/<parcel id>/<photo id>.jpg), not in the store: a few hundred photos of
//   100-300 kB a day would grow the database by gigabytes a year and every backup taken before a
//   migration with it. The row holds the file's name, size, SHA-256 and picture size.
export const migration: Migration = {
  version: 20,
  name: 'bench_devices',
  up(db) {
    db.exec(`
      CREATE TABLE station_scales (
        station_id TEXT PRIMARY KEY REFERENCES stations(id),
        kind TEXT NOT NULL CHECK (kind IN ('mt-sics')),
        host TEXT NOT NULL,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE parcel_photos (
        id TEXT PRIMARY KEY,
        parcel_id TEXT NOT NULL REFERENCES parcels(id) ON DELETE CASCADE,
        station_id TEXT NOT NULL,
        user_id TEXT,
        taken_at INTEGER NOT NULL,
        file TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        sha256 TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX parcel_photos_parcel ON parcel_photos(parcel_id, taken_at);
    `);
  },
};
