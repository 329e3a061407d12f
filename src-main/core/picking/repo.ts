// The SQL of picking, prepared once. The scan path touches only keyed reads: the list by id, its
// units by pick_list_items_list, the unit → shipment by shipment_units_remote, its events by
// scan_events_entity, a code by product_barcodes / products.sku / positions.code.
import type { Db, Statement } from '../db/database';
import type { PickEvent, PickEventBody, PickUnit } from './domain';

export const PICK_ENTITY = 'pick_list';
export const PICK_CONTEXT = 'pick';

export interface ListHead {
  id: string;
  number: string;
  state: string;
  assignee: string | null;
  dueAt: number | null;
}

export interface ScanRow {
  id: string;
  stationId: string;
  userId: string | null;
  at: number;
  raw: string;
  readAs: 'product' | 'position' | 'command' | 'gs1' | 'unknown';
  listId: string;
  quantity: number;
  result: 'ok' | 'error' | 'undo';
  compensates: string | null;
  body: PickEventBody;
}

interface HeadRow {
  id: string;
  number: string | null;
  remote_id: string | null;
  status: string;
  assigned_user_id: string | null;
  due_at: number | null;
}

const headOf = (r: HeadRow): ListHead => ({ id: r.id, number: r.number ?? r.remote_id ?? r.id, state: r.status, assignee: r.assigned_user_id, dueAt: r.due_at });

/**
 * Every statement, by name. The scan path (SCAN_PATH) must use indexes only: a test runs EXPLAIN
 * QUERY PLAN over these with 100k-row tables in mind.
 */
export const PICK_SQL = {
  head: `SELECT id, number, remote_id, status, assigned_user_id, due_at FROM pick_lists WHERE id = ?`,
  units: `SELECT i.id, i.rank, i.product_id AS productId, pr.sku, pr.name, i.position_id AS positionId, pos.code AS positionCode,
            pos.sort_key AS sortKey, i.remote_id AS remoteId, i.remote_handled AS remoteHandled, i.remote_missing AS remoteMissing, su.id AS shipmentUnitId, su.shipment_id AS shipmentId, t.tote
       FROM pick_list_items i
       JOIN products pr ON pr.id = i.product_id
       LEFT JOIN positions pos ON pos.id = i.position_id
       LEFT JOIN shipment_units su ON su.remote_id = i.remote_id
       LEFT JOIN pick_list_totes t ON t.pick_list_id = i.pick_list_id AND t.shipment_id = su.shipment_id
      WHERE i.pick_list_id = ?
      ORDER BY i.rank`,
  events: `SELECT id, result, compensates, details FROM scan_events WHERE entity = '${PICK_ENTITY}' AND entity_id = ? ORDER BY seq`,
  insertEvent: `INSERT INTO scan_events (id, station_id, user_id, at, raw, read_as, context, entity, entity_id, quantity, result, compensates, details)
     VALUES (?, ?, ?, ?, ?, ?, '${PICK_CONTEXT}', '${PICK_ENTITY}', ?, ?, ?, ?, ?)`,
  barcode: `SELECT b.product_id AS id, p.sku, b.units FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?`,
  sku: `SELECT id, sku FROM products WHERE sku = ?`,
  position: `SELECT id, code FROM positions WHERE code = ?`,
  toteCount: `SELECT COUNT(*) AS n FROM pick_list_totes WHERE pick_list_id = ?`,
  // shipments of the list in order-number order (Afosto's sorting labels T1…Tn follow the list's shipments)
  listShipments: `SELECT s.id, o.number FROM shipments s JOIN orders o ON o.id = s.order_id
      WHERE s.id IN (SELECT DISTINCT su.shipment_id FROM pick_list_items i JOIN shipment_units su ON su.remote_id = i.remote_id WHERE i.pick_list_id = ?)
      ORDER BY o.number, s.id`,
  toteInsert: `INSERT OR IGNORE INTO pick_list_totes (pick_list_id, shipment_id, tote) VALUES (?, ?, ?)`,
  totes: `SELECT t.tote, t.shipment_id AS shipmentId, o.number AS orderNumber FROM pick_list_totes t JOIN shipments s ON s.id = t.shipment_id LEFT JOIN orders o ON o.id = s.order_id WHERE t.pick_list_id = ? ORDER BY length(t.tote), t.tote`,
  // pack bench: a tote's number is per list (T1…Tn), so the tote names the shipment of the newest list using it
  toteShipment: `SELECT t.shipment_id AS shipmentId FROM pick_list_totes t JOIN pick_lists l ON l.id = t.pick_list_id
      WHERE t.tote = ? ORDER BY l.updated_at DESC, l.id DESC LIMIT 1`,
  // list screen (not the scan path): a few hundred lists at most
  unitCounts: `SELECT pick_list_id AS id, COUNT(*) AS n, json_group_array(id) FILTER (WHERE remote_handled = 1) AS handled,
        json_group_array(id) FILTER (WHERE remote_handled = 0 AND remote_missing = 1) AS missing
      FROM pick_list_items WHERE pick_list_id IN (SELECT value FROM json_each(?)) GROUP BY pick_list_id`,
  shipmentCounts: `SELECT i.pick_list_id AS id, COUNT(DISTINCT su.shipment_id) AS n FROM pick_list_items i JOIN shipment_units su ON su.remote_id = i.remote_id
      WHERE i.pick_list_id IN (SELECT value FROM json_each(?)) GROUP BY i.pick_list_id`,
  listEvents: `SELECT entity_id AS listId, id, result, compensates, details FROM scan_events
      WHERE entity = '${PICK_ENTITY}' AND entity_id IN (SELECT value FROM json_each(?)) ORDER BY seq`,
  assignees: `SELECT DISTINCT assigned_user_id AS a FROM pick_lists WHERE assigned_user_id IS NOT NULL ORDER BY 1`,
} as const;

/** The statements one scan runs. */
export const SCAN_PATH: readonly (keyof typeof PICK_SQL)[] = ['head', 'units', 'events', 'insertEvent', 'barcode', 'sku', 'position', 'toteCount', 'listShipments', 'totes'];

export class PickingRepo {
  private readonly s: Record<keyof typeof PICK_SQL, Statement>;

  constructor(readonly db: Db) {
    this.s = Object.fromEntries(Object.entries(PICK_SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Record<keyof typeof PICK_SQL, Statement>;
  }

  head(listId: string): ListHead | undefined {
    const r = this.s.head.get(listId) as HeadRow | undefined;
    return r ? headOf(r) : undefined;
  }

  units(listId: string): PickUnit[] {
    return this.s.units.all(listId) as PickUnit[];
  }

  events(listId: string): PickEvent[] {
    return (this.s.events.all(listId) as { id: string; result: string; compensates: string | null; details: string }[]).map(toEvent);
  }

  insertEvent(e: ScanRow): void {
    this.s.insertEvent.run(e.id, e.stationId, e.userId, e.at, e.raw, e.readAs, e.listId, e.quantity, e.result, e.compensates, JSON.stringify(e.body));
  }

  barcode(code: string): { id: string; sku: string; units: number } | undefined {
    return this.s.barcode.get(code) as { id: string; sku: string; units: number } | undefined;
  }

  productBySku(sku: string): { id: string; sku: string } | undefined {
    return this.s.sku.get(sku) as { id: string; sku: string } | undefined;
  }

  position(code: string): { id: string; code: string } | undefined {
    return this.s.position.get(code) as { id: string; code: string } | undefined;
  }

  /** Numbers the list's shipments T1…Tn once; later calls keep the numbers (a pull adding a shipment gets the next one). */
  ensureTotes(listId: string): void {
    const have = (this.s.toteCount.get(listId) as { n: number }).n;
    const ships = this.s.listShipments.all(listId) as { id: string }[];
    if (ships.length === have) return;
    this.db.tx(() => {
      const taken = new Set((this.s.totes.all(listId) as { tote: string; shipmentId: string }[]).flatMap((t) => [t.tote, t.shipmentId]));
      let k = 1;
      for (const sh of ships) {
        if (taken.has(sh.id)) continue;
        while (taken.has(`T${k}`)) k++;
        this.s.toteInsert.run(listId, sh.id, `T${k}`);
        taken.add(`T${k}`);
      }
    });
  }

  /** The shipment a scanned tote holds (the newest list that uses that tote number). */
  toteShipment(tote: string): string | undefined {
    return (this.s.toteShipment.get(tote) as { shipmentId: string } | undefined)?.shipmentId;
  }

  totes(listId: string): { tote: string; shipmentId: string; orderNumber: string | null }[] {
    return this.s.totes.all(listId) as { tote: string; shipmentId: string; orderNumber: string | null }[];
  }

  /** The lists matching a filter (SQL built from fixed fragments; values bound). */
  lists(f: { states: string[] | null; assignee: string; dueBefore: number | null; dueFrom: number | null; text: string; limit: number }): ListHead[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.states) {
      where.push(`l.status IN (SELECT value FROM json_each(?))`);
      args.push(JSON.stringify(f.states));
    }
    if (f.assignee === 'unassigned') where.push(`l.assigned_user_id IS NULL`);
    else if (f.assignee !== 'any') {
      where.push(`l.assigned_user_id = ?`);
      args.push(f.assignee);
    }
    if (f.dueFrom !== null) {
      where.push(`l.due_at >= ?`);
      args.push(f.dueFrom);
    }
    if (f.dueBefore !== null) {
      where.push(`l.due_at < ?`);
      args.push(f.dueBefore);
    }
    if (f.text) {
      const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(
        `(l.number LIKE ? ESCAPE '\\' OR l.remote_id = ? OR EXISTS (
            SELECT 1 FROM pick_list_items i JOIN products p ON p.id = i.product_id
              LEFT JOIN shipment_units su ON su.remote_id = i.remote_id LEFT JOIN shipments s ON s.id = su.shipment_id LEFT JOIN orders o ON o.id = s.order_id
             WHERE i.pick_list_id = l.id AND (p.sku LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\' OR o.number LIKE ? ESCAPE '\\')))`,
      );
      args.push(like, f.text, like, like, like);
    }
    const sql = `SELECT l.id, l.number, l.remote_id, l.status, l.assigned_user_id, l.due_at FROM pick_lists l
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY l.due_at IS NULL, l.due_at, l.number LIMIT ?`;
    return (this.db.prepare(sql).all(...args, f.limit) as HeadRow[]).map(headOf);
  }

  /** Units per list, and the ones Afosto says are handled / missing. */
  unitCounts(ids: string[]): Map<string, { n: number; handled: string[]; missing: string[] }> {
    const rows = this.s.unitCounts.all(JSON.stringify(ids)) as { id: string; n: number; handled: string; missing: string }[];
    return new Map(rows.map((r) => [r.id, { n: r.n, handled: JSON.parse(r.handled) as string[], missing: JSON.parse(r.missing) as string[] }]));
  }

  shipmentCounts(ids: string[]): Map<string, number> {
    return new Map((this.s.shipmentCounts.all(JSON.stringify(ids)) as { id: string; n: number }[]).map((r) => [r.id, r.n]));
  }

  eventsOfLists(ids: string[]): Map<string, PickEvent[]> {
    const out = new Map<string, PickEvent[]>();
    for (const r of this.s.listEvents.all(JSON.stringify(ids)) as { listId: string; id: string; result: string; compensates: string | null; details: string }[]) {
      let xs = out.get(r.listId);
      if (!xs) out.set(r.listId, (xs = []));
      xs.push(toEvent(r));
    }
    return out;
  }

  assignees(): string[] {
    return (this.s.assignees.all() as { a: string }[]).map((r) => r.a);
  }
}

function toEvent(r: { id: string; result: string; compensates: string | null; details: string }): PickEvent {
  return { id: r.id, result: r.result, compensates: r.compensates, body: JSON.parse(r.details) as PickEventBody };
}
