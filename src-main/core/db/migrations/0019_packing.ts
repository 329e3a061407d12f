import type { Migration } from '../migrate';

// Packing at the bench (issue 10, Pack). The scan log (scan_events) is the record of what the
// packer did; these tables are its projection, written in the same transaction as each event, so
// a scan reads a few indexed rows instead of replaying the log:
// - pack_units: which shipment unit went into which parcel. No FK to shipment_units: a unit the
//   remote later drops stays counted, and its line shows "over".
// - pack_parcels: what packing knows of a parcel it opened (box, weight source, closed, which label
//   printed it — the claim that makes a label print exactly once per close, own or carrier, and the
//   same for the packing slip on the last parcel).
// - pack_overrides: a supervisor's permission to label an unverified shipment (also in audit_log).
// - pack_settings: per station, which label a close prints and the ship-from address.
export const migration: Migration = {
  version: 19,
  name: 'packing',
  up(db) {
    db.exec(`
      CREATE TABLE pack_units (
        unit_id TEXT PRIMARY KEY,
        shipment_id TEXT NOT NULL,
        parcel_id TEXT NOT NULL REFERENCES parcels(id) ON DELETE CASCADE,
        line_id TEXT NOT NULL,
        product_id TEXT,
        scan_event_id TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX pack_units_shipment ON pack_units(shipment_id, line_id);
      CREATE INDEX pack_units_parcel ON pack_units(parcel_id);

      CREATE TABLE pack_parcels (
        parcel_id TEXT PRIMARY KEY REFERENCES parcels(id) ON DELETE CASCADE,
        shipment_id TEXT NOT NULL,
        box_type TEXT,
        length_cm INTEGER,
        width_cm INTEGER,
        height_cm INTEGER,
        weight_source TEXT CHECK (weight_source IN ('typed', 'scale')),
        opened_at INTEGER NOT NULL,
        closed_at INTEGER,
        label_mode TEXT CHECK (label_mode IN ('carrier', 'own')),
        label_source TEXT CHECK (label_source IN ('carrier', 'own')),
        label_job_id TEXT,
        label_at INTEGER,
        slip_mode TEXT CHECK (slip_mode IN ('carrier', 'own')),
        slip_source TEXT CHECK (slip_source IN ('carrier', 'own')),
        slip_job_id TEXT
      ) STRICT;
      CREATE INDEX pack_parcels_shipment ON pack_parcels(shipment_id, opened_at);
      CREATE INDEX pack_parcels_closed ON pack_parcels(closed_at) WHERE closed_at IS NOT NULL;

      CREATE TABLE pack_overrides (
        shipment_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('pin', 'badge')),
        reason TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE pack_settings (
        station_id TEXT PRIMARY KEY,
        label_source TEXT NOT NULL DEFAULT 'carrier' CHECK (label_source IN ('carrier', 'own')),
        ship_from TEXT
      ) STRICT;
    `);
  },
};
