// All SQL of packing: the lookups a scan needs (each by an index: see the EXPLAIN test), the scan
// log, and its projection (pack_units, pack_parcels, parcel_units) written in the caller's
// transaction. Statements are prepared once, in the constructor.
import type { LabelSource, PackSettings, WeightSource } from '../../../src-preload/contract';
import type { Db, Statement } from '../db/database';
import { newId } from '../util/ids';
import { lineKey, type PackedFact, type UnitFact } from './domain';

export interface ShipmentHead {
  id: string;
  orderId: string;
  orderNumber: string;
  status: string;
  carrier: string | null;
  method: string | null;
  customerName: string | null;
  companyName: string | null;
  shipTo: string | null;
  phone: string | null;
}

export interface UnitRow extends UnitFact {
  unitId: string;
  orderLineId: string | null;
}

export interface PackedRow extends PackedFact {
  unitId: string;
}

export interface ParcelRow {
  id: string;
  seq: number;
  weightGrams: number | null;
  trackingNumber: string | null;
  boxType: string | null;
  lengthCm: number | null;
  widthCm: number | null;
  heightCm: number | null;
  weightSource: WeightSource | null;
  openedAt: number;
  closedAt: number | null;
  labelMode: LabelSource | null;
  labelSource: LabelSource | null;
  labelJobId: string | null;
  slipMode: LabelSource | null;
  slipSource: LabelSource | null;
  slipJobId: string | null;
}

export interface PackParcelRef {
  parcelId: string;
  shipmentId: string;
  orderId: string;
  closedAt: number | null;
  labelMode: LabelSource | null;
  labelSource: LabelSource | null;
  labelJobId: string | null;
  slipMode: LabelSource | null;
  slipSource: LabelSource | null;
  slipJobId: string | null;
}

export interface ScanEventRow {
  id: string;
  userId: string | null;
  at: number;
  raw: string;
  readAs: 'product' | 'order' | 'parcel' | 'command' | 'gs1' | 'unknown';
  shipmentId: string | null;
  quantity: number;
  result: 'ok' | 'error' | 'override' | 'undo';
  /** The event an undo takes back (result 'undo'). */
  compensates?: string | null;
  details: unknown;
}

export interface OverrideRow {
  userId: string;
  userName: string | null;
  method: 'pin' | 'badge';
  reason: string;
  at: number;
}

const PARCEL_COLUMNS = `p.id, p.seq, p.weight_grams AS weightGrams, p.tracking_number AS trackingNumber, pp.box_type AS boxType,
  pp.length_cm AS lengthCm, pp.width_cm AS widthCm, pp.height_cm AS heightCm, pp.weight_source AS weightSource,
  pp.opened_at AS openedAt, pp.closed_at AS closedAt, pp.label_mode AS labelMode, pp.label_source AS labelSource,
  pp.label_job_id AS labelJobId, pp.slip_mode AS slipMode, pp.slip_source AS slipSource, pp.slip_job_id AS slipJobId`;

const REF_COLUMNS = `pp.parcel_id AS parcelId, pp.shipment_id AS shipmentId, p.order_id AS orderId, pp.closed_at AS closedAt,
  pp.label_mode AS labelMode, pp.label_source AS labelSource, pp.label_job_id AS labelJobId,
  pp.slip_mode AS slipMode, pp.slip_source AS slipSource, pp.slip_job_id AS slipJobId`;

export class PackingRepo {
  private readonly s: Record<string, Statement>;

  constructor(
    private readonly db: Db,
    private readonly stationId: string,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      productByCode: p(`SELECT p.id, p.sku, p.name FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?`),
      productBySku: p(`SELECT id, sku, name FROM products WHERE sku = ?`),
      orderByNumber: p(`SELECT id FROM orders WHERE number = ?`),
      shipmentsOfOrder: p(`SELECT id FROM shipments WHERE order_id = ? ORDER BY created_at, id`),
      shipmentById: p(`SELECT id FROM shipments WHERE id = ?`),
      shipmentByRemote: p(`SELECT id FROM shipments WHERE remote_id = ?`),
      head: p(
        `SELECT s.id, s.order_id AS orderId, o.number AS orderNumber, s.status, s.carrier, s.method, o.customer_name AS customerName,
                o.company_name AS companyName, o.ship_to AS shipTo, o.phone
           FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.id = ?`,
      ),
      units: p(
        `SELECT su.id AS unitId, su.order_line_id AS orderLineId, su.product_id AS productId,
                COALESCE(ol.sku, pr.sku, '') AS sku, COALESCE(ol.name, pr.name, ol.sku, pr.sku, '') AS name, pr.image_url AS imageUrl
           FROM shipment_units su
           LEFT JOIN order_lines ol ON ol.id = su.order_line_id
           LEFT JOIN products pr ON pr.id = su.product_id
          WHERE su.shipment_id = ?
          ORDER BY ol.line_no, su.id`,
      ),
      packed: p(
        `SELECT pu.unit_id AS unitId, pu.parcel_id AS parcelId, pu.line_id AS lineId, pu.product_id AS productId,
                COALESCE(ol.sku, pr.sku, '') AS sku, COALESCE(ol.name, pr.name, '') AS name, pr.image_url AS imageUrl
           FROM pack_units pu
           LEFT JOIN order_lines ol ON ol.id = pu.line_id
           LEFT JOIN products pr ON pr.id = pu.product_id
          WHERE pu.shipment_id = ?
          ORDER BY pu.at, pu.unit_id`,
      ),
      // the scan path: the units of one product in the shipment, each with whether it is packed
      unitsOfProduct: p(
        `SELECT su.id AS unitId, su.order_line_id AS orderLineId, su.product_id AS productId,
                EXISTS (SELECT 1 FROM pack_units pu WHERE pu.unit_id = su.id) AS packed
           FROM shipment_units su WHERE su.shipment_id = ? AND su.product_id = ? ORDER BY su.id`,
      ),
      currentParcel: p(`SELECT parcel_id AS parcelId FROM pack_parcels WHERE shipment_id = ? AND closed_at IS NULL ORDER BY opened_at DESC, rowid DESC LIMIT 1`),
      parcels: p(`SELECT ${PARCEL_COLUMNS} FROM pack_parcels pp JOIN parcels p ON p.id = pp.parcel_id WHERE pp.shipment_id = ? ORDER BY p.seq`),
      parcelRef: p(`SELECT ${REF_COLUMNS} FROM pack_parcels pp JOIN parcels p ON p.id = pp.parcel_id WHERE pp.parcel_id = ?`),
      nextSeq: p(`SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM parcels WHERE order_id = ?`),
      parcelInsert: p(`INSERT INTO parcels (id, shipment_id, order_id, seq, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?)`),
      packParcelInsert: p(
        `INSERT INTO pack_parcels (parcel_id, shipment_id, box_type, length_cm, width_cm, height_cm, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      weight: p(`UPDATE parcels SET weight_grams = ?, updated_at = ? WHERE id = ?`),
      weightSource: p(`UPDATE pack_parcels SET weight_source = ? WHERE parcel_id = ?`),
      close: p(`UPDATE pack_parcels SET closed_at = ?, label_mode = ?, slip_mode = ? WHERE parcel_id = ? AND closed_at IS NULL`),
      closeParcelRow: p(`UPDATE parcels SET status = 'closed', updated_at = ? WHERE id = ?`),
      claimLabel: p(`UPDATE pack_parcels SET label_source = ?, label_job_id = ?, label_at = ? WHERE parcel_id = ? AND label_source IS NULL`),
      labelJob: p(`UPDATE pack_parcels SET label_job_id = ?, label_at = ? WHERE parcel_id = ?`),
      claimSlip: p(`UPDATE pack_parcels SET slip_source = ?, slip_job_id = ? WHERE parcel_id = ? AND slip_source IS NULL`),
      slipJob: p(`UPDATE pack_parcels SET slip_job_id = ? WHERE parcel_id = ?`),
      lastClosed: p(`SELECT parcel_id AS parcelId FROM pack_parcels WHERE closed_at IS NOT NULL ORDER BY closed_at DESC, rowid DESC LIMIT 1`),
      unitInsert: p(`INSERT INTO pack_units (unit_id, shipment_id, parcel_id, line_id, product_id, scan_event_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      unitsOfLineInParcel: p(`SELECT unit_id AS unitId, product_id AS productId FROM pack_units WHERE parcel_id = ? AND line_id = ?
        ORDER BY at DESC, (SELECT seq FROM scan_events e WHERE e.id = scan_event_id) DESC LIMIT ?`),
      unitMove: p(`UPDATE pack_units SET parcel_id = ? WHERE unit_id = ?`),
      // undo: the unit packed last in the shipment (by its scan's log order) and where it is now
      lastPacked: p(
        `SELECT pu.unit_id AS unitId, pu.parcel_id AS parcelId, pu.line_id AS lineId, pu.product_id AS productId, pu.scan_event_id AS eventId
           FROM pack_units pu JOIN scan_events se ON se.id = pu.scan_event_id
          WHERE pu.shipment_id = ? ORDER BY se.seq DESC LIMIT 1`,
      ),
      unitDelete: p(`DELETE FROM pack_units WHERE unit_id = ?`),
      parcelUnit: p(`SELECT id, quantity FROM parcel_units WHERE parcel_id = ? AND order_line_id IS ? AND product_id IS ?`),
      parcelUnitInsert: p(`INSERT INTO parcel_units (id, parcel_id, order_line_id, product_id, quantity) VALUES (?, ?, ?, ?, ?)`),
      parcelUnitSet: p(`UPDATE parcel_units SET quantity = ? WHERE id = ?`),
      parcelUnitDelete: p(`DELETE FROM parcel_units WHERE id = ?`),
      scanInsert: p(
        `INSERT INTO scan_events (id, station_id, user_id, at, raw, read_as, context, entity, entity_id, quantity, result, compensates, details)
         VALUES (?, ?, ?, ?, ?, ?, 'pack', 'shipment', ?, ?, ?, ?, ?)`,
      ),
      override: p(
        `SELECT o.user_id AS userId, u.name AS userName, o.method, o.reason, o.at FROM pack_overrides o LEFT JOIN users u ON u.id = o.user_id WHERE o.shipment_id = ?`,
      ),
      overrideSet: p(
        `INSERT INTO pack_overrides (shipment_id, user_id, method, reason, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(shipment_id) DO UPDATE SET user_id = excluded.user_id, method = excluded.method, reason = excluded.reason, at = excluded.at`,
      ),
      settings: p(`SELECT label_source AS labelSource, ship_from AS shipFrom FROM pack_settings WHERE station_id = ?`),
      settingsSet: p(
        `INSERT INTO pack_settings (station_id, label_source, ship_from) VALUES (?, ?, ?)
         ON CONFLICT(station_id) DO UPDATE SET label_source = excluded.label_source, ship_from = excluded.ship_from`,
      ),
    };
  }

  // ---- lookups ----------------------------------------------------------------------------------

  /** The product a scanned code names: a barcode (each form given) first, then a SKU. */
  product(codes: readonly string[], text: string): { id: string; sku: string; name: string } | undefined {
    for (const c of codes) {
      const hit = this.s.productByCode!.get(c) as { id: string; sku: string; name: string } | undefined;
      if (hit) return hit;
    }
    return this.s.productBySku!.get(text) as { id: string; sku: string; name: string } | undefined;
  }

  /** The shipments a code names as an order number (or packing-slip barcode), shipment id or remote id. */
  shipmentsByCode(code: string): string[] {
    const order = this.s.orderByNumber!.get(code) as { id: string } | undefined;
    if (order) return (this.s.shipmentsOfOrder!.all(order.id) as { id: string }[]).map((r) => r.id);
    const byId = (this.s.shipmentById!.get(code) ?? this.s.shipmentByRemote!.get(code)) as { id: string } | undefined;
    return byId ? [byId.id] : [];
  }

  head(shipmentId: string): ShipmentHead | undefined {
    return this.s.head!.get(shipmentId) as ShipmentHead | undefined;
  }

  units(shipmentId: string): UnitRow[] {
    const rows = this.s.units!.all(shipmentId) as (Omit<UnitRow, 'lineId'> & { lineId?: string })[];
    return rows.map((r) => ({ ...r, lineId: lineKey(r.orderLineId, r.productId, r.sku) }));
  }

  packed(shipmentId: string): PackedRow[] {
    return this.s.packed!.all(shipmentId) as PackedRow[];
  }

  unitsOfProduct(shipmentId: string, productId: string): { unitId: string; orderLineId: string | null; productId: string; packed: number }[] {
    return this.s.unitsOfProduct!.all(shipmentId, productId) as { unitId: string; orderLineId: string | null; productId: string; packed: number }[];
  }

  /** The parcel scanned items go into: the last opened one still open. */
  currentParcel(shipmentId: string): string | undefined {
    return (this.s.currentParcel!.get(shipmentId) as { parcelId: string } | undefined)?.parcelId;
  }

  parcels(shipmentId: string): ParcelRow[] {
    return this.s.parcels!.all(shipmentId) as ParcelRow[];
  }

  parcelRef(parcelId: string): PackParcelRef | undefined {
    return this.s.parcelRef!.get(parcelId) as PackParcelRef | undefined;
  }

  override(shipmentId: string): OverrideRow | undefined {
    return this.s.override!.get(shipmentId) as OverrideRow | undefined;
  }

  /** The parcel closed last at this station (its label is the one CMD:REPRINT prints again). */
  lastClosed(): string | undefined {
    return (this.s.lastClosed!.get() as { parcelId: string } | undefined)?.parcelId;
  }

  unitsOfLineInParcel(parcelId: string, lineId: string, limit: number): { unitId: string; productId: string | null }[] {
    return this.s.unitsOfLineInParcel!.all(parcelId, lineId, limit) as { unitId: string; productId: string | null }[];
  }

  // ---- writes (inside the service's transaction) -------------------------------------------------

  scanEvent(e: ScanEventRow): void {
    this.s.scanInsert!.run(e.id, this.stationId, e.userId, e.at, e.raw, e.readAs, e.shipmentId, e.quantity, e.result, e.compensates ?? null, e.details == null ? null : JSON.stringify(e.details));
  }

  insertParcel(p: { id: string; shipmentId: string; orderId: string; box: { code: string; lengthCm: number; widthCm: number; heightCm: number } | null }, now: number): number {
    const seq = (this.s.nextSeq!.get(p.orderId) as { n: number }).n;
    this.s.parcelInsert!.run(p.id, p.shipmentId, p.orderId, seq, now, now);
    this.s.packParcelInsert!.run(p.id, p.shipmentId, p.box?.code ?? null, p.box?.lengthCm ?? null, p.box?.widthCm ?? null, p.box?.heightCm ?? null, now);
    return seq;
  }

  setWeight(parcelId: string, grams: number, source: WeightSource, now: number): void {
    this.s.weight!.run(grams, now, parcelId);
    this.s.weightSource!.run(source, parcelId);
  }

  close(parcelId: string, labelMode: LabelSource, slipMode: LabelSource | null, now: number): boolean {
    const changed = this.s.close!.run(now, labelMode, slipMode, parcelId).changes > 0;
    if (changed) this.s.closeParcelRow!.run(now, parcelId);
    return changed;
  }

  /** Who prints the parcel's label: the first claim wins, so a close prints exactly one label. */
  claimLabel(parcelId: string, source: LabelSource, jobId: string | null, now: number): boolean {
    return this.s.claimLabel!.run(source, jobId, jobId ? now : null, parcelId).changes > 0;
  }

  setLabelJob(parcelId: string, jobId: string, now: number): void {
    this.s.labelJob!.run(jobId, now, parcelId);
  }

  claimSlip(parcelId: string, source: LabelSource, jobId: string | null): boolean {
    return this.s.claimSlip!.run(source, jobId, parcelId).changes > 0;
  }

  setSlipJob(parcelId: string, jobId: string): void {
    this.s.slipJob!.run(jobId, parcelId);
  }

  packUnit(u: { unitId: string; shipmentId: string; parcelId: string; lineId: string; orderLineId: string | null; productId: string | null; eventId: string }, now: number): void {
    this.s.unitInsert!.run(u.unitId, u.shipmentId, u.parcelId, u.lineId, u.productId, u.eventId, now);
    this.adjustParcelUnit(u.parcelId, u.orderLineId, u.productId, +1);
  }

  /** The unit verified last in the shipment (still packed), for undo. */
  lastPacked(shipmentId: string): { unitId: string; parcelId: string; lineId: string; productId: string | null; eventId: string } | undefined {
    return this.s.lastPacked!.get(shipmentId) as { unitId: string; parcelId: string; lineId: string; productId: string | null; eventId: string } | undefined;
  }

  /** Undo of a verified unit: out of pack_units and its parcel's parcel_units. */
  unpackUnit(unitId: string, parcelId: string, orderLineId: string | null, productId: string | null): void {
    this.s.unitDelete!.run(unitId);
    this.adjustParcelUnit(parcelId, orderLineId, productId, -1);
  }

  moveUnit(unitId: string, from: string, to: string, orderLineId: string | null, productId: string | null): void {
    this.s.unitMove!.run(to, unitId);
    this.adjustParcelUnit(from, orderLineId, productId, -1);
    this.adjustParcelUnit(to, orderLineId, productId, +1);
  }

  /** parcel_units (what other capabilities read of a parcel) follows pack_units, one row per line. */
  private adjustParcelUnit(parcelId: string, orderLineId: string | null, productId: string | null, delta: number): void {
    const row = this.s.parcelUnit!.get(parcelId, orderLineId, productId) as { id: string; quantity: number } | undefined;
    const next = (row?.quantity ?? 0) + delta;
    if (row && next <= 0) this.s.parcelUnitDelete!.run(row.id);
    else if (row) this.s.parcelUnitSet!.run(next, row.id);
    else if (next > 0) this.s.parcelUnitInsert!.run(newId(), parcelId, orderLineId, productId, next);
  }

  setOverride(shipmentId: string, o: { userId: string; method: 'pin' | 'badge'; reason: string }, now: number): void {
    this.s.overrideSet!.run(shipmentId, o.userId, o.method, o.reason, now);
  }

  // ---- settings ---------------------------------------------------------------------------------

  settings(): { labelSource: LabelSource; shipFrom: PackSettings['shipFrom'] | null } | undefined {
    const r = this.s.settings!.get(this.stationId) as { labelSource: LabelSource; shipFrom: string | null } | undefined;
    if (!r) return undefined;
    return { labelSource: r.labelSource, shipFrom: r.shipFrom ? (JSON.parse(r.shipFrom) as PackSettings['shipFrom']) : null };
  }

  saveSettings(s: PackSettings): void {
    this.s.settingsSet!.run(this.stationId, s.labelSource, JSON.stringify(s.shipFrom));
  }

  /** Every statement's SQL by name (the test EXPLAINs each: a scan must never scan a table). */
  statements(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.s).map(([k, st]) => [k, st.source]));
  }
}
