import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, withSim, type Json } from './helpers';
import type { RunningSim } from '../../src-main/sim/server';

let sim: RunningSim;
let B: string;
let H: Record<string, string>;

beforeAll(async () => {
  sim = await withSim();
  B = `${sim.urls.ultracart}/workflow`;
  H = { 'x-ultracart-simple-key': sim.credentials.ultracart.key, 'X-UltraCart-Api-Version': '2017-03-01' };
});
afterAll(() => sim.close());

describe('UltraCart auth and errors', () => {
  it('401 with UC-REST-ERROR for a missing or wrong simple key', async () => {
    for (const headers of [{}, { 'x-ultracart-simple-key': 'wrong' }] as Record<string, string>[]) {
      const r = await call(`${B}/me`, { headers });
      expect(r.status).toBe(401);
      expect(r.headers.get('uc-rest-error')).toBeTruthy();
      expect(r.json).toMatchObject({ success: false, error: { error_code: '401', user_message: expect.any(String), developer_message: expect.any(String) } });
    }
  });
  it('400 with UC-REST-ERROR for invalid JSON and invalid enum values', async () => {
    const r = await call(`${B}/tasks/search`, { method: 'POST', headers: { ...H, 'content-type': 'application/json' }, body: '{nope' });
    expect(r.status).toBe(400);
    expect(r.headers.get('uc-rest-error')).toMatch(/JSON/);
    const e = await call(`${B}/tasks`, { method: 'POST', headers: H, json: { task_name: 'x', priority: 'urgent' } });
    expect(e.status).toBe(400);
    expect(e.headers.get('uc-rest-error')).toMatch(/priority/);
  });
});

describe('UltraCart workflow', () => {
  it('me, assignment users and groups with result_set paging', async () => {
    const me = await call(`${B}/me`, { headers: H });
    expect(me.json).toMatchObject({ success: true, user: { user: expect.any(String), user_id: expect.any(Number) } });
    const u = await call(`${B}/assignment_users?_limit=5&_offset=0`, { headers: H });
    expect(u.json.users).toHaveLength(5);
    expect(u.json.my_user_id).toBe(me.json.user.user_id);
    expect(u.json.metadata.result_set).toMatchObject({ count: 5, limit: 5, offset: 0, more: true, next_offset: 5 });
    const g = await call(`${B}/assignment_groups`, { headers: H });
    expect(g.json.groups[0]).toMatchObject({ group: expect.any(String), group_id: expect.any(Number) });
  });
  it('search pages with _limit/_offset, more and next_offset, to the end', async () => {
    const ids = new Set<string>();
    let offset = 0;
    let pages = 0;
    for (;;) {
      const r = await call(`${B}/tasks/search?_limit=7&_offset=${offset}`, { method: 'POST', headers: H, json: {} });
      expect(r.status).toBe(200);
      for (const t of r.json.tasks) ids.add(t.workflow_task_uuid);
      pages++;
      const rs = r.json.metadata.result_set;
      if (!rs.more) break;
      offset = rs.next_offset;
    }
    expect(ids.size).toBe(sim.state.ds.counts.ultracartTasks);
    expect(pages).toBe(Math.ceil(sim.state.ds.counts.ultracartTasks / 7));
  });
  it('search filters: status, assigned_to_me, last_update_dts_begin, sort', async () => {
    const open = await call(`${B}/tasks/search?_sort=-last_update_dts`, { method: 'POST', headers: H, json: { status: 'open' } });
    expect(open.json.tasks.length).toBeGreaterThan(0);
    for (const t of open.json.tasks) expect(t.status).toBe('open');
    const dts = open.json.tasks.map((t: Json) => t.last_update_dts);
    expect(dts).toEqual([...dts].sort().reverse());
    const mine = await call(`${B}/tasks/search`, { method: 'POST', headers: H, json: { assigned_to_me: true, status: 'open' } });
    const count = await call(`${B}/tasks/open_count`, { headers: H });
    expect(count.json.open_count).toBe(mine.json.metadata.result_set.total_records);
    const later = await call(`${B}/tasks/search`, { method: 'POST', headers: H, json: { last_update_dts_begin: '2099-01-01T00:00:00+01:00' } });
    expect(later.json.tasks).toEqual([]);
  });
  it('insert, get, by object, update with history; tags', async () => {
    const ins = await call(`${B}/tasks`, { method: 'POST', headers: H, json: { task_name: 'Zákazník hlásí poškozený hrnek', object_type: 'order', object_id: 'ODR-10000003', priority: '3 - high', tags: ['damaged'], assigned_to_group_id: 12, properties: [{ name: 'ucs_uniqueid', value: '1723018607.115' }] } });
    expect(ins.status).toBe(200);
    const t = ins.json.task;
    expect(t).toMatchObject({ status: 'open', assigned_to_group: 'Packing', object_id: 'ODR-10000003', workflow_task_uuid: expect.any(String), created_dts: expect.any(String) });
    expect((await call(`${B}/tasks/${t.workflow_task_uuid}`, { headers: H })).json.task.task_name).toBe('Zákazník hlásí poškozený hrnek');
    const by = await call(`${B}/tasks/by/order/ODR-10000003`, { headers: H });
    expect(by.json.tasks.some((x: Json) => x.workflow_task_uuid === t.workflow_task_uuid)).toBe(true);
    expect(by.json.task_context).toBeTruthy();
    const upd = await call(`${B}/tasks/${t.workflow_task_uuid}`, { method: 'PUT', headers: H, json: { ...t, status: 'closed', notes: [{ note: 'Odesláno znovu.' }] } });
    expect(upd.json.task.status).toBe('closed');
    expect(upd.json.task.notes[0]).toMatchObject({ note: 'Odesláno znovu.', note_dts: expect.any(String) });
    expect(upd.json.task.histories.map((h: Json) => h.description)).toContain('Status changed from open to closed');
    expect((await call(`${B}/tasks/tags`, { headers: H })).json.tags).toContain('damaged');
    const snap = (await call(`${sim.urls.control}/state/ultracart`)).json;
    expect(snap.tasks.created[0].workflow_task_uuid).toBe(t.workflow_task_uuid);
    expect((await call(`${B}/tasks/00000000-0000-4000-8000-000000000000`, { headers: H })).headers.get('uc-rest-error')).toMatch(/not found/);
  });
  it('attachment upload URL, agent auth', async () => {
    const u = await call(`${B}/tasks/attachments/pdf`, { headers: H });
    expect(u.json.workflow_attachment_upload_url).toMatchObject({ key: expect.stringMatching(/\.pdf$/), url: expect.any(String) });
    const put = await fetch(u.json.workflow_attachment_upload_url.url, { method: 'PUT', body: 'hello' });
    expect(put.status).toBe(200);
    const a = await call(`${B}/agent/auth`, { method: 'PUT', headers: H });
    expect(a.json.agent_auth).toMatchObject({ jwt: expect.any(String), merchant_id: 'DEMO', websocket_url: expect.any(String) });
  });
});
