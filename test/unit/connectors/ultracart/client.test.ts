// The UltraCart WorkflowApi client against the simulator over real HTTP: what the sync engine relies
// on — the simple key, each call's parsed result, `_limit`/`_offset` paging to the end and no further,
// UC-REST-ERROR normalisation, Retry-After, and finding a create again after its reply was lost.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RemoteError } from '../../../../src-main/core/connectors/shared/errors';
import { CLIENT_REF_PROPERTY, nextOffset, UltracartClient } from '../../../../src-main/core/connectors/ultracart/client';
import type { WorkflowTask } from '../../../../src-main/core/connectors/ultracart/schemas';
import { startSim, type RunningSim } from '../../../../src-main/sim/server';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let sim: RunningSim;
let uc: UltracartClient;

async function control(path: string, init: { method?: string; json?: unknown } = {}): Promise<Json> {
  const res = await fetch(`${sim.urls.control}${path}`, {
    method: init.method ?? 'GET',
    ...(init.json !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) } : {}),
  });
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}
const fault = (spec: Record<string, unknown>): Promise<Json> => control('/faults', { method: 'POST', json: { system: 'ultracart', ...spec } });
/** The UltraCart requests that reached the simulator since the last clear. */
const requests = async (): Promise<Json[]> => control('/requests?system=ultracart');
const caught = (p: Promise<unknown>): Promise<RemoteError> =>
  p.then(
    () => {
      throw new Error('expected a RemoteError');
    },
    (e: unknown) => e as RemoteError,
  );
async function all<T>(gen: AsyncGenerator<{ items: T[] }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  for await (const p of gen) {
    items.push(...p.items);
    pages++;
  }
  return { items, pages };
}

beforeAll(async () => {
  sim = await startSim({ port: 0, seed: 42 });
  uc = new UltracartClient({ baseUrl: sim.urls.ultracart, simpleKey: sim.credentials.ultracart.key, timeoutMs: 3000 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await control('/faults', { method: 'DELETE' });
  await control('/requests', { method: 'DELETE' });
});

describe('UltraCart auth', () => {
  it('sends the simple key (and the SDK version header) and reads me', async () => {
    const me = await uc.getMe();
    expect(me).toMatchObject({ user: expect.any(String), user_id: sim.state.ds.ultracart.me.user_id });
    const [r] = await requests();
    expect(r).toMatchObject({ method: 'GET', path: '/workflow/me', status: 200 });
  });

  it('a wrong key is `auth` with the UC-REST-ERROR message, after one retry only', async () => {
    const bad = new UltracartClient({ baseUrl: sim.urls.ultracart, simpleKey: 'nope' });
    const err = await caught(bad.getMe());
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ remote: 'ultracart', kind: 'auth', status: 401, remoteMessage: 'Invalid credentials supplied', retryable: false });
    expect((await requests()).length).toBe(2);
  });

  it('a passing 401 (early "expiry" of the static key) is ridden out with exactly one retry', async () => {
    await fault({ kind: 'token_expiry' });
    expect(await uc.openCount()).toBeGreaterThanOrEqual(0);
    expect((await requests()).map((r) => r.status)).toEqual([401, 200]);
  });
});

describe('UltraCart reads', () => {
  it('assignment users: every page with _limit/_offset only, stopping where result_set.more is false', async () => {
    const n = sim.state.ds.ultracart.users.length;
    const { users, myUserId } = await uc.listUsers(3);
    expect(users.map((u) => u.user_id)).toEqual(sim.state.ds.ultracart.users.map((u: Json) => u.user_id));
    expect(myUserId).toBe(sim.state.ds.ultracart.me.user_id);
    const log = await requests();
    expect(log.length).toBe(Math.ceil(n / 3));
    expect(log.map((r) => r.query)).toEqual(Array.from({ length: log.length }, (_, i) => `?_limit=3&_offset=${i * 3}`));
  });

  it('assignment groups, tags and the open count', async () => {
    const groups = await uc.listGroups();
    expect(groups.length).toBe(sim.state.ds.ultracart.groups.length);
    expect(groups[0]).toMatchObject({ group: expect.any(String), group_id: expect.any(Number) });
    expect((await requests()).length).toBe(1); // one short page, no second request
    const tags = await uc.listTags();
    expect(tags.length).toBeGreaterThan(0);
    const mine = await all(uc.myTasks());
    expect(await uc.openCount()).toBe(mine.items.filter((t) => t.status === 'open').length);
  });

  it('my tasks: all pages to the end (assigned to me or my groups), no request past the last page', async () => {
    await control('/requests', { method: 'DELETE' });
    const { items, pages } = await all(uc.myTasks({ pageSize: 4 }));
    const log = await requests();
    expect(log.length).toBe(pages);
    expect(pages).toBe(Math.ceil(items.length / 4));
    expect(new Set(items.map((t) => t.workflow_task_uuid)).size).toBe(items.length);
    expect(log.every((r) => r.method === 'POST' && r.path === '/workflow/tasks/search' && /^\?_limit=4&_offset=\d+$/.test(r.query))).toBe(true);
    expect(log[0].body).toEqual({ assigned_to_me: true });
    // Cross-check with an unfiltered search: what is mine is exactly what the filter gave.
    const me = sim.state.ds.ultracart.me.user_id;
    const everything = (await all(uc.searchTasks({}))).items;
    const direct = everything.filter((t) => t.assigned_to_user_id === me);
    for (const t of direct) expect(items.some((x) => x.workflow_task_uuid === t.workflow_task_uuid)).toBe(true);
    expect(everything.length).toBe(sim.state.ds.counts.ultracartTasks + sim.state.systems.ultracart!.snapshot().tasks.created.length);
  });

  it('my tasks as a delta: only what changed since the watermark, including my own push', async () => {
    const full = (await all(uc.myTasks())).items;
    const created = await uc.insertTask({ task_name: 'Delta check', assigned_to_user_id: sim.state.ds.ultracart.me.user_id }, 'op-delta-1');
    const since = created.last_update_dts!;
    await control('/requests', { method: 'DELETE' });
    const delta = (await all(uc.myTasks({ since }))).items;
    expect((await requests())[0].body).toEqual({ assigned_to_me: true, last_update_dts_begin: since });
    expect(delta.map((t) => t.workflow_task_uuid)).toContain(created.workflow_task_uuid);
    for (const t of delta) expect(Date.parse(t.last_update_dts!)).toBeGreaterThanOrEqual(Date.parse(since));
    expect(delta.length).toBeLessThan(full.length);
  });

  it('one task, and tasks by object', async () => {
    const [first] = (await uc.searchTasks({ object_type: 'order' }, { pageSize: 1 }).next()).value!.items as WorkflowTask[];
    expect((await uc.getTask(first!.workflow_task_uuid)).workflow_task_uuid).toBe(first!.workflow_task_uuid);
    const by = await uc.tasksByObject('order', first!.object_id!);
    expect(by.map((t) => t.workflow_task_uuid)).toContain(first!.workflow_task_uuid);
  });
});

describe('UltraCart pushes and reconciliation', () => {
  it('insert stores our op id in a property; findByClientRef finds it by search or by object', async () => {
    const t = await uc.insertTask({ task_name: 'Zákazník hlásí poškozený hrnek', object_type: 'order', object_id: 'ODR-10000003', priority: '3 - high', tags: ['damaged'], properties: [{ name: 'rma', value: 'RMA-1' }] }, 'op-ins-1');
    expect(t.properties).toEqual(expect.arrayContaining([{ name: 'rma', value: 'RMA-1' }, { name: CLIENT_REF_PROPERTY, value: 'op-ins-1' }]));
    const me = await uc.getMe();
    const bySearch = await uc.findByClientRef('op-ins-1', { createdSince: Date.now() - 1000, createdByUserId: me.user_id! });
    expect(bySearch?.workflow_task_uuid).toBe(t.workflow_task_uuid);
    const byObject = await uc.findByClientRef('op-ins-1', { createdSince: Date.now(), objectType: 'order', objectId: 'ODR-10000003' });
    expect(byObject?.workflow_task_uuid).toBe(t.workflow_task_uuid);
    // A by-object miss (the path format is undocumented) falls through to the search.
    const fallback = await uc.findByClientRef('op-ins-1', { createdSince: Date.now(), objectType: 'order', objectId: 'ODR-NOT-THIS-ONE' });
    expect(fallback?.workflow_task_uuid).toBe(t.workflow_task_uuid);
    expect(await uc.findByClientRef('op-never-sent', { createdSince: Date.now() })).toBeUndefined();
  });

  it('an insert whose reply was lost is found again by its client reference: applied exactly once', async () => {
    const createdBefore = sim.state.systems.ultracart!.snapshot().tasks.created.length;
    const sentAt = Date.now();
    await fault({ kind: 'lost_reply', route: '/workflow/tasks', method: 'POST' });
    const err = await caught(uc.insertTask({ task_name: 'Lost reply' }, 'op-lost-1'));
    expect(err).toMatchObject({ kind: 'network', retryable: true });
    const found = await uc.findByClientRef('op-lost-1', { createdSince: sentAt });
    expect(found).toMatchObject({ task_name: 'Lost reply' });
    const created = sim.state.systems.ultracart!.snapshot().tasks.created as Json[];
    expect(created.length).toBe(createdBefore + 1);
    expect(created.filter((x) => x.properties?.some((p: Json) => p.value === 'op-lost-1')).length).toBe(1);
  });

  it('update: fields are set, a note is added once even when retried, our property survives', async () => {
    const t = await uc.insertTask({ task_name: 'To close', properties: [{ name: 'a', value: '1' }] }, 'op-upd-1');
    const u1 = await uc.updateTask(t.workflow_task_uuid, { status: 'closed', properties: [{ name: 'b', value: '2' }] }, { addNote: 'Odesláno znovu.' });
    const u2 = await uc.updateTask(t.workflow_task_uuid, { status: 'closed' }, { addNote: 'Odesláno znovu.' });
    expect(u1.status).toBe('closed');
    expect(u2.notes?.filter((n) => n.note === 'Odesláno znovu.').length).toBe(1);
    expect(u2.properties).toEqual([{ name: 'b', value: '2' }, { name: CLIENT_REF_PROPERTY, value: 'op-upd-1' }]);
    expect(u2.task_name).toBe('To close');
    expect(u2.histories?.map((h) => h.description)).toContain('Status changed from open to closed');
  });
});

describe('UltraCart assignment updates', () => {
  it('assigning and unassigning a task keeps names consistent with ids', async () => {
    const [group] = await uc.listGroups();
    const t = await uc.insertTask({ task_name: 'Assign me', assigned_to_group_id: group!.group_id }, 'op-asg-1');
    expect(t.assigned_to_group).toBe(group!.group);
    const { users } = await uc.listUsers();
    const other = users.find((u) => u.user_id !== sim.state.ds.ultracart.me.user_id)!;
    const a = await uc.updateTask(t.workflow_task_uuid, { assigned_to_user_id: other.user_id, assigned_to_group_id: null });
    expect(a).toMatchObject({ assigned_to_user_id: other.user_id, assigned_to_user: other.user, assigned_to_group_id: null, assigned_to_group: null });
    const b = await uc.updateTask(t.workflow_task_uuid, { assigned_to_user_id: null });
    expect(b).toMatchObject({ assigned_to_user_id: null, assigned_to_user: null });
    expect(b.assigned_to_user_or_group ?? null).toBeNull();
  });
});

describe('UltraCart errors', () => {
  it("a remote 400 is `validation` with the remote's message (UC-REST-ERROR)", async () => {
    const err = await caught(uc.getTask('00000000-0000-4000-8000-000000000000'));
    expect(err).toMatchObject({ kind: 'validation', status: 400, retryable: false });
    expect(err.remoteMessage).toMatch(/Workflow task .* not found/);
    await fault({ kind: 'error', status: 400 });
    const f = await caught(uc.insertTask({ task_name: 'x' }, 'op-400'));
    expect(f).toMatchObject({ kind: 'validation', status: 400, remoteMessage: expect.any(String) });
  });

  it('our own bad input is refused before it is sent, as `validation`', async () => {
    const err = await caught(uc.insertTask({ task_name: 'x', priority: 'urgent' as never }, 'op-bad'));
    expect(err).toMatchObject({ kind: 'validation', retryable: false });
    expect(err.message).toMatch(/priority/);
    expect(await requests()).toEqual([]);
  });

  it('429 keeps Retry-After; 500/503 are `server`; 410 is `auth`; all carry the remote message', async () => {
    await fault({ kind: 'error', status: 429, retryAfter: 7 });
    expect(await caught(uc.openCount())).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7000, retryable: true, remoteMessage: expect.any(String) });
    await fault({ kind: 'error', status: 503, retryAfter: 2 });
    expect(await caught(uc.listTags())).toMatchObject({ kind: 'server', retryAfterMs: 2000, retryable: true });
    await fault({ kind: 'error', status: 500 });
    expect(await caught(uc.getMe())).toMatchObject({ kind: 'server', status: 500, retryable: true });
    await fault({ kind: 'error', status: 410 });
    expect(await caught(uc.getMe())).toMatchObject({ kind: 'auth', status: 410, retryable: false, remoteMessage: expect.any(String) });
  });

  it('a malformed body is `bad_response`; a reset is `network`; both retryable', async () => {
    await fault({ kind: 'malformed', route: '/workflow/me' });
    expect(await caught(uc.getMe())).toMatchObject({ kind: 'bad_response', retryable: true });
    await fault({ kind: 'reset' });
    expect(await caught(uc.openCount())).toMatchObject({ kind: 'network', retryable: true });
  });

  it('a page failing midway surfaces the error (the engine resumes from its cursor)', async () => {
    await fault({ kind: 'error', status: 500, route: '/workflow/tasks/search', count: 1 });
    const gen = uc.searchTasks({}, { pageSize: 5 });
    await expect(gen.next()).rejects.toMatchObject({ kind: 'server' });
  });
});

describe('UltraCart paging rule (against document-only doubles)', () => {
  it('nextOffset follows more/next_offset, else a short page ends; never goes backwards', () => {
    expect(nextOffset(0, 10, 10, { more: true, next_offset: 10 })).toBe(10);
    expect(nextOffset(0, 10, 10, { more: false, next_offset: 10 })).toBeUndefined();
    expect(nextOffset(0, 10, 10, { more: true })).toBe(10);
    expect(nextOffset(0, 10, 10, undefined)).toBe(10);
    expect(nextOffset(10, 10, 4, undefined)).toBeUndefined();
    expect(nextOffset(0, 10, 0, { more: true, next_offset: 10 })).toBeUndefined();
    expect(nextOffset(20, 10, 10, { more: true, next_offset: 20 })).toBeUndefined();
    // the remote capped our limit and says so: a page of its limit is not short
    expect(nextOffset(0, 500, 200, { limit: 200 })).toBe(200);
  });

  it('answers without metadata (the examples show none) page until a short page', async () => {
    const seen: string[] = [];
    const rows = Array.from({ length: 5 }, (_, i) => ({ group: `G${i}`, group_id: i }));
    const double: typeof fetch = async (input) => {
      const url = new URL(String(input));
      seen.push(url.search);
      const off = Number(url.searchParams.get('_offset'));
      const lim = Number(url.searchParams.get('_limit'));
      return new Response(JSON.stringify({ success: true, groups: rows.slice(off, off + lim) }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const c = new UltracartClient({ baseUrl: 'http://double.invalid/rest/v2', simpleKey: 'k', fetch: double });
    expect((await c.listGroups(2)).map((g) => g.group_id)).toEqual([0, 1, 2, 3, 4]);
    expect(seen).toEqual(['?_limit=2&_offset=0', '?_limit=2&_offset=2', '?_limit=2&_offset=4']);
  });

  it('a 200 with success:false is the remote refusing: `validation` with its message', async () => {
    const double: typeof fetch = async () =>
      new Response(JSON.stringify({ success: false, error: { error_code: '400', user_message: 'Task name too long' } }), { status: 200 });
    const c = new UltracartClient({ baseUrl: 'http://double.invalid/rest/v2', simpleKey: 'k', fetch: double });
    expect(await caught(c.listTags().then(() => undefined))).toMatchObject({ kind: 'validation', remoteMessage: 'Task name too long' });
  });
});
