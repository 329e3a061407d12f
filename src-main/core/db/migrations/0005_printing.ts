import type { Migration } from '../migrate';

// Printers, which printer a station uses for each role, and per-station SSCC serial ranges.
// print_jobs itself comes from 0003; this adds the index the print queue scans by printer.
export const migration: Migration = {
  version: 5,
  name: 'printing',
  up(db) {
    db.exec(`
      CREATE TABLE printers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        uri TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('tcp', 'dir', 'os', 'afosto')),
        options TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE printer_roles (
        station_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('label', 'slip')),
        printer_id TEXT NOT NULL REFERENCES printers(id) ON DELETE CASCADE,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (station_id, role)
      ) STRICT;

      -- Serials are zero-padded TEXT (16 digits) so ranges beyond 2^53 compare correctly.
      CREATE TABLE sscc_ranges (
        station_id TEXT PRIMARY KEY,
        company_prefix TEXT NOT NULL,
        extension_digit INTEGER NOT NULL CHECK (extension_digit BETWEEN 0 AND 9),
        first_serial TEXT NOT NULL,
        last_serial TEXT NOT NULL,
        next_serial TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE INDEX print_jobs_printer ON print_jobs(printer_id, status, created_at);
    `);
  },
};
