// All SQL of the HOMS connector: homs_orders (migration 0015) and its users in remote_records.
// Statements are prepared once per repo; the pull writes through them row by row inside the
// engine's transaction.
import type { Db, Statement } from '../../db/database';
import { newId } from '../../util/ids';
import type { HomsOrder, HomsOrderFields } from './mappers';
import type { OrderState } from './schemas';

export interface HomsOrderRow {
  id: string;
  code: string | null;
  ref: string | null;
  ext_code: string | null;
  remote_id: number | null;
  order_type_code: string;
  state: OrderState;
  bp_id: string | null;
  bp_state: string | null;
  archived: number;
  done_at: string | null;
  user_email: string | null;
  data: string;
  create_sent_at: number | null;
  created_at: number;
  updated_at: number;
  pulled_at: number | null;
}

export function fieldsOfRow(r: HomsOrderRow): HomsOrderFields {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(r.data);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    // A damaged blob reads as no custom fields rather than hiding the order.
  }
  return {
    order_type_code: r.order_type_code,
    ext_code: r.ext_code,
    bp_id: r.bp_id,
    bp_state: r.bp_state,
    state: r.state,
    archived: r.archived === 1,
    done_at: r.done_at,
    user_email: r.user_email,
    data,
  };
}

export function toHomsOrder(r: HomsOrderRow): HomsOrder {
  return { id: r.id, code: r.code, ref: r.ref, remoteId: r.remote_id, createdAt: r.created_at, updatedAt: r.updated_at, ...fieldsOfRow(r) };
}

/** Column values of the fields, in the order the statements below take them. */
const fieldParams = (f: HomsOrderFields) =>
  [f.order_type_code, f.ext_code, f.bp_id, f.bp_state, f.state, f.archived ? 1 : 0, f.done_at, f.user_email, JSON.stringify(f.data)] as const;
const FIELD_COLUMNS = 'order_type_code, ext_code, bp_id, bp_state, state, archived, done_at, user_email, data';
const FIELD_SETS = 'order_type_code = ?, ext_code = ?, bp_id = ?, bp_state = ?, state = ?, archived = ?, done_at = ?, user_email = ?, data = ?';

/** True when the row already holds exactly these field values (a re-pull then writes nothing). */
export function rowHolds(r: HomsOrderRow, f: HomsOrderFields): boolean {
  const p = fieldParams(f);
  return (
    r.order_type_code === p[0] && r.ext_code === p[1] && r.bp_id === p[2] && r.bp_state === p[3] && r.state === p[4] &&
    r.archived === p[5] && r.done_at === p[6] && r.user_email === p[7] && r.data === p[8]
  );
}

export const HOMS_REMOTE = 'homs';
export const USERS_RESOURCE = 'users';
export const ORDERS_RESOURCE = 'orders';

export class HomsOrderRepo {
  private readonly byId: Statement;
  private readonly byCodeStmt: Statement;
  private readonly byRefStmt: Statement;
  private readonly unlinkedStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly updateFieldsStmt: Statement;
  private readonly pulledStmt: Statement;
  private readonly linkStmt: Statement;
  private readonly sentStmt: Statement;
  private readonly dropMirrorStmt: Statement;
  private readonly pairsStmt: Statement;
  private readonly conflictsStmt: Statement;
  private readonly userStmt: Statement;

  constructor(private readonly db: Db) {
    this.byId = db.prepare('SELECT * FROM homs_orders WHERE id = ?');
    this.byCodeStmt = db.prepare('SELECT * FROM homs_orders WHERE code = ?');
    this.byRefStmt = db.prepare('SELECT * FROM homs_orders WHERE ref = ? AND ref IS NOT NULL');
    this.unlinkedStmt = db.prepare('SELECT EXISTS (SELECT 1 FROM homs_orders WHERE ref IS NOT NULL AND code IS NULL) AS any');
    this.insertStmt = db.prepare(
      `INSERT INTO homs_orders (id, code, ref, remote_id, ${FIELD_COLUMNS}, created_at, updated_at, pulled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateFieldsStmt = db.prepare(`UPDATE homs_orders SET ${FIELD_SETS}, updated_at = ? WHERE id = ?`);
    this.pulledStmt = db.prepare(`UPDATE homs_orders SET code = ?, remote_id = ?, ${FIELD_SETS}, updated_at = ?, pulled_at = ? WHERE id = ?`);
    this.linkStmt = db.prepare('UPDATE homs_orders SET code = ?, remote_id = ?, updated_at = ? WHERE id = ?');
    this.sentStmt = db.prepare('UPDATE homs_orders SET create_sent_at = ? WHERE id = ?');
    this.dropMirrorStmt = db.prepare('DELETE FROM homs_orders WHERE code = ? AND id <> ? AND ref IS NULL');
    // Newest first: the client's map keeps the first order it sees for an ext_code.
    this.pairsStmt = db.prepare('SELECT code, ext_code FROM homs_orders WHERE code IS NOT NULL AND ext_code IS NOT NULL ORDER BY remote_id DESC');
    this.conflictsStmt = db.prepare(`SELECT entity_id FROM sync_conflicts WHERE remote = '${HOMS_REMOTE}' AND resource = '${ORDERS_RESOURCE}' AND entity = ? AND resolved_at IS NULL`);
    this.userStmt = db.prepare(
      `INSERT INTO remote_records (remote, resource, remote_id, data, updated_at) VALUES ('${HOMS_REMOTE}', '${USERS_RESOURCE}', ?, ?, ?)
       ON CONFLICT(remote, resource, remote_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at WHERE data IS NOT excluded.data`,
    );
  }

  get(id: string): HomsOrderRow | undefined {
    return this.byId.get(id) as HomsOrderRow | undefined;
  }

  byCode(code: string): HomsOrderRow | undefined {
    return this.byCodeStmt.get(code) as HomsOrderRow | undefined;
  }

  byRef(ref: string): HomsOrderRow | undefined {
    return this.byRefStmt.get(ref) as HomsOrderRow | undefined;
  }

  /** Whether any order made here still waits for its code (else a pull need not look by ext_code). */
  anyUnlinked(): boolean {
    return (this.unlinkedStmt.get() as { any: number }).any === 1;
  }

  /** An order made here: no code yet, our reference as ext_code. */
  insertLocal(id: string, ref: string, f: HomsOrderFields, now: number): void {
    this.insertStmt.run(id, null, ref, null, ...fieldParams(f), now, now, null);
  }

  /** An order first seen in a pull. */
  insertPulled(code: string, remoteId: number, f: HomsOrderFields, now: number): string {
    const id = newId();
    this.insertStmt.run(id, code, null, remoteId, ...fieldParams(f), now, now, now);
    return id;
  }

  /** A local edit. */
  saveFields(id: string, f: HomsOrderFields, now: number): void {
    this.updateFieldsStmt.run(...fieldParams(f), now, id);
  }

  /** The remote version replaces the local row. */
  savePulled(id: string, code: string, remoteId: number, f: HomsOrderFields, now: number): void {
    this.pulledStmt.run(code, remoteId, ...fieldParams(f), now, now, id);
  }

  /**
   * HOMS's code for our order. A pulled mirror of the same code (which a pull could only have
   * made if it missed the reference) is the same order: it goes.
   */
  linkCode(id: string, code: string, remoteId: number, now: number): void {
    // No fsync of its own: lost in a power cut, the op's "done" (committed after it) is lost too,
    // and the retry finds the order by ext_code (create_sent_at, fsynced before the POST, says look).
    this.db.relaxed(() => this.db.tx(() => {
      this.dropMirrorStmt.run(code, id);
      this.linkStmt.run(code, remoteId, now, id);
    }));
  }

  /** Before each POST of our create: a later attempt looks first, and waits for a slow one. */
  markCreateSent(id: string, now: number): void {
    this.sentStmt.run(now, id);
  }

  setCreateSent(id: string, at: number | null): void {
    this.sentStmt.run(at, id);
  }

  /** The persisted code ↔ ext_code map, newest first. */
  extCodePairs(): [code: string, extCode: string][] {
    return (this.pairsStmt.all() as { code: string; ext_code: string }[]).map((r) => [r.code, r.ext_code]);
  }

  /** Local ids with an open conflict from the orders pull (usually none). */
  openConflicts(entity: string): Set<string> {
    return new Set((this.conflictsStmt.all(entity) as { entity_id: string }[]).map((r) => r.entity_id));
  }

  /** Writes a user record unless it is unchanged. */
  upsertUser(remoteId: string, data: string, now: number): void {
    this.userStmt.run(remoteId, data, now);
  }
}
