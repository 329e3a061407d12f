import type { Migration } from '../migrate';

// Afosto shipment details read incrementally. GET /lcs/shipments lists each shipment's header
// (LcsListedShipment: flags, list_id, updated_at) but not its units; the units cost one
// GET /lcs/shipments/{id} each. `seen` is a digest of the listed header as it was when the detail
// was last applied: a sweep reads the detail again only when the header changed. Keyed by remote
// id (not on shipments) because shipments without an order are never mirrored yet are listed.
export const migration: Migration = {
  version: 17,
  name: 'afosto_shipment_reads',
  up(db) {
    db.exec(`
      CREATE TABLE afosto_shipment_reads (
        remote_id TEXT PRIMARY KEY,
        seen TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
