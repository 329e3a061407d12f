import type { Migration } from '../migrate';

// Catalogue, orders, picking, shipping, parcels, scans and print jobs.
// Rows mirrored from a remote carry `remote_id`; local ids are uuid v7 strings.
export const migration: Migration = {
  version: 3,
  name: 'warehouse',
  up(db) {
    db.exec(`
      CREATE TABLE products (
        id TEXT PRIMARY KEY,
        sku TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        description TEXT,
        weight_grams INTEGER,
        image_url TEXT,
        remote_id TEXT UNIQUE,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- One product has many codes (EAN-13, UPC-A, GTIN-14 of a case, internal); a scan looks up here.
      CREATE TABLE product_barcodes (
        code TEXT PRIMARY KEY,
        product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('ean13', 'ean8', 'upca', 'gtin14', 'code128', 'internal')),
        units INTEGER NOT NULL DEFAULT 1 CHECK (units > 0)
      ) STRICT;
      CREATE INDEX product_barcodes_product ON product_barcodes(product_id);

      CREATE TABLE positions (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        zone TEXT,
        sort_key TEXT NOT NULL,
        remote_id TEXT UNIQUE
      ) STRICT;

      CREATE TABLE product_positions (
        product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        position_id TEXT NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
        quantity INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (product_id, position_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX product_positions_position ON product_positions(position_id);

      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        remote_id TEXT UNIQUE,
        status TEXT NOT NULL,
        customer_name TEXT,
        company_name TEXT,
        email TEXT,
        phone TEXT,
        ship_to TEXT,
        channel TEXT,
        contact_id TEXT,
        placed_at INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX orders_contact ON orders(contact_id, placed_at);
      CREATE INDEX orders_status ON orders(status, placed_at);

      CREATE TABLE order_lines (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        line_no INTEGER NOT NULL,
        product_id TEXT REFERENCES products(id),
        sku TEXT NOT NULL,
        name TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        remote_id TEXT,
        UNIQUE (order_id, line_no)
      ) STRICT;
      CREATE INDEX order_lines_product ON order_lines(product_id);

      CREATE TABLE pick_lists (
        id TEXT PRIMARY KEY,
        remote_id TEXT UNIQUE,
        status TEXT NOT NULL,
        station_id TEXT,
        assigned_user_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE pick_list_items (
        id TEXT PRIMARY KEY,
        pick_list_id TEXT NOT NULL REFERENCES pick_lists(id) ON DELETE CASCADE,
        order_line_id TEXT REFERENCES order_lines(id),
        product_id TEXT NOT NULL REFERENCES products(id),
        position_id TEXT REFERENCES positions(id),
        rank INTEGER NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        remote_id TEXT
      ) STRICT;
      CREATE INDEX pick_list_items_list ON pick_list_items(pick_list_id, rank);

      CREATE TABLE shipments (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        remote_id TEXT UNIQUE,
        status TEXT NOT NULL,
        carrier TEXT,
        method TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX shipments_order ON shipments(order_id);

      CREATE TABLE shipment_units (
        id TEXT PRIMARY KEY,
        shipment_id TEXT NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
        order_line_id TEXT REFERENCES order_lines(id),
        product_id TEXT REFERENCES products(id),
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        remote_id TEXT
      ) STRICT;
      CREATE INDEX shipment_units_shipment ON shipment_units(shipment_id);

      CREATE TABLE parcels (
        id TEXT PRIMARY KEY,
        shipment_id TEXT REFERENCES shipments(id),
        order_id TEXT NOT NULL REFERENCES orders(id),
        seq INTEGER NOT NULL,
        weight_grams INTEGER,
        sscc TEXT UNIQUE,
        tracking_number TEXT,
        carrier TEXT,
        status TEXT NOT NULL,
        remote_id TEXT UNIQUE,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (order_id, seq)
      ) STRICT;

      CREATE TABLE parcel_units (
        id TEXT PRIMARY KEY,
        parcel_id TEXT NOT NULL REFERENCES parcels(id) ON DELETE CASCADE,
        order_line_id TEXT REFERENCES order_lines(id),
        product_id TEXT REFERENCES products(id),
        quantity INTEGER NOT NULL CHECK (quantity > 0)
      ) STRICT;
      CREATE INDEX parcel_units_parcel ON parcel_units(parcel_id);

      -- Append-only: quantities shown are derived from this log; undo appends a compensating row.
      CREATE TABLE scan_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        station_id TEXT NOT NULL,
        user_id TEXT,
        at INTEGER NOT NULL,
        raw TEXT NOT NULL,
        read_as TEXT NOT NULL CHECK (read_as IN ('product', 'position', 'order', 'parcel', 'command', 'gs1', 'unknown')),
        context TEXT NOT NULL,
        entity TEXT,
        entity_id TEXT,
        quantity INTEGER NOT NULL DEFAULT 0,
        result TEXT NOT NULL CHECK (result IN ('ok', 'error', 'undo', 'override')),
        compensates TEXT REFERENCES scan_events(id),
        details TEXT
      ) STRICT;
      CREATE INDEX scan_events_entity ON scan_events(entity, entity_id, seq);
      CREATE TRIGGER scan_events_no_update BEFORE UPDATE ON scan_events
        BEGIN SELECT RAISE(ABORT, 'scan_events is append-only'); END;
      CREATE TRIGGER scan_events_no_delete BEFORE DELETE ON scan_events
        BEGIN SELECT RAISE(ABORT, 'scan_events is append-only'); END;

      CREATE TABLE print_jobs (
        id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        printer_id TEXT,
        kind TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('zpl', 'pdf')),
        title TEXT NOT NULL DEFAULT '',
        payload BLOB NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'done', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error TEXT,
        reprint_of TEXT REFERENCES print_jobs(id),
        order_id TEXT,
        parcel_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX print_jobs_status ON print_jobs(status, next_attempt_at);
      CREATE INDEX print_jobs_station ON print_jobs(station_id, created_at);
    `);
  },
};
