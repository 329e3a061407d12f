// A station as the whole-sync tests drive it: local writes of four remotes (each business row and
// its outbox op in ONE Outbox.transact, as the app's services do), the connector modules' pushes
// registered on an Outbox, and the check that the simulator holds exactly what was done locally.
// Shared by the crash child (a separate process, so nothing here may import vitest) and the tests.
import { HomsClient, homsSync } from '../../../../src-main/core/connectors/homs';
import { createHomsOrder, updateHomsOrder } from '../../../../src-main/core/connectors/homs/service';
import { fieldsOfOrder, sameFields } from '../../../../src-main/core/connectors/homs/mappers';
import { fieldsOfRow, type HomsOrderRow } from '../../../../src-main/core/connectors/homs/repo';
import { orderSchema } from '../../../../src-main/core/connectors/homs/schemas';
import { OpentapsClient, OT_OPS, opentapsSync } from '../../../../src-main/core/connectors/opentaps';
import { UcsClient, UCS_OPS, ucsSync } from '../../../../src-main/core/connectors/ucs';
import { CLIENT_REF_PROPERTY, UC_OPS, UltracartClient, ultracartSync } from '../../../../src-main/core/connectors/ultracart';
import type { Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import type { Clock } from '../../../../src-main/core/platform/ports';
import type { Outbox } from '../../../../src-main/core/sync/outbox';
import type { RemoteSync } from '../../../../src-main/core/sync/types';
import { newId } from '../../../../src-main/core/util/ids';
import type { SimCredentials } from '../../../../src-main/sim/server';

/** The remotes these tests write to. Afosto's pushes act on pulled warehouse rows: see convergence.test.ts. */
export const WRITE_REMOTES = ['homs', 'ucs', 'ultracart', 'opentaps'] as const;
export type WriteRemote = (typeof WRITE_REMOTES)[number];

/** What a child process needs to reach the simulator running in its parent. */
export interface SimLink {
  urls: { homs: string; ucs: string; ultracart: string; opentaps: string };
  credentials: SimCredentials;
  /** Opentaps contact ids a task may be assigned to. */
  agents: string[];
}

export interface Clients {
  homs: HomsClient;
  ucs: UcsClient;
  ultracart: UltracartClient;
  opentaps: OpentapsClient;
}

export function clientsFor(link: SimLink, timeoutMs = 3000): Clients {
  const c = link.credentials;
  return {
    homs: new HomsClient({ baseUrl: link.urls.homs, email: c.homs.email, token: c.homs.apiToken }, { timeoutMs }),
    ucs: new UcsClient({ baseUrl: link.urls.ucs, clientId: c.ucs.client_id, clientSecret: c.ucs.client_secret }, { timeoutMs }),
    ultracart: new UltracartClient({ baseUrl: link.urls.ultracart, simpleKey: c.ultracart.key, timeoutMs }),
    opentaps: new OpentapsClient({ baseUrl: link.urls.opentaps, ...c.opentaps }, { timeoutMs }),
  };
}

/**
 * The four connector modules' push handlers on `outbox`; returns the modules (their pulls too). `homsSettleMs`: how long a HOMS create
 * that may have been sent waits for it to appear before sending again (the real default is a
 * minute; a test with a real clock shortens it to a little more than the simulator's latency).
 */
export function registerPushes(outbox: Outbox, db: Db, clock: Clock, clients: Clients, opts: { homsSettleMs?: number; forgetUncertainty?: boolean } = {}): RemoteSync[] {
  const deps = <C>(client: C) => ({ db, clock, logger: silentLogger, stationId: 'st-crash', client: async () => client, defaultCountry: 'CZ' });
  const mods = [
    homsSync(deps(clients.homs), opts.homsSettleMs !== undefined ? { settleMs: opts.homsSettleMs } : {}),
    ucsSync(deps(clients.ucs)),
    ultracartSync(deps(clients.ultracart)),
    opentapsSync(deps(clients.opentaps)),
  ];
  for (const m of mods) {
    for (const p of m.pushes) {
      // forgetUncertainty (only to prove a check can fail): every attempt looks like a first one,
      // so no handler reconciles by its client reference before creating again.
      const handler: typeof p.handler = opts.forgetUncertainty ? (op, a) => p.handler(op, { ...a, attempt: 1, mayHaveApplied: false }) : p.handler;
      outbox.registerPush(m.remote, p.operation, handler, p.schema);
    }
  }
  return mods as RemoteSync[];
}

/** The kinds of local write; each is a row (or a change of one) and its op in one transaction. */
export const WRITE_KINDS = [
  'homs.create',
  'homs.update',
  'ucs.contact.create',
  'ucs.contact.update',
  'ucs.company.create',
  'ucs.company.update',
  'ultracart.task.insert',
  'ultracart.task.update',
  'opentaps.task.create',
  'opentaps.task.status',
  'opentaps.note.create',
] as const;
export type WriteKind = (typeof WRITE_KINDS)[number];

export interface Write {
  kind: WriteKind;
  /** The local row written or changed. */
  id: string;
}

/** A task or activity written here (not pulled): not sent yet, or sent with its own id as client reference. */
const MADE_HERE = '(remote_id IS NULL OR client_ref = id)';
const HOMS_SUBJECTS = ['Reklamace', 'Dotaz', 'Vrácení', 'Příliš žluťoučký kůň'];
const STATES = ['to_execute', 'in_progress'] as const;

/**
 * Performs one local write of `kind` (`n` varies its values; `pick` chooses an existing row for an
 * update). Returns undefined when an update has nothing to act on yet.
 */
export function localWrite(db: Db, outbox: Outbox, link: Pick<SimLink, 'agents'>, kind: WriteKind, n: number, pick: (k: number) => number): Write | undefined {
  const now = Date.now();
  const one = (sql: string): string | undefined => {
    const rows = db.prepare(sql).all() as { id: string }[];
    return rows.length === 0 ? undefined : rows[pick(rows.length)]!.id;
  };
  switch (kind) {
    case 'homs.create': {
      const o = createHomsOrder(outbox, db, { order_type_code: 'support_request', data: { subject: HOMS_SUBJECTS[n % 4]!, requesterName: `Žadatel ${n}` } }, now);
      return { kind, id: o.id };
    }
    case 'homs.update': {
      const id = one(`SELECT id FROM homs_orders WHERE ref IS NOT NULL ORDER BY id`);
      if (!id) return undefined;
      updateHomsOrder(outbox, db, id, { set: { state: STATES[n % 2]! }, data: { set: { description: `změna ${n}` } } }, now);
      return { kind, id };
    }
    case 'ucs.contact.create': {
      const id = newId();
      outbox.transact((enqueue) => {
        db.prepare(`INSERT INTO contacts (id, first_name, last_name, display_name, external_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)`).run(id, 'Eva', `Malá ${n}`, `Eva Malá ${n}`, `DS-${id}`, now);
        enqueue({ remote: 'ucs', entity: 'contact', entityId: id, operation: UCS_OPS.contactCreate, payload: { displayname: `Eva Malá ${n}`, firstname: 'Eva', lastname: `Malá ${n}`, external_id: `DS-${id}` } });
      });
      return { kind, id };
    }
    case 'ucs.contact.update': {
      const id = one(`SELECT id FROM contacts WHERE external_id LIKE 'DS-%' ORDER BY id`);
      if (!id) return undefined;
      outbox.transact((enqueue) => {
        db.prepare(`UPDATE contacts SET display_name = ?, last_name = ?, updated_at = ? WHERE id = ?`).run(`Eva Nová ${n}`, `Nová ${n}`, now, id);
        enqueue({ remote: 'ucs', entity: 'contact', entityId: id, operation: UCS_OPS.contactUpdate, payload: { displayname: `Eva Nová ${n}`, lastname: `Nová ${n}` } });
      });
      return { kind, id };
    }
    case 'ucs.company.create': {
      const id = newId();
      outbox.transact((enqueue) => {
        db.prepare(`INSERT INTO companies (id, name, external_id, updated_at) VALUES (?, ?, ?, ?)`).run(id, `Firma ${n} s.r.o.`, `DS-${id}`, now);
        enqueue({ remote: 'ucs', entity: 'company', entityId: id, operation: UCS_OPS.companyCreate, payload: { name: `Firma ${n} s.r.o.`, external_id: `DS-${id}` } });
      });
      return { kind, id };
    }
    case 'ucs.company.update': {
      const id = one(`SELECT id FROM companies WHERE external_id LIKE 'DS-%' ORDER BY id`);
      if (!id) return undefined;
      outbox.transact((enqueue) => {
        db.prepare(`UPDATE companies SET name = ?, updated_at = ? WHERE id = ?`).run(`Firma ${n} a.s.`, now, id);
        enqueue({ remote: 'ucs', entity: 'company', entityId: id, operation: UCS_OPS.companyUpdate, payload: { name: `Firma ${n} a.s.` } });
      });
      return { kind, id };
    }
    case 'ultracart.task.insert': {
      const id = newId();
      outbox.transact((enqueue) => {
        db.prepare(`INSERT INTO tasks (id, title, description, status, priority, remote, created_at, updated_at) VALUES (?, ?, ?, 'open', 'high', 'ultracart', ?, ?)`).run(id, `Úkol ${n}`, `popis ${n}`, now, now);
        enqueue({ remote: 'ultracart', entity: 'task', entityId: id, operation: UC_OPS.insert, payload: { title: `Úkol ${n}`, description: `popis ${n}`, priority: 'high' } });
      });
      return { kind, id };
    }
    case 'ultracart.task.update': {
      const id = one(`SELECT id FROM tasks WHERE remote = 'ultracart' AND ${MADE_HERE} ORDER BY id`);
      if (!id) return undefined;
      outbox.transact((enqueue) => {
        db.prepare(`UPDATE tasks SET title = ?, priority = 'urgent', updated_at = ? WHERE id = ?`).run(`Úkol ${n} (změněn)`, now, id);
        enqueue({ remote: 'ultracart', entity: 'task', entityId: id, operation: UC_OPS.update, payload: { title: `Úkol ${n} (změněn)`, priority: 'urgent' } });
      });
      return { kind, id };
    }
    case 'opentaps.task.create': {
      const id = newId();
      const at = Date.UTC(2031, 2, 4, 9) + n * 60_000;
      const who = link.agents[n % link.agents.length]!;
      outbox.transact((enqueue) => {
        db.prepare(`INSERT INTO tasks (id, title, status, due_at, remote_assignee, remote, created_at, updated_at) VALUES (?, ?, 'open', ?, ?, 'opentaps', ?, ?)`).run(id, `Zavolat ${n}`, at, who, now, now);
        enqueue({ remote: 'opentaps', entity: 'task', entityId: id, operation: OT_OPS.task, payload: { noteText: `Zavolat ${n}`, scheduledAt: at, assignedToContactId: who } });
      });
      return { kind, id };
    }
    case 'opentaps.task.status': {
      // Along the machine: open → in_progress → done; the person saw `from`.
      const row = (() => {
        const rows = db.prepare(`SELECT id, status FROM tasks WHERE remote = 'opentaps' AND ${MADE_HERE} AND status IN ('open', 'in_progress') ORDER BY id`).all() as { id: string; status: 'open' | 'in_progress' }[];
        return rows.length === 0 ? undefined : rows[pick(rows.length)]!;
      })();
      if (!row) return undefined;
      const to = row.status === 'open' ? 'in_progress' : 'done';
      outbox.transact((enqueue) => {
        db.prepare(`UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?`).run(to, now, row.id);
        enqueue({ remote: 'opentaps', entity: 'task', entityId: row.id, operation: OT_OPS.status, payload: { from: row.status, to } });
      });
      return { kind, id: row.id };
    }
    case 'opentaps.note.create': {
      const id = newId();
      outbox.transact((enqueue) => {
        db.prepare(`INSERT INTO activities (id, remote, type, body, created_at, updated_at) VALUES (?, 'opentaps', 'NOTE', ?, ?, ?)`).run(id, `Zákazník volal ${n}`, now, now);
        enqueue({ remote: 'opentaps', entity: 'activity', entityId: id, operation: OT_OPS.note, payload: { noteText: `Zákazník volal ${n}` } });
      });
      return { kind, id };
    }
  }
}

/** The simulator's state, as the control API's snapshot gives it (only what the check reads). */
export interface SimView {
  homs: { orders: { count: number; created: unknown[] } };
  ucs: { persons: { created: Record<string, unknown>[] }; companies: { created: Record<string, unknown>[] } };
  ultracart: { tasks: { created: Record<string, unknown>[] } };
  opentaps: { activities: { count: number; created: Record<string, unknown>[] } };
}

/**
 * After a last full pull of HOMS, UltraCart and Opentaps: every resource's pull went through to its
 * end, and what the sweeps mirror is here once (HOMS orders, Opentaps activities and tasks).
 */
export function pulledProblems(db: Db, sim: SimView, resources: Record<'homs' | 'ultracart' | 'opentaps', number>): string[] {
  const problems: string[] = [];
  for (const [remote, n] of Object.entries(resources)) {
    const rows = db.prepare(`SELECT resource, cursor, last_success_at, last_error FROM sync_cursors WHERE remote = ?`).all(remote) as { resource: string; last_success_at: number | null; last_error: string | null }[];
    if (rows.length !== n) problems.push(`${remote}: ${rows.length} of its ${n} resources have a cursor row`);
    for (const r of rows) if (r.last_success_at === null || r.last_error !== null) problems.push(`${remote}/${r.resource}: last pull did not finish: ${JSON.stringify(r)}`);
  }
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const homs = count(`SELECT COUNT(*) AS n FROM homs_orders`);
  if (homs !== sim.homs.orders.count) problems.push(`HOMS: ${homs} orders here, ${sim.homs.orders.count} in the simulator`);
  const ot = count(`SELECT (SELECT COUNT(*) FROM tasks WHERE remote = 'opentaps') + (SELECT COUNT(*) FROM activities WHERE remote = 'opentaps') AS n`);
  if (ot !== sim.opentaps.activities.count) problems.push(`Opentaps: ${ot} activities and tasks here, ${sim.opentaps.activities.count} in the simulator`);
  return problems;
}

const UC_PRIORITY: Record<string, string> = { low: '1 - low', normal: '2 - medium', high: '3 - high', urgent: '4 - critical' };
const OT_STATUS: Record<string, string> = { open: 'CREATED', in_progress: 'STARTED', done: 'COMPLETED', cancelled: 'CANCELLED' };

/**
 * Every local row these writes made against the simulator: each exists there exactly once (by its
 * client reference), carries the local fields, and the local row has its remote id. `only` limits
 * the check to some remotes. Returns the problems found (empty: converged).
 */
export function compareWithSim(db: Db, sim: SimView, only: readonly WriteRemote[] = WRITE_REMOTES): string[] {
  const problems: string[] = [];
  const eq = (what: string, local: unknown, remote: unknown) => {
    if (local !== remote) problems.push(`${what}: local ${JSON.stringify(local)} ≠ remote ${JSON.stringify(remote)}`);
  };
  // Nothing was created that no local row accounts for (the simulator starts from its seed).
  const total = (what: string, local: number, remote: number) => {
    if (local !== remote) problems.push(`${what}: ${local} made here, ${remote} created in the simulator`);
  };
  const once = <T>(what: string, found: T[]): T | undefined => {
    if (found.length !== 1) problems.push(`${what} is in the simulator ${found.length} times`);
    return found[0];
  };

  if (only.includes('homs')) {
    const created = sim.homs.orders.created.map((o) => orderSchema.parse(o));
    for (const row of db.prepare(`SELECT * FROM homs_orders WHERE ref IS NOT NULL`).all() as HomsOrderRow[]) {
      const o = once(`HOMS order ext_code ${row.ref}`, created.filter((c) => c.ext_code === row.ref));
      if (!o) continue;
      eq(`HOMS order ${row.id} code`, row.code, o.code);
      if (!sameFields(fieldsOfRow(row), fieldsOfOrder(o))) problems.push(`HOMS order ${row.id}: local ${JSON.stringify(fieldsOfRow(row))} ≠ remote ${JSON.stringify(fieldsOfOrder(o))}`);
    }
    total('HOMS orders', db.prepare(`SELECT id FROM homs_orders WHERE ref IS NOT NULL`).all().length, created.length);
  }
  if (only.includes('ucs')) {
    type C = { id: string; first_name: string; last_name: string; display_name: string; external_id: string; ucs_person_id: string | null };
    for (const c of db.prepare(`SELECT * FROM contacts WHERE external_id LIKE 'DS-%'`).all() as C[]) {
      const p = once(`UCS person external_id ${c.external_id}`, sim.ucs.persons.created.filter((x) => x.external_id === c.external_id));
      if (!p) continue;
      eq(`contact ${c.id} ucs_person_id`, c.ucs_person_id, String(p.id));
      eq(`contact ${c.id} displayname`, c.display_name, p.displayname);
      eq(`contact ${c.id} lastname`, c.last_name, p.lastname);
      eq(`contact ${c.id} firstname`, c.first_name, p.firstname);
    }
    type Co = { id: string; name: string; external_id: string; ucs_company_id: string | null };
    for (const c of db.prepare(`SELECT * FROM companies WHERE external_id LIKE 'DS-%'`).all() as Co[]) {
      const r = once(`UCS company external_id ${c.external_id}`, sim.ucs.companies.created.filter((x) => x.external_id === c.external_id));
      if (!r) continue;
      eq(`company ${c.id} ucs_company_id`, c.ucs_company_id, String(r.id));
      eq(`company ${c.id} name`, c.name, r.name);
    }
    total('UCS persons', db.prepare(`SELECT id FROM contacts WHERE external_id LIKE 'DS-%'`).all().length, sim.ucs.persons.created.length);
    total('UCS companies', db.prepare(`SELECT id FROM companies WHERE external_id LIKE 'DS-%'`).all().length, sim.ucs.companies.created.length);
  }
  type T = { id: string; title: string; description: string | null; status: string; priority: string; due_at: number | null; remote_assignee: string | null; remote_id: string | null };
  if (only.includes('ultracart')) {
    const refOf = (t: Record<string, unknown>) => ((t.properties ?? []) as { name: string; value: string }[]).find((p) => p.name === CLIENT_REF_PROPERTY)?.value;
    for (const t of db.prepare(`SELECT * FROM tasks WHERE remote = 'ultracart' AND ${MADE_HERE}`).all() as T[]) {
      const r = once(`UltraCart task ref ${t.id}`, sim.ultracart.tasks.created.filter((x) => refOf(x) === t.id));
      if (!r) continue;
      eq(`UltraCart task ${t.id} remote_id`, t.remote_id, r.workflow_task_uuid);
      eq(`UltraCart task ${t.id} title`, t.title, r.task_name);
      eq(`UltraCart task ${t.id} description`, t.description, r.task_details);
      eq(`UltraCart task ${t.id} priority`, UC_PRIORITY[t.priority], r.priority);
    }
    total('UltraCart tasks', db.prepare(`SELECT id FROM tasks WHERE remote = 'ultracart' AND ${MADE_HERE}`).all().length, sim.ultracart.tasks.created.length);
  }
  if (only.includes('opentaps')) {
    const refOf = (a: Record<string, unknown>) => (a.attributes as Record<string, string> | undefined)?.docksideRef;
    for (const t of db.prepare(`SELECT * FROM tasks WHERE remote = 'opentaps' AND ${MADE_HERE}`).all() as T[]) {
      const r = once(`Opentaps task ref ${t.id}`, sim.opentaps.activities.created.filter((x) => refOf(x) === t.id));
      if (!r) continue;
      eq(`Opentaps task ${t.id} remote_id`, t.remote_id, r._id);
      eq(`Opentaps task ${t.id} noteText`, t.title, r.noteText);
      eq(`Opentaps task ${t.id} status`, OT_STATUS[t.status], r.status);
      eq(`Opentaps task ${t.id} scheduled`, t.due_at, Date.parse(String(r.scheduledDateTime)));
    }
    type A = { id: string; body: string; remote_id: string | null };
    for (const a of db.prepare(`SELECT * FROM activities WHERE remote = 'opentaps' AND ${MADE_HERE}`).all() as A[]) {
      const r = once(`Opentaps note ref ${a.id}`, sim.opentaps.activities.created.filter((x) => refOf(x) === a.id));
      if (!r) continue;
      eq(`Opentaps note ${a.id} remote_id`, a.remote_id, r._id);
      eq(`Opentaps note ${a.id} noteText`, a.body, r.noteText);
    }
    total('Opentaps activities', db.prepare(`SELECT id FROM tasks WHERE remote = 'opentaps' AND ${MADE_HERE} UNION ALL SELECT id FROM activities WHERE remote = 'opentaps' AND ${MADE_HERE}`).all().length, sim.opentaps.activities.created.length);
  }
  return problems;
}

/** Local rows of a reported write that must exist (a reported write was committed). */
export function missingLocally(db: Db, writes: Iterable<Write>): string[] {
  const table: Record<WriteKind, string> = {
    'homs.create': 'homs_orders',
    'homs.update': 'homs_orders',
    'ucs.contact.create': 'contacts',
    'ucs.contact.update': 'contacts',
    'ucs.company.create': 'companies',
    'ucs.company.update': 'companies',
    'ultracart.task.insert': 'tasks',
    'ultracart.task.update': 'tasks',
    'opentaps.task.create': 'tasks',
    'opentaps.task.status': 'tasks',
    'opentaps.note.create': 'activities',
  };
  const out: string[] = [];
  for (const w of writes) {
    if (!db.prepare(`SELECT 1 FROM ${table[w.kind]} WHERE id = ?`).get(w.id)) out.push(`${w.kind} ${w.id} was reported but is not stored`);
  }
  return out;
}
