// The Opentaps connector module over real HTTP against the in-process simulator: the activity
// sweep fills `activities` and `tasks` exactly as the remote has them, tasks per known contact
// come from the task search, re-runs change nothing, a task with waiting local work becomes a
// conflict; notes, tasks and status changes land exactly once, also under every fault kind.
import { beforeEach, describe, expect, it } from 'vitest';
import { OpentapsClient, type Activity, type Task } from '../../../../src-main/core/connectors/opentaps';
import { isTask, localStatusOf, remoteContactsOf, statusChangeProblem } from '../../../../src-main/core/connectors/opentaps/mappers';
import { opentapsSync } from '../../../../src-main/core/connectors/opentaps/sync';
import { systemClock } from '../../../../src-main/core/platform/ports';
import { Outbox } from '../../../../src-main/core/sync/outbox';
import { newId } from '../../../../src-main/core/util/ids';
import { addFault, call, type Json } from '../../../sim/helpers';
import { drain, PUSH_FAULTS, resourceOf, runPull, useModuleBench } from '../ultracart/pullHarness';

const bench = useModuleBench('opentaps', {
  client: (sim) => new OpentapsClient({ baseUrl: sim.urls.opentaps, ...sim.credentials.opentaps }, { timeoutMs: 3000 }),
  module: (deps) => opentapsSync(deps, { activityPageSize: 40 }),
});

const snapshot = async (): Promise<Json> => (await call(`${bench.sim.urls.control}/state/opentaps`)).json;
const agent = (k: number): string => bench.sim.state.ds.opentaps.agentContacts[k].contactId as string;
const pull = <T = Activity>(name: string, opts: { stopAfterPages?: number } = {}) => runPull(bench.db, resourceOf<T, OpentapsClient>(bench.mod.resources, name), bench.client, { chunk: 50, ...opts });
const tasksRows = () => bench.db.prepare("SELECT * FROM tasks WHERE remote = 'opentaps' ORDER BY remote_id").all() as Json[];
const activityRows = () => bench.db.prepare('SELECT * FROM activities ORDER BY remote_id').all() as Json[];
function addContact(remoteId: string): string {
  const id = newId();
  bench.db.prepare('INSERT INTO contacts (id, display_name, opentaps_contact_id, updated_at) VALUES (?, ?, ?, ?)').run(id, `Contact ${remoteId}`, remoteId, Date.now());
  return id;
}

describe('Opentaps pull', () => {
  it('the activity sweep: every activity once, tasks in `tasks`, the rest in `activities`, linked to known contacts', async () => {
    const remote = await bench.client.listActivities();
    const customer = remote.find((a) => !isTask(a) && a.contacts.length > 0)!.contacts[0]!.contactId;
    const localCustomer = addContact(customer);
    await bench.clearRequests();
    const run = await pull('activities');
    const total = (await snapshot()).activities.count as number;
    expect(run.items).toHaveLength(total);
    // pages of 40 from sequence 0 until a short page, and no further
    expect((await bench.requests()).filter((e) => e.path.startsWith('/activities')).map((e) => e.path)).toEqual(
      Array.from({ length: Math.floor(total / 40) + 1 }, (_, i) => `/activities/40/${i * 40}`),
    );
    const notes = remote.filter((a) => !isTask(a));
    const tasks = remote.filter(isTask);
    const aRows = activityRows();
    expect(aRows.map((r) => r.remote_id)).toEqual(notes.map((a) => a.id).sort());
    const byId = new Map(remote.map((a) => [a.id, a]));
    for (const r of aRows) {
      const a = byId.get(r.remote_id)!;
      expect(r).toMatchObject({ remote: 'opentaps', type: a.type, body: a.noteText, status: a.status, attributes: JSON.stringify(a.attributes), remote_contacts: JSON.stringify(remoteContactsOf(a)) });
      expect(r.contact_id).toBe(remoteContactsOf(a).includes(customer) ? localCustomer : null);
    }
    const tRows = tasksRows();
    expect(tRows.map((r) => r.remote_id)).toEqual(tasks.map((t) => t.id).sort());
    for (const r of tRows) {
      const t = byId.get(r.remote_id) as Task;
      expect(r).toMatchObject({ title: t.noteText, status: localStatusOf(t.status), remote_status: t.status, due_at: Date.parse(t.scheduledDateTime), remote_assignee: t.assignedToContactIds[0], order_id: t.attributes.orderId });
    }
    expect(aRows.some((r) => r.contact_id === localCustomer)).toBe(true);
  });

  it('a sweep broken off (a stop, a 500, an expired token) goes on from its stored startFrom: every activity once', async () => {
    const first = await pull('activities', { stopAfterPages: 1 });
    await addFault(bench.sim, { system: 'opentaps', route: '/activities/:count/:startFrom', kind: 'error', status: 500 });
    await expect(pull('activities')).rejects.toMatchObject({ kind: 'server' });
    await addFault(bench.sim, { system: 'opentaps', route: '/activities/:count/:startFrom', kind: 'token_expiry' });
    await bench.clearRequests();
    const rest = await pull('activities');
    expect((await bench.requests()).find((e) => e.path.startsWith('/activities/'))?.path).toBe('/activities/40/40');
    const all = await bench.client.listActivities();
    expect([...first.items, ...rest.items].map((a) => a.id).sort()).toEqual(all.map((a) => a.id).sort());
    expect(activityRows().length + tasksRows().length).toBe(all.length);
  });

  it('tasks per known contact come from the task search; with no contact known, nothing is asked', async () => {
    const none = await pull<Task>('tasks');
    expect(none.items).toEqual([]);
    expect(await bench.requests()).toEqual([]);
    addContact(agent(3));
    addContact(agent(5));
    const run = await pull<Task>('tasks');
    const expected = await bench.client.searchTasks({ assignedToContactIds: [agent(3), agent(5)] });
    expect(run.items.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
    expect(tasksRows().map((r) => r.remote_id)).toEqual(expected.map((t) => t.id).sort());
    const [q] = (await bench.requests()).filter((e) => e.path === '/task');
    expect(q.query).toContain(`assignedToContactId=${agent(3)}`);
  });

  it('a re-run changes nothing; a task changed in the simulator changes only its row', async () => {
    await pull('activities');
    const aBefore = activityRows();
    const tBefore = tasksRows();
    await pull('activities');
    expect(activityRows()).toEqual(aBefore);
    expect(tasksRows()).toEqual(tBefore);
    const target = tBefore.find((r) => r.remote_status === 'CREATED')!;
    await bench.client.changeTaskStatus({ activityId: target.remote_id, from: 'CREATED', to: 'STARTED' });
    await pull('activities');
    const tAfter = tasksRows();
    expect(tAfter.find((r) => r.id === target.id)).toMatchObject({ status: 'in_progress', remote_status: 'STARTED' });
    expect(tAfter.filter((r) => r.id !== target.id)).toEqual(tBefore.filter((r) => r.id !== target.id));
    expect(activityRows()).toEqual(aBefore);
  });

  it('a task with a waiting status change is not overwritten: a conflict is recorded', async () => {
    await pull('activities');
    const row = tasksRows().find((r) => r.remote_status === 'CREATED')!;
    const outbox = new Outbox(bench.db, systemClock);
    outbox.transact((enqueue) => {
      bench.db.prepare("UPDATE tasks SET status = 'cancelled' WHERE id = ?").run(row.id);
      enqueue({ remote: 'opentaps', entity: 'task', entityId: row.id, operation: 'task.status', payload: { from: 'open', to: 'cancelled' } });
    });
    await bench.client.changeTaskStatus({ activityId: row.remote_id, from: 'CREATED', to: 'STARTED' });
    await pull('activities');
    expect(tasksRows().find((r) => r.id === row.id)).toMatchObject({ status: 'cancelled', remote_status: 'CREATED' });
    expect(bench.db.prepare('SELECT entity, entity_id, remote_id, resolved_at FROM sync_conflicts').all()).toEqual([{ entity: 'task', entity_id: row.id, remote_id: row.remote_id, resolved_at: null }]);
  });
});

describe('Opentaps push', () => {
  let outbox: Outbox;
  beforeEach(() => {
    outbox = bench.outbox();
  });
  const created = async (ref: string): Promise<Json[]> => ((await snapshot()).activities.created as Json[]).filter((a) => a.attributes?.docksideRef === ref);

  function localNote(text: string, payload: Record<string, unknown> = {}): string {
    const id = newId();
    const now = Date.now();
    outbox.transact((enqueue) => {
      bench.db.prepare("INSERT INTO activities (id, remote, type, body, created_at, updated_at) VALUES (?, 'opentaps', 'NOTE', ?, ?, ?)").run(id, text, now, now);
      enqueue({ remote: 'opentaps', entity: 'activity', entityId: id, operation: 'activity.create', payload: { noteText: text, ...payload } });
    });
    return id;
  }
  function localTask(text: string, who: string): string {
    const id = newId();
    const now = Date.now();
    const at = Date.UTC(2031, 2, 4, 9);
    outbox.transact((enqueue) => {
      bench.db.prepare("INSERT INTO tasks (id, title, status, due_at, remote, created_at, updated_at) VALUES (?, ?, 'open', ?, 'opentaps', ?, ?)").run(id, text, at, now, now);
      enqueue({ remote: 'opentaps', entity: 'task', entityId: id, operation: 'task.create', payload: { noteText: text, scheduledAt: at, assignedToContactId: who } });
    });
    return id;
  }
  const status = (id: string, from: string, to: string) =>
    outbox.transact((enqueue) => enqueue({ remote: 'opentaps', entity: 'task', entityId: id, operation: 'task.status', payload: { from, to } }));

  it('a note lands once, linked to its contact, and its remote id is written back; the pull links its echo', async () => {
    const id = localNote('Zákazník volal kvůli ETA', { contactId: agent(1), role: 'caller', attributes: { orderId: 'ODR-1' } });
    await drain(outbox, 'opentaps');
    const [a] = await created(id);
    expect(await created(id)).toHaveLength(1);
    expect(a).toMatchObject({ activityType: 'NOTE', noteText: 'Zákazník volal kvůli ETA', attributes: { orderId: 'ODR-1', docksideRef: id }, contacts: [{ contactId: agent(1), role: 'caller' }] });
    expect(bench.db.prepare('SELECT remote_id FROM activities WHERE id = ?').get(id)).toEqual({ remote_id: a._id });
    await pull('activities');
    expect(bench.db.prepare('SELECT COUNT(*) AS n FROM activities WHERE remote_id = ?').get(a._id)).toEqual({ n: 1 });
  });

  it.each([...PUSH_FAULTS, ['token expiry', { kind: 'token_expiry' }]])('note and task under %s: exactly one of each in the simulator', async (_name, fault) => {
    await bench.client.ping(); // a temporary token exists, as in a running station
    await addFault(bench.sim, { system: 'opentaps', route: '/activities', method: 'POST', ...fault });
    await addFault(bench.sim, { system: 'opentaps', route: '/task', method: 'POST', ...fault });
    const n = localNote(`Poznámka ${String(_name)}`, { contactId: agent(2) });
    const t = localTask(`Úkol ${String(_name)}`, agent(4));
    await drain(outbox, 'opentaps');
    expect(outbox.counts()).toMatchObject({ pending: 0, dead: 0, done: 2 });
    const [note] = await created(n);
    expect(await created(n)).toHaveLength(1);
    expect(note.contacts).toEqual([{ contactId: agent(2), role: null }]);
    const [task] = await created(t);
    expect(await created(t)).toHaveLength(1);
    expect(task).toMatchObject({ activityType: 'TASK', status: 'CREATED', assignedToContact: [agent(4)], scheduledDateTime: '2031-03-04T09:00:00.000Z' });
    expect(bench.db.prepare('SELECT remote_id, remote_status FROM tasks WHERE id = ?').get(t)).toEqual({ remote_id: task._id, remote_status: 'CREATED' });
  });

  it('status changes follow the machine; a lost reply is replayed harmlessly; an illegal one is dead locally, nothing sent', async () => {
    const t = localTask('Zavolat zpět', agent(6));
    status(t, 'open', 'in_progress');
    await drain(outbox, 'opentaps');
    await addFault(bench.sim, { system: 'opentaps', route: '/activities/:id', method: 'PUT', kind: 'lost_reply' });
    status(t, 'in_progress', 'done');
    await drain(outbox, 'opentaps');
    const [task] = await created(t);
    expect(task.status).toBe('COMPLETED');
    expect(bench.db.prepare('SELECT remote_status FROM tasks WHERE id = ?').get(t)).toEqual({ remote_status: 'COMPLETED' });

    await bench.clearRequests();
    expect(statusChangeProblem('done', 'open')).toMatch(/COMPLETED/);
    status(t, 'done', 'open');
    await outbox.syncNow('opentaps');
    const [dead] = outbox.list({ status: 'dead', limit: 5 });
    expect(dead).toMatchObject({ operation: 'task.status', errorCode: 'validation' });
    expect(dead!.errorMessage).toMatch(/COMPLETED task cannot be changed/);
    expect((await bench.requests()).filter((e) => e.method === 'PUT')).toEqual([]);
    expect((await created(t))[0].status).toBe('COMPLETED');
  });

  it('a status change for a task never created there is dead with a clear message', async () => {
    status(newId(), 'open', 'in_progress');
    await outbox.syncNow('opentaps');
    expect(outbox.list({ status: 'dead', limit: 5 })).toEqual([expect.objectContaining({ errorCode: 'validation', errorMessage: expect.stringMatching(/no Opentaps id/) })]);
    expect(await bench.requests()).toEqual([]);
  });
});
