import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, call, withSim, type Json } from './helpers';
import type { RunningSim } from '../../src-main/sim/server';

let sim: RunningSim;
let B: string;
let H: Record<string, string>;

beforeAll(async () => {
  sim = await withSim();
  B = `${sim.urls.homs}/api`;
  H = { Authorization: basic(sim.credentials.homs.email, sim.credentials.homs.apiToken), Accept: 'application/json' };
});
afterAll(() => sim.close());

const ORDER_KEYS = ['id', 'code', 'ext_code', 'bp_id', 'bp_state', 'state', 'archived', 'data', 'done_at', 'order_type_code', 'user_email'];

describe('HOMS auth', () => {
  it('answers missing or wrong Basic credentials with a bare 401', async () => {
    const none = await call(`${B}/orders`);
    expect(none.status).toBe(401);
    expect(none.text).toBe('');
    expect(none.headers.get('www-authenticate')).toMatch(/Basic realm="Latera OMS"/);
    const wrong = await call(`${B}/orders`, { headers: { Authorization: basic(sim.credentials.homs.email, 'nope') } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toBe('');
  });
});

describe('HOMS orders (seed 001 examples)', () => {
  it('GET /api/orders?page_size=2&page=2 → {orders: [...]}', async () => {
    const r = await call(`${B}/orders?page_size=2&page=2`, { headers: H });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['orders']);
    expect(r.json.orders).toHaveLength(2);
    expect(Object.keys(r.json.orders[0])).toEqual(ORDER_KEYS);
  });
  it('pages page/page_size (default 25) to the end, newest first', async () => {
    const def = await call(`${B}/orders`, { headers: H });
    expect(def.json.orders).toHaveLength(25);
    const codes: string[] = [];
    for (let page = 1; ; page++) {
      const r = await call(`${B}/orders?page_size=30&page=${page}`, { headers: H });
      codes.push(...r.json.orders.map((o: Json) => o.code));
      if (r.json.orders.length < 30) break;
    }
    expect(codes).toHaveLength(sim.state.ds.counts.homsOrders);
    expect(codes[0]).toBe(`ORD-${sim.state.ds.counts.homsOrders}`);
    expect(codes.at(-1)).toBe('ORD-1');
  });
  it('GET /api/orders/ORD-1 and 404 for an unknown code', async () => {
    const r = await call(`${B}/orders/ORD-1`, { headers: H });
    expect(r.json.order.code).toBe('ORD-1');
    const nf = await call(`${B}/orders/ORD-999999`, { headers: H });
    expect(nf.status).toBe(404);
    expect(nf.text).toBe('');
  });
  it('POST /api/orders → 201 with a generated code', async () => {
    const body = {
      order: {
        order_type_code: 'vacation_request',
        ext_code: 'ext_code',
        bp_id: 'bp_id',
        bp_state: 'bp_state',
        state: 'in_progress',
        done_at: '2016-05-16T13:52:48+03:00',
        archived: false,
        data: { employeeFirstName: 'James', employeeLastName: 'Carter', employeeEmail: 'james@example.com', beginDate: '2016-07-15T14:45:03.000+00:00', endDate: '2016-07-16T14:49:42.000+00:00', motivationText: 'I had a lot of work last 7 years', resolution: 'Resolution', resolutionText: 'Resolution Text', adjustResult: 'Adjust Result' },
      },
    };
    const r = await call(`${B}/orders`, { method: 'POST', headers: H, json: body });
    expect(r.status).toBe(201);
    expect(Object.keys(r.json.order)).toEqual(ORDER_KEYS);
    expect(r.json.order).toMatchObject({ ...body.order, user_email: null, code: `ORD-${sim.state.ds.counts.homsOrders + 1}` });
    expect((await call(`${B}/orders/${r.json.order.code}`, { headers: H })).json.order.data).toEqual(body.order.data);
    const first = await call(`${B}/orders?page_size=1`, { headers: H });
    expect(first.json.orders[0].code).toBe(r.json.order.code);
  });
  it('PUT merges data; a different order_type_code wipes data to the new type', async () => {
    const code = (await call(`${B}/orders`, { method: 'POST', headers: H, json: { order: { order_type_code: 'vacation_request', data: { employeeFirstName: 'James', employeeLastName: 'Carter' } } } })).json.order.code;
    const merged = await call(`${B}/orders/${code}`, { method: 'PUT', headers: H, json: { order: { data: { employeeLastName: 'Prinston' } } } });
    expect(merged.json.order.data).toMatchObject({ employeeFirstName: 'James', employeeLastName: 'Prinston' });
    const switched = await call(`${B}/orders/${code}`, { method: 'PUT', headers: H, json: { order: { order_type_code: 'support_request', ext_code: 'ext_code', state: 'in_progress', data: { requesterName: 'Frank', requesterPhone: '123123123' } } } });
    expect(switched.json.order.data).toEqual({ requesterName: 'Frank', requesterPhone: '123123123', subject: null, description: null, resolution: null, resolutionText: null });
    const base = await call(`${B}/orders/${code}`, { method: 'PUT', headers: H, json: { order: { order_type_code: 'Without custom fields' } } });
    expect(base.json.order.data).toEqual([]);
    const user = await call(`${B}/orders/${code}`, { method: 'PUT', headers: H, json: { order: { user_email: 'c.johnson@example.com' } } });
    expect(user.json.order.user_email).toBe('c.johnson@example.com');
    expect((await call(`${B}/orders/${code}`, { method: 'PUT', headers: H, json: { order: { user_email: 'nobody@example.com' } } })).status).toBe(404);
    expect((await call(`${B}/orders/${code}`, { method: 'PUT', headers: H, json: { nope: 1 } })).status).toBe(400);
    const bad = await call(`${B}/orders/${code}`, { method: 'PUT', headers: H, json: { order: { state: 'flying' } } });
    expect(bad.status).toBe(422);
    expect(bad.json).toEqual({ state: ['is not included in the list'] });
  });
});

describe('HOMS users', () => {
  it('list / show / create / update / delete as in the seed', async () => {
    const page = await call(`${B}/users?page_size=1&page=2`, { headers: H });
    expect(page.json).toEqual({ users: [{ email: 'demo@example.com', name: 'David', middle_name: null, last_name: 'Jones', company: 'Example Corporation', department: 'Demonstrations', role: 'user' }] });
    const created = await call(`${B}/users`, { method: 'POST', headers: H, json: { user: { email: 's.collins@example.com', name: 'Stan', middle_name: 'Kay', last_name: 'Collins', role: 'admin', company: 'LLC Tools', department: 'Administrators', password: 'changeme' } } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ user: { email: 's.collins@example.com', name: 'Stan', middle_name: 'Kay', last_name: 'Collins', company: 'LLC Tools', department: 'Administrators', role: 'admin' } });
    const upd = await call(`${B}/users/demo@example.com`, { method: 'PUT', headers: H, json: { user: { middle_name: 'Jay' } } });
    expect(upd.json.user.middle_name).toBe('Jay');
    const del = await call(`${B}/users/demo@example.com`, { method: 'DELETE', headers: H });
    expect(del.status).toBe(204);
    expect((await call(`${B}/users/demo@example.com`, { headers: H })).status).toBe(404);
    const dup = await call(`${B}/users`, { method: 'POST', headers: H, json: { user: { email: 's.collins@example.com', name: 'S', last_name: 'C' } } });
    expect(dup.status).toBe(422);
    expect(dup.json.email).toEqual(['has already been taken']);
  });
});
