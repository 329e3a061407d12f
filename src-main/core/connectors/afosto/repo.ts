// SQL of the Afosto connector: the local rows its pulls upsert (by remote id) and the remote ids
// its pushes resolve from local ids. Statements are prepared once per repo (Db also caches them).
import type { Db, Statement } from '../../db/database';
import { newId } from '../../util/ids';

const REMOTE = 'afosto';

interface IdRow {
  id: string;
}
interface LineDbRow {
  id: string;
  sku: string;
  line_no: number;
}
interface UnitDbRow {
  id: string;
  remote_id: string | null;
}

export interface PickItemRef {
  listRemoteId: string | null;
  unitRemoteId: string | null;
}

/** A pick list's number and due date (epoch ms), as Afosto lists them. */
export interface PickListHead {
  number?: string | null;
  dueAt?: number | null;
}

export interface ParcelRef {
  remoteId: string | null;
  shipmentId: string | null;
  shipmentRemoteId: string | null;
}

export interface StoredFile {
  kind: 'label' | 'slip';
  entity: string;
  entityId: string;
  remoteFileId: string;
  mime: string | null;
  format: 'zpl' | 'pdf' | 'other';
  bytes: Uint8Array;
  at: number;
}

export class AfostoRepo {
  private readonly s: Record<string, Statement>;

  constructor(readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      positionUpsert: p(
        `INSERT INTO positions (id, code, zone, sort_key, remote_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(code) DO UPDATE SET zone = excluded.zone, sort_key = excluded.sort_key, remote_id = excluded.remote_id`,
      ),
      positionId: p(`SELECT id, sort_key FROM positions WHERE code = ?`),
      productBySku: p(`SELECT id, name FROM products WHERE sku = ?`),
      productInsert: p(`INSERT INTO products (id, sku, name, remote_id, updated_at) VALUES (?, ?, ?, ?, ?)`),
      productName: p(`UPDATE products SET name = ?, updated_at = ? WHERE id = ?`),
      barcodeUpsert: p(
        `INSERT INTO product_barcodes (code, product_id, kind) VALUES (?, ?, ?)
         ON CONFLICT(code) DO UPDATE SET product_id = excluded.product_id, kind = excluded.kind`,
      ),
      productPosition: p(`INSERT OR IGNORE INTO product_positions (product_id, position_id) VALUES (?, ?)`),
      orderByRemote: p(`SELECT id FROM orders WHERE remote_id = ?`),
      // an order first known locally by its number (typed or scanned) is adopted by remote id
      orderByRemoteOrNumber: p(`SELECT id FROM orders WHERE remote_id = ? UNION ALL SELECT id FROM orders WHERE number = ? LIMIT 1`),
      orderInsert: p(`INSERT INTO orders (id, number, remote_id, status, channel, contact_id, placed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      orderUpdate: p(`UPDATE orders SET number = ?, remote_id = ?, status = ?, channel = ?, contact_id = ?, placed_at = ?, updated_at = ? WHERE id = ?`),
      linesAt: p(`SELECT afosto_lines_at AS at FROM orders WHERE remote_id = ?`),
      setLinesAt: p(`UPDATE orders SET afosto_lines_at = ? WHERE id = ?`),
      linesOf: p(`SELECT id, sku, line_no FROM order_lines WHERE order_id = ?`),
      lineInsert: p(`INSERT INTO order_lines (id, order_id, line_no, product_id, sku, name, quantity, remote_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      lineUpdate: p(`UPDATE order_lines SET product_id = ?, name = ?, quantity = ?, remote_id = ? WHERE id = ?`),
      // a line still named by a pick, shipment or parcel row stays (FKs): it only disappears remotely
      lineDelete: p(
        `DELETE FROM order_lines WHERE id = @id
           AND NOT EXISTS (SELECT 1 FROM pick_list_items WHERE order_line_id = @id)
           AND NOT EXISTS (SELECT 1 FROM shipment_units WHERE order_line_id = @id)
           AND NOT EXISTS (SELECT 1 FROM parcel_units WHERE order_line_id = @id)`,
      ),
      lineBySku: p(`SELECT id FROM order_lines WHERE order_id = ? AND sku = ? LIMIT 1`),
      shipmentByRemote: p(`SELECT id, order_id FROM shipments WHERE remote_id = ?`),
      shipmentInsert: p(`INSERT INTO shipments (id, order_id, remote_id, status, method, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      shipmentUpdate: p(`UPDATE shipments SET order_id = ?, status = ?, method = ?, updated_at = ? WHERE id = ?`),
      // the listed-header digest each shipment's detail was last applied at (0017)
      shipmentReads: p(`SELECT r.remote_id, r.seen FROM json_each(?) j JOIN afosto_shipment_reads r ON r.remote_id = j.value`),
      shipmentReadSet: p(`INSERT INTO afosto_shipment_reads (remote_id, seen) VALUES (?, ?) ON CONFLICT(remote_id) DO UPDATE SET seen = excluded.seen`),
      shipmentReadForget: p(`DELETE FROM afosto_shipment_reads WHERE remote_id = ?`),
      shipmentReadForgetLocal: p(`DELETE FROM afosto_shipment_reads WHERE remote_id = (SELECT s.remote_id FROM parcels p JOIN shipments s ON s.id = p.shipment_id WHERE p.id = ?)`),
      unitsOf: p(`SELECT id, remote_id FROM shipment_units WHERE shipment_id = ?`),
      unitInsert: p(`INSERT INTO shipment_units (id, shipment_id, order_line_id, product_id, quantity, remote_id) VALUES (?, ?, ?, ?, 1, ?)`),
      unitUpdate: p(`UPDATE shipment_units SET order_line_id = ?, product_id = ? WHERE id = ?`),
      unitDelete: p(`DELETE FROM shipment_units WHERE id = ?`),
      unitLineByRemote: p(`SELECT order_line_id FROM shipment_units WHERE remote_id = ? LIMIT 1`),
      listByRemote: p(`SELECT id FROM pick_lists WHERE remote_id = ?`),
      // number and due_at since 0018 (the Pick screen lists and filters by them)
      listInsert: p(`INSERT INTO pick_lists (id, remote_id, status, assigned_user_id, created_at, updated_at, number, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      // only when something differs: `changes` then says whether the pull changed the list (picking.changed)
      listUpdate: p(
        `UPDATE pick_lists SET status = @status, assigned_user_id = @sub, updated_at = @now, number = @number, due_at = @dueAt
          WHERE id = @id AND (status IS NOT @status OR assigned_user_id IS NOT @sub OR number IS NOT @number OR due_at IS NOT @dueAt)`,
      ),
      listItemsOf: p(`SELECT id, remote_id FROM pick_list_items WHERE pick_list_id = ?`),
      // remote_handled / remote_missing since 0018: the unit's is_handled / is_missing (the Pick screen counts them)
      listItemInsert: p(
        `INSERT INTO pick_list_items (id, pick_list_id, order_line_id, product_id, position_id, rank, quantity, remote_id, remote_handled, remote_missing) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
      ),
      listItemUpdate: p(
        `UPDATE pick_list_items SET order_line_id = @lineId, product_id = @productId, position_id = @positionId, rank = @rank, remote_handled = @handled, remote_missing = @missing
          WHERE id = @id AND (order_line_id IS NOT @lineId OR product_id IS NOT @productId OR position_id IS NOT @positionId OR rank IS NOT @rank
                              OR remote_handled IS NOT @handled OR remote_missing IS NOT @missing)`,
      ),
      listItemDelete: p(`DELETE FROM pick_list_items WHERE id = ?`),
      parcelByRemote: p(`SELECT id FROM parcels WHERE remote_id = ?`),
      parcelStateByRemote: p(`SELECT id, status FROM parcels WHERE remote_id = ?`),
      parcelNextSeq: p(`SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM parcels WHERE order_id = ?`),
      parcelInsert: p(
        `INSERT INTO parcels (id, shipment_id, order_id, seq, weight_grams, tracking_number, status, remote_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      parcelUpdate: p(
        `UPDATE parcels SET shipment_id = @shipmentId, weight_grams = @weight, tracking_number = @tracking, status = @status, updated_at = @now
          WHERE id = @id AND (shipment_id IS NOT @shipmentId OR weight_grams IS NOT @weight OR tracking_number IS NOT @tracking OR status IS NOT @status)`,
      ),
      parcelUnitsOf: p(`SELECT order_line_id AS lineId, product_id AS productId, quantity FROM parcel_units WHERE parcel_id = ?`),
      parcelUnitsClear: p(`DELETE FROM parcel_units WHERE parcel_id = ?`),
      parcelUnitInsert: p(`INSERT INTO parcel_units (id, parcel_id, order_line_id, product_id, quantity) VALUES (?, ?, ?, ?, ?)`),
      recordUpsert: p(
        `INSERT INTO remote_records (remote, resource, remote_id, data, updated_at) VALUES ('${REMOTE}', ?, ?, ?, ?)
         ON CONFLICT(remote, resource, remote_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
      ),
      // hub printers as pulled (GET /spl/printers, /spl/hubs → remote_records), for choosing one
      hubPrinters: p(
        `SELECT p.remote_id AS id, p.data AS printer, h.data AS hub FROM remote_records p
           LEFT JOIN remote_records h ON h.remote = '${REMOTE}' AND h.resource = 'hubs' AND h.remote_id = json_extract(p.data, '$.hub_id')
          WHERE p.remote = '${REMOTE}' AND p.resource = 'printers' ORDER BY json_extract(h.data, '$.name'), json_extract(p.data, '$.name'), p.remote_id`,
      ),
      // push side
      pickItemRef: p(`SELECT l.remote_id AS list, i.remote_id AS unit FROM pick_list_items i JOIN pick_lists l ON l.id = i.pick_list_id WHERE i.id = ?`),
      shipmentRemote: p(`SELECT remote_id FROM shipments WHERE id = ?`),
      unitRemote: p(`SELECT remote_id, shipment_id FROM shipment_units WHERE id = ?`),
      parcelRef: p(`SELECT p.remote_id AS remote, p.shipment_id AS shipment, s.remote_id AS shipmentRemote FROM parcels p LEFT JOIN shipments s ON s.id = p.shipment_id WHERE p.id = ?`),
      // a pull may have mirrored the parcel before its create's reply was recorded: that copy goes
      parcelDropCopy: p(`DELETE FROM parcels WHERE remote_id = ? AND id <> ?`),
      parcelSetRemote: p(`UPDATE parcels SET remote_id = ?, updated_at = ? WHERE id = ? AND (remote_id IS NULL OR remote_id = ?)`),
      parcelLabelDone: p(`UPDATE parcels SET tracking_number = COALESCE(?, tracking_number), status = CASE WHEN status = 'open' THEN 'labeled' ELSE status END, updated_at = ? WHERE id = ?`),
      fileUpsert: p(
        `INSERT INTO remote_files (id, remote, kind, entity, entity_id, remote_file_id, mime, format, bytes, created_at) VALUES (?, '${REMOTE}', ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(remote, remote_file_id) DO UPDATE SET bytes = excluded.bytes, mime = excluded.mime, format = excluded.format`,
      ),
      fileLatest: p(`SELECT id, kind, entity, entity_id, remote_file_id, mime, format, bytes, created_at FROM remote_files WHERE remote = '${REMOTE}' AND entity = ? AND entity_id = ? AND kind = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`),
    };
  }

  // ---- pull: positions, products -------------------------------------------------------------

  upsertPosition(code: string, zone: string | null, sortKey: string): void {
    this.s.positionUpsert!.run(newId(), code, zone, sortKey, code);
  }

  positionId(code: string | null | undefined): string | null {
    return this.position(code)?.id ?? null;
  }

  position(code: string | null | undefined): { id: string; sort_key: string } | undefined {
    if (!code) return undefined;
    return this.s.positionId!.get(code) as { id: string; sort_key: string } | undefined;
  }

  /**
   * The product of a SKU, created on first sight: Afosto has no product catalogue call, so a
   * product is known by its SKU, named by the first description seen (the SKU until then).
   */
  product(sku: string, name: string | null | undefined, now: number): string {
    const row = this.s.productBySku!.get(sku) as { id: string; name: string } | undefined;
    if (row) {
      if (name && row.name === sku && name !== sku) this.s.productName!.run(name, now, row.id);
      return row.id;
    }
    const id = newId();
    this.s.productInsert!.run(id, sku, name || sku, sku, now);
    return id;
  }

  upsertBarcode(code: string, productId: string, kind: string): void {
    this.s.barcodeUpsert!.run(code, productId, kind);
  }

  linkProductPosition(productId: string, positionId: string): void {
    this.s.productPosition!.run(productId, positionId);
  }

  // ---- pull: orders -------------------------------------------------------------------------

  orderId(remoteId: string, number?: string): string | undefined {
    const row = (number === undefined ? this.s.orderByRemote!.get(remoteId) : this.s.orderByRemoteOrNumber!.get(remoteId, number)) as IdRow | undefined;
    return row?.id;
  }

  insertOrder(id: string, o: { number: string; remoteId: string; status: string; channel: string | null; contactId: string | null; placedAt: number | null }, now: number): void {
    this.s.orderInsert!.run(id, o.number, o.remoteId, o.status, o.channel, o.contactId, o.placedAt, now);
  }

  updateOrder(id: string, o: { number: string; remoteId: string; status: string; channel: string | null; contactId: string | null; placedAt: number | null }, now: number): void {
    this.s.orderUpdate!.run(o.number, o.remoteId, o.status, o.channel, o.contactId, o.placedAt, now, id);
  }

  /** The remote updated_at at which this order's lines were last read (undefined: not local). */
  linesAt(remoteId: string): string | null | undefined {
    const r = this.s.linesAt!.get(remoteId) as { at: string | null } | undefined;
    return r ? r.at : undefined;
  }

  setLinesAt(orderId: string, at: string | null): void {
    this.s.setLinesAt!.run(at, orderId);
  }

  linesOf(orderId: string): LineDbRow[] {
    return this.s.linesOf!.all(orderId) as LineDbRow[];
  }

  insertLine(orderId: string, lineNo: number, productId: string, l: { sku: string; name: string; quantity: number; remoteId: string }): void {
    this.s.lineInsert!.run(newId(), orderId, lineNo, productId, l.sku, l.name, l.quantity, l.remoteId);
  }

  updateLine(id: string, productId: string, l: { name: string; quantity: number; remoteId: string }): void {
    this.s.lineUpdate!.run(productId, l.name, l.quantity, l.remoteId, id);
  }

  deleteLine(id: string): void {
    this.s.lineDelete!.run({ id });
  }

  lineBySku(orderId: string, sku: string): string | null {
    return (this.s.lineBySku!.get(orderId, sku) as IdRow | undefined)?.id ?? null;
  }

  // ---- pull: shipments ----------------------------------------------------------------------

  shipment(remoteId: string): { id: string; order_id: string } | undefined {
    return this.s.shipmentByRemote!.get(remoteId) as { id: string; order_id: string } | undefined;
  }

  insertShipment(id: string, orderId: string, remoteId: string, status: string, method: string | null, createdAt: number, now: number): void {
    this.s.shipmentInsert!.run(id, orderId, remoteId, status, method, createdAt, now);
  }

  updateShipment(id: string, orderId: string, status: string, method: string | null, now: number): void {
    this.s.shipmentUpdate!.run(orderId, status, method, now, id);
  }

  /** remote id → digest of the listed header its detail was last applied at, for these shipments. */
  shipmentReads(remoteIds: readonly string[]): Map<string, string> {
    const rows = this.s.shipmentReads!.all(JSON.stringify(remoteIds)) as { remote_id: string; seen: string }[];
    return new Map(rows.map((r) => [r.remote_id, r.seen]));
  }

  setShipmentRead(remoteId: string, seen: string): void {
    this.s.shipmentReadSet!.run(remoteId, seen);
  }

  /** The shipment's detail is read again on the next sweep (something its listed header does not show changed). */
  forgetShipmentRead(remoteId: string): void {
    this.s.shipmentReadForget!.run(remoteId);
  }

  unitsOf(shipmentId: string): UnitDbRow[] {
    return this.s.unitsOf!.all(shipmentId) as UnitDbRow[];
  }

  insertUnit(shipmentId: string, lineId: string | null, productId: string, remoteId: string): void {
    this.s.unitInsert!.run(newId(), shipmentId, lineId, productId, remoteId);
  }

  updateUnit(id: string, lineId: string | null, productId: string): void {
    this.s.unitUpdate!.run(lineId, productId, id);
  }

  deleteUnit(id: string): void {
    this.s.unitDelete!.run(id);
  }

  lineOfUnit(unitRemoteId: string): string | null {
    return (this.s.unitLineByRemote!.get(unitRemoteId) as { order_line_id: string | null } | undefined)?.order_line_id ?? null;
  }

  // ---- pull: pick lists ---------------------------------------------------------------------

  pickListId(remoteId: string): string | undefined {
    return (this.s.listByRemote!.get(remoteId) as IdRow | undefined)?.id;
  }

  insertPickList(id: string, remoteId: string, status: string, sub: string | null, createdAt: number, now: number, head: PickListHead = {}): void {
    this.s.listInsert!.run(id, remoteId, status, sub, createdAt, now, head.number ?? null, head.dueAt ?? null);
  }

  /** False when the list was as pulled already (nothing written). */
  updatePickList(id: string, status: string, sub: string | null, now: number, head: PickListHead = {}): boolean {
    return this.s.listUpdate!.run({ id, status, sub, now, number: head.number ?? null, dueAt: head.dueAt ?? null }).changes > 0;
  }

  pickItemsOf(listId: string): UnitDbRow[] {
    return this.s.listItemsOf!.all(listId) as UnitDbRow[];
  }

  insertPickItem(listId: string, i: { lineId: string | null; productId: string; positionId: string | null; rank: number; remoteId: string; handled?: boolean; missing?: boolean }): void {
    this.s.listItemInsert!.run(newId(), listId, i.lineId, i.productId, i.positionId, i.rank, i.remoteId, i.handled ? 1 : 0, i.missing ? 1 : 0);
  }

  /** False when the item was as pulled already (nothing written). */
  updatePickItem(id: string, i: { lineId: string | null; productId: string; positionId: string | null; rank: number; handled?: boolean; missing?: boolean }): boolean {
    return this.s.listItemUpdate!.run({ id, lineId: i.lineId, productId: i.productId, positionId: i.positionId, rank: i.rank, handled: i.handled ? 1 : 0, missing: i.missing ? 1 : 0 }).changes > 0;
  }

  deletePickItem(id: string): boolean {
    return this.s.listItemDelete!.run(id).changes > 0;
  }

  // ---- pull: parcels ------------------------------------------------------------------------

  parcelId(remoteId: string): string | undefined {
    return (this.s.parcelByRemote!.get(remoteId) as IdRow | undefined)?.id;
  }

  parcelState(remoteId: string): { id: string; status: string } | undefined {
    return this.s.parcelStateByRemote!.get(remoteId) as { id: string; status: string } | undefined;
  }

  insertParcel(id: string, p: { shipmentId: string; orderId: string; weight: number | null; tracking: string | null; status: string; remoteId: string; createdAt: number }, now: number): void {
    const seq = (this.s.parcelNextSeq!.get(p.orderId) as { n: number }).n;
    this.s.parcelInsert!.run(id, p.shipmentId, p.orderId, seq, p.weight, p.tracking, p.status, p.remoteId, p.createdAt, now);
  }

  /** False when the parcel was as pulled already (nothing written). */
  updateParcel(id: string, p: { shipmentId: string; weight: number | null; tracking: string | null; status: string }, now: number): boolean {
    return this.s.parcelUpdate!.run({ id, shipmentId: p.shipmentId, weight: p.weight, tracking: p.tracking, status: p.status, now }).changes > 0;
  }

  /**
   * parcel_units has no remote id: a parcel's units are replaced as a whole (grouped per SKU) —
   * only when they differ from what is stored, so a sweep rewrites nothing. True when replaced.
   */
  replaceParcelUnits(parcelId: string, units: { lineId: string | null; productId: string; quantity: number }[]): boolean {
    const key = (u: { lineId: string | null; productId: string | null; quantity: number }) => `${u.lineId ?? ''}|${u.productId ?? ''}|${u.quantity}`;
    const have = (this.s.parcelUnitsOf!.all(parcelId) as { lineId: string | null; productId: string | null; quantity: number }[]).map(key).sort();
    const want = units.map(key).sort();
    if (have.length === want.length && have.every((k, i) => k === want[i])) return false;
    this.s.parcelUnitsClear!.run(parcelId);
    for (const u of units) this.s.parcelUnitInsert!.run(newId(), parcelId, u.lineId, u.productId, u.quantity);
    return true;
  }

  upsertRecord(resource: string, remoteId: string, data: unknown, now: number): void {
    this.s.recordUpsert!.run(resource, remoteId, JSON.stringify(data), now);
  }

  /** The hub printers pulled from Afosto, rows as stored (JSON). */
  hubPrinterRows(): { id: string; printer: string; hub: string | null }[] {
    return this.s.hubPrinters!.all() as { id: string; printer: string; hub: string | null }[];
  }

  // ---- push: local id → remote ids ----------------------------------------------------------

  pickItemRef(localId: string): PickItemRef | undefined {
    const r = this.s.pickItemRef!.get(localId) as { list: string | null; unit: string | null } | undefined;
    return r ? { listRemoteId: r.list, unitRemoteId: r.unit } : undefined;
  }

  shipmentRemoteId(localId: string): string | null | undefined {
    const r = this.s.shipmentRemote!.get(localId) as { remote_id: string | null } | undefined;
    return r ? r.remote_id : undefined;
  }

  unitRemote(localId: string): { remoteId: string | null; shipmentId: string } | undefined {
    const r = this.s.unitRemote!.get(localId) as { remote_id: string | null; shipment_id: string } | undefined;
    return r ? { remoteId: r.remote_id, shipmentId: r.shipment_id } : undefined;
  }

  parcelRef(localId: string): ParcelRef | undefined {
    const r = this.s.parcelRef!.get(localId) as { remote: string | null; shipment: string | null; shipmentRemote: string | null } | undefined;
    return r ? { remoteId: r.remote, shipmentId: r.shipment, shipmentRemoteId: r.shipmentRemote } : undefined;
  }

  /** The remote id a parcel create got, written once (a second, different id would be a bug upstream). */
  setParcelRemoteId(localId: string, remoteId: string, now: number): boolean {
    return this.db.tx(() => {
      this.s.parcelDropCopy!.run(remoteId, localId);
      return this.s.parcelSetRemote!.run(remoteId, now, localId, remoteId).changes > 0;
    });
  }

  isKnownParcel(remoteId: string): boolean {
    return this.parcelId(remoteId) !== undefined;
  }

  /** A label arrived: the parcel is labeled, and its shipment's detail (is_labeled) is read again next sweep. */
  labelDone(localParcelId: string, tracking: string | null, now: number): void {
    this.db.tx(() => {
      this.s.parcelLabelDone!.run(tracking, now, localParcelId);
      this.s.shipmentReadForgetLocal!.run(localParcelId);
    });
  }

  saveFile(f: StoredFile): string {
    const id = newId();
    this.db.tx(() => this.s.fileUpsert!.run(id, f.kind, f.entity, f.entityId, f.remoteFileId, f.mime, f.format, Buffer.from(f.bytes), f.at));
    return id;
  }

  latestFile(entity: string, entityId: string, kind: 'label' | 'slip'): (StoredFile & { id: string }) | undefined {
    const r = this.s.fileLatest!.get(entity, entityId, kind) as
      | { id: string; kind: 'label' | 'slip'; entity: string; entity_id: string; remote_file_id: string; mime: string | null; format: 'zpl' | 'pdf' | 'other'; bytes: Buffer; created_at: number }
      | undefined;
    if (!r) return undefined;
    return { id: r.id, kind: r.kind, entity: r.entity, entityId: r.entity_id, remoteFileId: r.remote_file_id, mime: r.mime, format: r.format, bytes: new Uint8Array(r.bytes), at: r.created_at };
  }
}
