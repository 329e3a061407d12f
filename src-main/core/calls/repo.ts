// All SQL of the calls capability: calls and their events, notes, after-call work, config, and the
// caller card's reads. Every card read goes through an index (see the query-plan test): the card
// must show before the second ring with 500k persons and 1M numbers in the store.
import type { Db, Statement } from '../db/database';
import type { AcwRow } from './domain';

export interface CallRow {
  id: string;
  uniqueid: string | null;
  direction: 'inbound' | 'outbound';
  number_raw: string;
  number_e164: string | null;
  queue: string | null;
  queue_name: string | null;
  contact_id: string | null;
  company_id: string | null;
  user_id: string | null;
  status: 'ringing' | 'answered' | 'ended' | 'missed';
  disposition: string | null;
  identification: 'known' | 'choose' | 'unknown';
  transferred_to: string | null;
  source: 'endpoint' | 'link' | 'poll' | 'manual';
  order_ref: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  caller_name: string | null;
  company_name: string | null;
}

export interface NoteRow {
  id: string;
  call_id: string;
  user_id: string | null;
  body: string;
  created_at: number;
  updated_at: number;
}

export interface ContactRow {
  id: string;
  display_name: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  company_role: string | null;
  company_id: string | null;
  external_id: string | null;
  opentaps_contact_id: string | null;
}

export interface PhoneRow {
  raw: string;
  e164: string;
  kind: string | null;
}

export interface OrderRow {
  id: string;
  number: string;
  status: string;
  placed_at: number | null;
}

export interface ParcelRow {
  id: string;
  seq: number;
  status: string;
  weight_grams: number | null;
  tracking_number: string | null;
  carrier: string | null;
}

export interface HomsRow {
  id: string;
  code: string | null;
  ext_code: string | null;
  order_type_code: string;
  state: string;
  created_at: number;
}

export interface TaskRow {
  id: string;
  remote: 'ultracart' | 'opentaps' | 'homs' | null;
  remote_id: string | null;
  title: string;
  status: string;
  priority: string;
  due_at: number | null;
  remote_assignee: string | null;
}

const CALL_SELECT = `
  SELECT c.id, c.uniqueid, c.direction, c.number_raw, c.number_e164, c.queue, c.queue_name, c.contact_id, c.company_id, c.user_id,
         c.status, c.disposition, c.identification, c.transferred_to, c.source, c.order_ref, c.started_at, c.answered_at, c.ended_at,
         ct.display_name AS caller_name, COALESCE(co.name, co2.name) AS company_name
  FROM calls c
  LEFT JOIN contacts ct ON ct.id = c.contact_id
  LEFT JOIN companies co ON co.id = c.company_id
  LEFT JOIN companies co2 ON co2.id = ct.company_id`;

/** Scan results that count toward a scan total (an undo takes one back). */
const SCAN_COUNT = `SELECT COALESCE(SUM(CASE result WHEN 'undo' THEN -1 WHEN 'error' THEN 0 ELSE 1 END), 0) AS n, MAX(at) AS last
  FROM scan_events WHERE entity = ? AND entity_id = ?`;

export class CallsRepo {
  private readonly s: Record<string, Statement>;

  constructor(db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      callById: p(`${CALL_SELECT} WHERE c.id = ?`),
      callByUniqueid: p(`${CALL_SELECT} WHERE c.uniqueid = ?`),
      openCalls: p(`${CALL_SELECT} WHERE c.status IN ('ringing', 'answered') ORDER BY c.started_at DESC LIMIT 50`),
      recent: p(`${CALL_SELECT} ORDER BY c.started_at DESC LIMIT ?`),
      insertCall: p(`
        INSERT INTO calls (id, uniqueid, direction, number_raw, number_e164, queue, queue_name, contact_id, company_id, user_id, status,
                           identification, transferred_to, source, started_at, answered_at, ended_at)
        VALUES (@id, @uniqueid, 'inbound', @number_raw, @number_e164, @queue, @queue_name, @contact_id, @company_id, @user_id, @status,
                @identification, @transferred_to, @source, @started_at, @answered_at, @ended_at)`),
      updateState: p(`UPDATE calls SET status = @status, answered_at = @answered_at, ended_at = @ended_at, transferred_to = @transferred_to,
                        user_id = COALESCE(user_id, @user_id) WHERE id = @id`),
      setCaller: p(`UPDATE calls SET contact_id = ?, company_id = ?, identification = ? WHERE id = ?`),
      setDisposition: p(`UPDATE calls SET disposition = ? WHERE id = ?`),
      setOrderRef: p(`UPDATE calls SET order_ref = ? WHERE id = ?`),
      insertEvent: p(`INSERT INTO call_events (call_id, kind, source, at, params, applied) VALUES (?, ?, ?, ?, ?, ?)`),

      notesOf: p(`SELECT id, call_id, user_id, body, created_at, updated_at FROM call_notes WHERE call_id = ? ORDER BY created_at, id`),
      noteById: p(`SELECT id, call_id, user_id, body, created_at, updated_at FROM call_notes WHERE id = ?`),
      insertNote: p(`INSERT INTO call_notes (id, call_id, user_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`),
      updateNote: p(`UPDATE call_notes SET body = ?, updated_at = ? WHERE id = ?`),
      lastNoteId: p(`SELECT id FROM call_notes WHERE call_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`),

      acwOf: p(`SELECT call_id, user_id, status, started_at, ends_at, finished_at FROM call_acw WHERE call_id = ?`),
      acwRunning: p(`SELECT call_id, user_id, status, started_at, ends_at, finished_at FROM call_acw WHERE status = 'running' ORDER BY ends_at`),
      acwNextEnd: p(`SELECT MIN(ends_at) AS at FROM call_acw WHERE status = 'running'`),
      acwDue: p(`SELECT call_id, user_id, status, started_at, ends_at, finished_at FROM call_acw WHERE status = 'running' AND ends_at <= ? ORDER BY ends_at`),
      acwInsert: p(`INSERT INTO call_acw (call_id, user_id, status, started_at, ends_at) VALUES (?, ?, 'running', ?, ?)
                    ON CONFLICT (call_id) DO NOTHING`),
      acwFinish: p(`UPDATE call_acw SET status = ?, finished_at = ? WHERE call_id = ? AND status = 'running'`),

      configOf: p(`SELECT config, screen_pop_token FROM call_config WHERE station_id = ?`),
      configInsert: p(`INSERT INTO call_config (station_id, config, screen_pop_token, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (station_id) DO NOTHING`),
      configUpdate: p(`UPDATE call_config SET config = ?, updated_at = ? WHERE station_id = ?`),

      queueName: p(`SELECT json_extract(data, '$.name') AS name FROM remote_records WHERE remote = 'ucs' AND resource = 'queues' AND remote_id = ?`),
      metadata: p(`SELECT data FROM remote_records WHERE remote = 'ucs' AND resource = 'call_metadata' AND remote_id = ?`),

      // ---- the card ----
      contact: p(`SELECT id, display_name, first_name, last_name, email, company_role, company_id, external_id, opentaps_contact_id FROM contacts WHERE id = ?`),
      contactPhones: p(`SELECT raw, e164, kind FROM contact_phones WHERE contact_id = ? ORDER BY id LIMIT 20`),
      company: p(`SELECT id, name FROM companies WHERE id = ?`),
      companyPhones: p(`SELECT raw, e164, kind FROM contact_phones WHERE company_id = ? ORDER BY id LIMIT 20`),
      companyContacts: p(`SELECT id, display_name, company_role, email FROM contacts WHERE company_id = ? ORDER BY display_name LIMIT 50`),
      ordersOf: p(`SELECT id, number, status, placed_at FROM orders WHERE contact_id = ? ORDER BY placed_at DESC LIMIT 10`),
      parcelsOf: p(`SELECT id, seq, status, weight_grams, tracking_number, carrier FROM parcels WHERE order_id = ? ORDER BY seq`),
      shipmentsOf: p(`SELECT id, status FROM shipments WHERE order_id = ?`),
      scanCount: p(SCAN_COUNT),
      labelJob: p(`SELECT id, status FROM print_jobs WHERE parcel_id = ? AND (kind = 'carrier_label' OR kind LIKE '%Label') ORDER BY created_at DESC LIMIT 1`),
      homsByExt: p(`SELECT id, code, ext_code, order_type_code, state, created_at FROM homs_orders WHERE ext_code IN (SELECT value FROM json_each(?)) LIMIT 20`),
      homsByPhone: p(`SELECT id, code, ext_code, order_type_code, state, created_at FROM homs_orders
                      WHERE json_valid(data) AND COALESCE(json_extract(data, '$.customerPhone'), json_extract(data, '$.requesterPhone')) IN (SELECT value FROM json_each(?)) LIMIT 20`),
      tasksOfContact: p(`SELECT id, remote, remote_id, title, status, priority, due_at, remote_assignee FROM tasks
                         WHERE contact_id = ? AND status IN ('open', 'in_progress') ORDER BY due_at IS NULL, due_at LIMIT 20`),
      tasksOfOrders: p(`SELECT id, remote, remote_id, title, status, priority, due_at, remote_assignee FROM tasks
                        WHERE order_id IN (SELECT value FROM json_each(?)) AND order_id IS NOT NULL AND status IN ('open', 'in_progress') LIMIT 20`),
      tasksOfCall: p(`SELECT id, remote, remote_id, title, status, priority, due_at, remote_assignee FROM tasks WHERE call_id = ? AND status IN ('open', 'in_progress')`),
      callsOfContact: p(`SELECT id, status, disposition, started_at FROM calls WHERE contact_id = ? ORDER BY started_at DESC LIMIT 20`),
      callsOfCompany: p(`SELECT id, status, disposition, started_at FROM calls WHERE company_id = ? ORDER BY started_at DESC LIMIT 20`),
      notesOfCalls: p(`SELECT id, call_id, body, created_at FROM call_notes WHERE call_id IN (SELECT value FROM json_each(?)) ORDER BY created_at DESC LIMIT 20`),
      activitiesOf: p(`SELECT id, type, body, created_at FROM activities WHERE contact_id = ? ORDER BY created_at DESC LIMIT 20`),
      insertContact: p(`INSERT INTO contacts (id, company_id, first_name, last_name, display_name, email, external_id, company_role, updated_at)
                         VALUES (@id, @company_id, @first_name, @last_name, @display_name, @email, @external_id, @company_role, @updated_at)`),
      insertTask: p(`INSERT INTO tasks (id, title, description, status, priority, due_at, contact_id, order_id, call_id, assigned_user_id, remote,
                                        remote_assignee, tags, client_ref, created_at, updated_at)
                     VALUES (@id, @title, @description, 'open', @priority, @due_at, @contact_id, @order_id, @call_id, @assigned_user_id, @remote,
                             @remote_assignee, '["dockside-call"]', @id, @now, @now)`),
      assignees: p(`SELECT DISTINCT remote_assignee AS id FROM tasks WHERE remote = ? AND remote_assignee IS NOT NULL LIMIT 200`),
    };
  }

  call(id: string): CallRow | undefined {
    return this.s.callById!.get(id) as CallRow | undefined;
  }
  callByUniqueid(uniqueid: string): CallRow | undefined {
    return this.s.callByUniqueid!.get(uniqueid) as CallRow | undefined;
  }
  openCalls(): CallRow[] {
    return this.s.openCalls!.all() as CallRow[];
  }
  recent(limit: number): CallRow[] {
    return this.s.recent!.all(limit) as CallRow[];
  }
  insertCall(r: Omit<CallRow, 'direction' | 'disposition' | 'order_ref' | 'caller_name' | 'company_name'>): void {
    this.s.insertCall!.run(r);
  }
  updateState(r: { id: string; status: string; answered_at: number | null; ended_at: number | null; transferred_to: string | null; user_id: string | null }): void {
    this.s.updateState!.run(r);
  }
  setCaller(id: string, contactId: string | null, companyId: string | null, identification: string): void {
    this.s.setCaller!.run(contactId, companyId, identification, id);
  }
  setDisposition(id: string, code: string | null): void {
    this.s.setDisposition!.run(code, id);
  }
  setOrderRef(id: string, ref: string | null): void {
    this.s.setOrderRef!.run(ref, id);
  }
  insertEvent(callId: string, kind: string, source: string, at: number, params: Record<string, string>, applied: boolean): void {
    this.s.insertEvent!.run(callId, kind, source, at, JSON.stringify(params), applied ? 1 : 0);
  }

  notesOf(callId: string): NoteRow[] {
    return this.s.notesOf!.all(callId) as NoteRow[];
  }
  note(id: string): NoteRow | undefined {
    return this.s.noteById!.get(id) as NoteRow | undefined;
  }
  insertNote(n: NoteRow): void {
    this.s.insertNote!.run(n.id, n.call_id, n.user_id, n.body, n.created_at, n.updated_at);
  }
  updateNote(id: string, body: string, now: number): void {
    this.s.updateNote!.run(body, now, id);
  }
  lastNoteId(callId: string): string | undefined {
    return (this.s.lastNoteId!.get(callId) as { id: string } | undefined)?.id;
  }

  acw(callId: string): AcwRow | undefined {
    return this.s.acwOf!.get(callId) as AcwRow | undefined;
  }
  acwRunning(): AcwRow[] {
    return this.s.acwRunning!.all() as AcwRow[];
  }
  acwNextEnd(): number | null {
    return (this.s.acwNextEnd!.get() as { at: number | null }).at;
  }
  acwDue(now: number): AcwRow[] {
    return this.s.acwDue!.all(now) as AcwRow[];
  }
  /** False when the call already had after-call work (it is not started twice). */
  acwInsert(callId: string, userId: string | null, startedAt: number, endsAt: number): boolean {
    return this.s.acwInsert!.run(callId, userId, startedAt, endsAt).changes === 1;
  }
  acwFinish(callId: string, status: 'finished' | 'timed_out', at: number): boolean {
    return this.s.acwFinish!.run(status, at, callId).changes === 1;
  }

  config(stationId: string): { config: string; screen_pop_token: string } | undefined {
    return this.s.configOf!.get(stationId) as { config: string; screen_pop_token: string } | undefined;
  }
  insertConfig(stationId: string, config: string, token: string, now: number): void {
    this.s.configInsert!.run(stationId, config, token, now);
  }
  updateConfig(stationId: string, config: string, now: number): void {
    this.s.configUpdate!.run(config, now, stationId);
  }

  queueName(queueId: string): string | null {
    return (this.s.queueName!.get(queueId) as { name: string | null } | undefined)?.name ?? null;
  }
  metadata(uniqueid: string): Record<string, unknown> {
    const row = this.s.metadata!.get(uniqueid) as { data: string } | undefined;
    if (!row) return {};
    try {
      const v: unknown = JSON.parse(row.data);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  contact(id: string): ContactRow | undefined {
    return this.s.contact!.get(id) as ContactRow | undefined;
  }
  contactPhones(id: string): PhoneRow[] {
    return this.s.contactPhones!.all(id) as PhoneRow[];
  }
  company(id: string): { id: string; name: string } | undefined {
    return this.s.company!.get(id) as { id: string; name: string } | undefined;
  }
  companyPhones(id: string): PhoneRow[] {
    return this.s.companyPhones!.all(id) as PhoneRow[];
  }
  companyContacts(id: string): { id: string; display_name: string; company_role: string | null; email: string | null }[] {
    return this.s.companyContacts!.all(id) as { id: string; display_name: string; company_role: string | null; email: string | null }[];
  }
  /** Afosto orders keep the Afosto contact id, which is the µCRM person's external id. */
  ordersOf(afostoContactId: string): OrderRow[] {
    return this.s.ordersOf!.all(afostoContactId) as OrderRow[];
  }
  parcelsOf(orderId: string): ParcelRow[] {
    return this.s.parcelsOf!.all(orderId) as ParcelRow[];
  }
  shipmentsOf(orderId: string): { id: string; status: string }[] {
    return this.s.shipmentsOf!.all(orderId) as { id: string; status: string }[];
  }
  scans(entity: string, entityId: string): { n: number; last: number | null } {
    return this.s.scanCount!.get(entity, entityId) as { n: number; last: number | null };
  }
  labelJob(parcelId: string): { id: string; status: string } | undefined {
    return this.s.labelJob!.get(parcelId) as { id: string; status: string } | undefined;
  }
  homsByExtCodes(codes: readonly string[]): HomsRow[] {
    return codes.length === 0 ? [] : (this.s.homsByExt!.all(JSON.stringify(codes)) as HomsRow[]);
  }
  homsByPhones(raws: readonly string[]): HomsRow[] {
    return raws.length === 0 ? [] : (this.s.homsByPhone!.all(JSON.stringify(raws)) as HomsRow[]);
  }
  openTasksOfContact(contactId: string): TaskRow[] {
    return this.s.tasksOfContact!.all(contactId) as TaskRow[];
  }
  /** Tasks about these orders (UltraCart tasks name the order number as their object). */
  openTasksOfOrders(orderNumbers: readonly string[]): TaskRow[] {
    return orderNumbers.length === 0 ? [] : (this.s.tasksOfOrders!.all(JSON.stringify(orderNumbers)) as TaskRow[]);
  }
  openTasksOfCall(callId: string): TaskRow[] {
    return this.s.tasksOfCall!.all(callId) as TaskRow[];
  }
  callsOf(owner: { contactId: string } | { companyId: string }): { id: string; status: string; disposition: string | null; started_at: number }[] {
    return ('contactId' in owner ? this.s.callsOfContact!.all(owner.contactId) : this.s.callsOfCompany!.all(owner.companyId)) as {
      id: string;
      status: string;
      disposition: string | null;
      started_at: number;
    }[];
  }
  notesOfCalls(callIds: readonly string[]): { id: string; call_id: string; body: string; created_at: number }[] {
    return callIds.length === 0 ? [] : (this.s.notesOfCalls!.all(JSON.stringify(callIds)) as { id: string; call_id: string; body: string; created_at: number }[]);
  }
  activitiesOf(contactId: string): { id: string; type: string; body: string; created_at: number }[] {
    return this.s.activitiesOf!.all(contactId) as { id: string; type: string; body: string; created_at: number }[];
  }
  insertContact(r: { id: string; company_id: string | null; first_name: string | null; last_name: string; display_name: string; email: string | null; external_id: string; company_role: string | null; updated_at: number }): void {
    this.s.insertContact!.run(r);
  }
  /** A follow-up created here: its own id is its client reference (the connectors link the echo by it). */
  insertTask(r: {
    id: string;
    title: string;
    description: string;
    priority: string;
    due_at: number;
    contact_id: string | null;
    order_id: string | null;
    call_id: string;
    assigned_user_id: string | null;
    remote: 'ultracart' | 'opentaps';
    remote_assignee: string;
    now: number;
  }): void {
    this.s.insertTask!.run(r);
  }
  assignees(remote: 'ultracart' | 'opentaps'): string[] {
    return (this.s.assignees!.all(remote) as { id: string }[]).map((r) => r.id);
  }
}
