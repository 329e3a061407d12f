import type { Migration } from '../migrate';

// Afosto pull and push. Afosto units are one row each (shipment_units / pick_list_items keep the
// unit id in remote_id): pulls and pushes find them by that id, hence the indexes. remote_files
// keeps a label or packing-slip file the remote rendered (PDF or ZPL), for the printing side.
// orders.afosto_lines_at: the order's remote updated_at when its lines were last read, so a sweep
// re-reads the lines (one call per order) only of orders that changed.
export const migration: Migration = {
  version: 12,
  name: 'afosto',
  up(db) {
    db.exec(`
      CREATE INDEX shipment_units_remote ON shipment_units(remote_id);
      CREATE INDEX pick_list_items_remote ON pick_list_items(remote_id);
      ALTER TABLE orders ADD COLUMN afosto_lines_at TEXT;

      CREATE TABLE remote_files (
        id TEXT PRIMARY KEY,
        remote TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('label', 'slip')),
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        remote_file_id TEXT NOT NULL,
        mime TEXT,
        format TEXT NOT NULL CHECK (format IN ('zpl', 'pdf', 'other')),
        bytes BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (remote, remote_file_id)
      ) STRICT;
      CREATE INDEX remote_files_entity ON remote_files(entity, entity_id, created_at);
    `);
  },
};
