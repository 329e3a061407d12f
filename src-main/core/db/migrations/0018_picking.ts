import type { Migration } from '../migrate';

// Picking. pick_lists gains Afosto's list number and due date (the list screen filters on them).
// pick_list_items.remote_handled / remote_missing: Afosto says the unit is handled / missing (done
// at another station, or our own pick or short pick pushed and pulled back); the walk counts it as
// picked / short unless this station's log speaks of it.
// pick_list_totes: in a batch list (units of several shipments) each shipment gets a tote, numbered
// once when the list is first opened so the number never moves under the picker; the pack screen
// finds a shipment by its tote. The scan path reads a list's units through pick_list_items_list
// and its events through scan_events_entity; pick_list_items → shipment goes through
// shipment_units_remote (the Afosto unit id is the same on both).
export const migration: Migration = {
  version: 18,
  name: 'picking',
  up(db) {
    db.exec(`
      ALTER TABLE pick_lists ADD COLUMN number TEXT;
      ALTER TABLE pick_lists ADD COLUMN due_at INTEGER;
      CREATE INDEX pick_lists_status ON pick_lists(status, due_at);
      ALTER TABLE pick_list_items ADD COLUMN remote_handled INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE pick_list_items ADD COLUMN remote_missing INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE pick_list_totes (
        pick_list_id TEXT NOT NULL REFERENCES pick_lists(id) ON DELETE CASCADE,
        shipment_id TEXT NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
        tote TEXT NOT NULL,
        PRIMARY KEY (pick_list_id, shipment_id),
        UNIQUE (pick_list_id, tote)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX pick_list_totes_tote ON pick_list_totes(tote);
    `);
  },
};
