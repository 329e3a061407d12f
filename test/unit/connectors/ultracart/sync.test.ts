// The UltraCart connector module over real HTTP against the in-process simulator: each pull fills
// the local tables exactly as the remote has them, the task delta picks up only what changed
// (equal timestamps neither lost nor doubled), re-runs change nothing, a row with waiting local
// work becomes a conflict; each push lands exactly once, also under every fault kind.
import { beforeEach, describe, expect, it } from 'vitest';
import { UltracartClient, CLIENT_REF_PROPERTY, type WorkflowTask } from '../../../../src-main/core/connectors/ultracart';
import { localStatusOf, msOf } from '../../../../src-main/core/connectors/ultracart/mappers';
import { readOpenCount } from '../../../../src-main/core/connectors/ultracart/repo';
import { ultracartSync } from '../../../../src-main/core/connectors/ultracart/sync';
import { systemClock } from '../../../../src-main/core/platform/ports';
import { Outbox } from '../../../../src-main/core/sync/outbox';
import { newId } from '../../../../src-main/core/util/ids';
import { addFault, type Json } from '../../../sim/helpers';
import { drain, PUSH_FAULTS, resourceOf, runPull, useModuleBench } from './pullHarness';

const bench = useModuleBench('ultracart', {
  client: (sim) => new UltracartClient({ baseUrl: sim.urls.ultracart, simpleKey: sim.credentials.ultracart.key, timeoutMs: 3000 }),
  module: (deps) => ultracartSync(deps, { taskPageSize: 7 }),
});

const created = (): Json[] => bench.sim.state.systems.ultracart!.snapshot().tasks.created as Json[];
async function all(gen: AsyncGenerator<{ items: WorkflowTask[] }>): Promise<WorkflowTask[]> {
  const out: WorkflowTask[] = [];
  for await (const p of gen) out.push(...p.items);
  return out;
}
type TaskDbRow = { id: string; title: string; description: string | null; status: string; priority: string; due_at: number | null; order_id: string | null; remote_id: string; remote_status: string | null; remote_assignee: string | null; remote_group: string | null; tags: string; remote_updated_at: string | null };
const localTasks = (): TaskDbRow[] => bench.db.prepare("SELECT * FROM tasks WHERE remote = 'ultracart' ORDER BY remote_id").all() as TaskDbRow[];
const pull = (name: string, opts: { chunk?: number; stopAfterPages?: number } = {}) => runPull(bench.db, resourceOf<WorkflowTask, UltracartClient>(bench.mod.resources, name), bench.client, opts);

describe('UltraCart pull', () => {
  it('users, groups and tags fill remote_records exactly; the open count is readable', async () => {
    await pull('users');
    await pull('groups');
    await pull('tags');
    await pull('open_count');
    const rec = (resource: string) => bench.db.prepare("SELECT remote_id, data FROM remote_records WHERE remote = 'ultracart' AND resource = ? ORDER BY remote_id").all(resource) as { remote_id: string; data: string }[];
    const simUsers = bench.sim.state.ds.ultracart.users as Json[];
    expect(rec('users').map((r) => r.remote_id).sort()).toEqual(simUsers.map((u) => String(u.user_id)).sort());
    const meRows = rec('users').filter((r) => JSON.parse(r.data).me);
    expect(meRows.map((r) => Number(r.remote_id))).toEqual([bench.sim.state.ds.ultracart.me.user_id]);
    expect(rec('groups').map((r) => JSON.parse(r.data).group).sort()).toEqual((bench.sim.state.ds.ultracart.groups as Json[]).map((g) => g.group).sort());
    expect(rec('tags').map((r) => r.remote_id)).toEqual(await bench.client.listTags());
    expect(readOpenCount(bench.db)?.openCount).toBe(await bench.client.openCount());
    // every list request paged with _limit/_offset only
    for (const r of await bench.requests()) if (r.query) expect(r.query).toMatch(/^\?_limit=\d+&_offset=\d+$/);
  });

  it('my tasks: the tasks table holds exactly what the remote says is mine, mapped', async () => {
    const run = await pull('tasks', { chunk: 3 });
    const log = (await bench.requests()).filter((r) => r.path === '/workflow/tasks/search');
    const mine = await all(bench.client.myTasks());
    expect(run.items.length).toBe(mine.length);
    expect(run.totals[0]).toBe(mine.length);
    const rows = localTasks();
    expect(rows.map((r) => r.remote_id)).toEqual(mine.map((t) => t.workflow_task_uuid).sort());
    const byId = new Map(mine.map((t) => [t.workflow_task_uuid, t]));
    const prio: Record<string, string> = { '1 - low': 'low', '2 - medium': 'normal', '3 - high': 'high', '4 - critical': 'urgent' };
    for (const r of rows) {
      const t = byId.get(r.remote_id)!;
      expect(r).toMatchObject({
        title: t.task_name,
        description: t.task_details ?? null,
        remote_status: t.status,
        status: localStatusOf(t.status),
        priority: prio[t.priority!],
        due_at: msOf(t.due_dts),
        remote_assignee: t.assigned_to_user_id == null ? null : String(t.assigned_to_user_id),
        remote_group: t.assigned_to_group_id == null ? null : String(t.assigned_to_group_id),
        order_id: t.object_type === 'order' ? t.object_id : null,
        tags: JSON.stringify(t.tags ?? []),
        remote_updated_at: t.last_update_dts,
      });
    }
    // pages of 7 with a 5-record overlap, _limit/_offset only
    expect(log.length).toBeGreaterThan(Math.ceil(mine.length / 7));
    expect(log.map((r) => r.query).filter((q) => !/^\?_limit=7&_offset=\d+$/.test(q))).toEqual([]);
    expect(log[0].body).toEqual({ assigned_to_me: true });
  });

  it('a run broken off by a stop and by a 500 goes on from its stored cursor: every task once', async () => {
    const first = await pull('tasks', { stopAfterPages: 2 });
    await addFault(bench.sim, { system: 'ultracart', route: '/workflow/tasks/search', kind: 'error', status: 500 });
    await expect(pull('tasks')).rejects.toMatchObject({ kind: 'server' });
    const rest = await pull('tasks');
    const mine = await all(bench.client.myTasks());
    const seen = [...first.items, ...rest.items].map((t) => t.workflow_task_uuid);
    expect(seen.sort()).toEqual(mine.map((t) => t.workflow_task_uuid).sort());
    expect(localTasks().map((r) => r.remote_id)).toEqual(mine.map((t) => t.workflow_task_uuid).sort());
  });

  it('the delta picks up a task changed after the first pull, and nothing else; a re-run changes nothing', async () => {
    await pull('tasks');
    const before = localTasks();
    const target = before.find((r) => r.remote_status === 'open')!;
    await bench.client.updateTask(target.remote_id, { task_name: 'Changed remotely', priority: '4 - critical' });
    await bench.clearRequests();
    const delta = await pull('tasks');
    expect(delta.items.map((t) => t.workflow_task_uuid)).toEqual([target.remote_id]);
    const [req] = (await bench.requests()).filter((r) => r.path === '/workflow/tasks/search');
    expect(req.body).toEqual({ assigned_to_me: true, last_update_dts_begin: expect.any(String) });
    const after = localTasks();
    expect(after.find((r) => r.id === target.id)).toMatchObject({ title: 'Changed remotely', priority: 'urgent' });
    expect(after.filter((r) => r.id !== target.id)).toEqual(before.filter((r) => r.id !== target.id));
    // the watermark's own task comes back from the inclusive begin, and is not handed on again
    const again = await pull('tasks');
    expect(again.items).toEqual([]);
    expect(localTasks()).toEqual(after);
  });

  it('two tasks changed in the same second around the watermark: both arrive, once each', async () => {
    await pull('tasks');
    const open = localTasks().filter((r) => r.remote_status === 'open');
    const [a, b, c] = [open[0]!, open[1]!, open[2]!];
    await bench.client.updateTask(a.remote_id, { task_details: 'first' });
    const first = await pull('tasks');
    expect(first.items.map((t) => t.workflow_task_uuid)).toEqual([a.remote_id]);
    // b and c get the same or a later second than a: the inclusive begin finds them, a is not repeated
    await bench.client.updateTask(b.remote_id, { task_details: 'second' });
    await bench.client.updateTask(c.remote_id, { task_details: 'third' });
    const second = await pull('tasks');
    expect(second.items.map((t) => t.workflow_task_uuid).sort()).toEqual([b.remote_id, c.remote_id].sort());
    expect(localTasks().filter((r) => [a.id, b.id, c.id].includes(r.id)).map((r) => r.description).sort()).toEqual(['first', 'second', 'third']);
  });

  it('a task with waiting local work is not overwritten: a conflict is recorded, resolved by a later apply', async () => {
    await pull('tasks');
    const row = localTasks().find((r) => r.remote_status === 'open')!;
    const outbox = new Outbox(bench.db, systemClock);
    outbox.transact((enqueue) => {
      bench.db.prepare("UPDATE tasks SET title = 'Local edit' WHERE id = ?").run(row.id);
      enqueue({ remote: 'ultracart', entity: 'task', entityId: row.id, operation: 'task.update', payload: { title: 'Local edit' } });
    });
    await bench.client.updateTask(row.remote_id, { task_name: 'Remote edit' });
    const run = await pull('tasks');
    expect(run.items.map((t) => t.workflow_task_uuid)).toEqual([row.remote_id]);
    expect(localTasks().find((r) => r.id === row.id)!.title).toBe('Local edit');
    const conflicts = bench.db.prepare('SELECT entity, entity_id, remote_id, remote_data, resolved_at FROM sync_conflicts').all() as Json[];
    expect(conflicts).toEqual([{ entity: 'task', entity_id: row.id, remote_id: row.remote_id, remote_data: expect.stringContaining('Remote edit'), resolved_at: null }]);

    // the op is sent; the next remote change applies and resolves the conflict
    bench.mod.pushes.forEach((p) => outbox.registerPush('ultracart', p.operation, p.handler, p.schema));
    await drain(outbox, 'ultracart');
    await bench.client.updateTask(row.remote_id, { task_details: 'later' });
    await pull('tasks');
    expect(localTasks().find((r) => r.id === row.id)).toMatchObject({ title: 'Local edit', description: 'later' });
    expect(bench.db.prepare('SELECT resolved_at FROM sync_conflicts').get()).toEqual({ resolved_at: expect.any(Number) });
  });
});

describe('UltraCart push', () => {
  let outbox: Outbox;
  beforeEach(() => {
    outbox = bench.outbox();
  });

  /** A task created here, and its insert op, in one transaction (as a service would). */
  function createLocal(title: string, extra: Record<string, unknown> = {}): string {
    const id = newId();
    const now = Date.now();
    outbox.transact((enqueue) => {
      bench.db.prepare("INSERT INTO tasks (id, title, status, priority, remote, created_at, updated_at) VALUES (?, ?, 'open', 'high', 'ultracart', ?, ?)").run(id, title, now, now);
      enqueue({ remote: 'ultracart', entity: 'task', entityId: id, operation: 'task.insert', payload: { title, priority: 'high', ...extra } });
    });
    return id;
  }
  const withRef = (ref: string) => created().filter((t) => (t.properties ?? []).some((p: Json) => p.name === CLIENT_REF_PROPERTY && p.value === ref));

  it('insert lands once, carries the local id as client reference, and writes the remote id back', async () => {
    const me = bench.sim.state.ds.ultracart.me.user_id as number;
    const id = createLocal('Přebalit a poslat znovu', { assigneeUserId: me, dueAt: Date.UTC(2031, 0, 2, 9), tags: ['reship'], orderId: 'ODR-10000007' });
    await drain(outbox, 'ultracart');
    const [t] = withRef(id);
    expect(withRef(id)).toHaveLength(1);
    expect(t).toMatchObject({ task_name: 'Přebalit a poslat znovu', priority: '3 - high', assigned_to_user_id: me, tags: ['reship'], object_type: 'order', object_id: 'ODR-10000007' });
    expect(Date.parse(t.due_dts)).toBe(Date.UTC(2031, 0, 2, 9));
    expect(bench.db.prepare('SELECT remote_id, remote_status FROM tasks WHERE id = ?').get(id)).toEqual({ remote_id: t.workflow_task_uuid, remote_status: 'open' });
    // the pull of its echo finds the same row, no second one
    await pull('tasks');
    expect(bench.db.prepare('SELECT COUNT(*) AS n FROM tasks WHERE remote_id = ?').get(t.workflow_task_uuid)).toEqual({ n: 1 });
  });

  it.each(PUSH_FAULTS)('insert under %s: exactly one task in the simulator', async (_name, fault) => {
    await addFault(bench.sim, { system: 'ultracart', route: '/workflow/tasks', method: 'POST', ...fault });
    const id = createLocal(`Fault ${String(_name)}`);
    await drain(outbox, 'ultracart');
    expect(withRef(id)).toHaveLength(1);
    expect(outbox.counts()).toMatchObject({ pending: 0, dead: 0, done: 1 });
    expect(bench.db.prepare('SELECT remote_id FROM tasks WHERE id = ?').get(id)).toEqual({ remote_id: withRef(id)[0].workflow_task_uuid });
  });

  it('update after insert: fields and a note arrive once, also when the reply is lost', async () => {
    const id = createLocal('To be closed');
    await drain(outbox, 'ultracart');
    await addFault(bench.sim, { system: 'ultracart', route: '/workflow/tasks/:task_uuid', method: 'PUT', kind: 'lost_reply' });
    outbox.transact((enqueue) => enqueue({ remote: 'ultracart', entity: 'task', entityId: id, operation: 'task.update', payload: { status: 'done', note: 'Vyřízeno telefonicky.' } }));
    await drain(outbox, 'ultracart');
    const uuid = withRef(id)[0].workflow_task_uuid as string;
    const t = await bench.client.getTask(uuid);
    expect(t.status).toBe('closed');
    expect(t.notes?.filter((n) => n.note === 'Vyřízeno telefonicky.')).toHaveLength(1);
    expect(withRef(id)).toHaveLength(1);
    expect(bench.db.prepare('SELECT remote_status FROM tasks WHERE id = ?').get(id)).toEqual({ remote_status: 'closed' });
  });

  it('an op the remote refuses is dead with its message; an update of a never-inserted task is dead locally, nothing sent', async () => {
    await addFault(bench.sim, { system: 'ultracart', route: '/workflow/tasks', method: 'POST', kind: 'error', status: 400 });
    createLocal('Refused');
    const orphan = newId();
    outbox.transact((enqueue) => enqueue({ remote: 'ultracart', entity: 'task', entityId: orphan, operation: 'task.update', payload: { title: 'x' } }));
    await outbox.syncNow('ultracart');
    const dead = outbox.list({ status: 'dead', limit: 10 });
    expect(dead.map((o) => [o.operation, o.errorCode])).toEqual([
      ['task.insert', 'validation'],
      ['task.update', 'validation'],
    ]);
    expect(dead[0]!.errorMessage).toEqual(expect.any(String));
    expect(dead[1]!.errorMessage).toMatch(/no UltraCart id/);
    expect((await bench.requests()).filter((r) => r.method === 'PUT')).toEqual([]);
  });
});
