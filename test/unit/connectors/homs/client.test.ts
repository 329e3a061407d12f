// The HOMS client against the simulator over real HTTP: Basic auth, paging to a short page and no
// further, the order calls the sync engine uses, the two update traps (a type switch wipes `data`;
// a failed save is still answered 200/201), lost-reply reconciliation by ext_code, and each error
// style normalised.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HomsClient } from '../../../../src-main/core/connectors/homs';
import type { RemoteError } from '../../../../src-main/core/connectors/shared/errors';
import type { RunningSim } from '../../../../src-main/sim/server';
import { addFault, call, withSim, type Json } from '../../../sim/helpers';

let sim: RunningSim;
let homs: HomsClient;
const client = (o: { token?: string; fetch?: typeof fetch } = {}) =>
  new HomsClient({ baseUrl: sim.urls.homs, email: sim.credentials.homs.email, token: o.token ?? sim.credentials.homs.apiToken }, { timeoutMs: 2000, ...(o.fetch ? { fetch: o.fetch } : {}) });
const caught = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a RemoteError'); }, (e: unknown) => e as RemoteError);
const homsLog = (since: number) => sim.state.log.filter((e) => e.system === 'homs' && e.seq > since);
const lastSeq = () => sim.state.log.at(-1)?.seq ?? 0;
const snapshot = () => sim.state.systems.homs.snapshot() as Json;

beforeAll(async () => {
  sim = await withSim();
  homs = client();
});
afterAll(() => sim.close());
afterEach(() => sim.state.faults.clear());

const SEED_ORD1_DATA = {
  employeeFirstName: 'James',
  employeeLastName: 'Carter',
  employeeEmail: 'james@example.com',
  beginDate: '2016-07-15T14:45:03.000+00:00',
  endDate: '2016-07-16T14:49:42.000+00:00',
  motivationText: 'I had a lot of work last 7 years',
  resolution: null,
  resolutionText: null,
  adjustResult: null,
};

describe('HOMS auth', () => {
  it('sends Basic e-mail:token; a refused pair is `auth` (401, not retried)', async () => {
    const since = lastSeq();
    const err = await caught(client({ token: 'wrong' }).listOrders(1));
    expect(err).toMatchObject({ remote: 'homs', kind: 'auth', status: 401, retryable: false });
    expect(homsLog(since)).toHaveLength(1);
    expect((await homs.listOrders(1, { pageSize: 1 })).length).toBe(1);
    expect(homsLog(since).at(-1)?.authorization).toMatch(/^Basic /);
  });

  it('whoAmI (Test connection) returns the configured user', async () => {
    expect(await homs.whoAmI()).toMatchObject({ email: sim.credentials.homs.email });
    expect(await caught(client({ token: 'wrong' }).whoAmI())).toMatchObject({ kind: 'auth' });
  });

  it('the config is checked', () => {
    expect(() => new HomsClient({ baseUrl: 'not a url', email: 'a@b', token: 't' })).toThrow();
    expect(() => new HomsClient({ baseUrl: sim.urls.homs, email: 'a@b', token: '' })).toThrow();
  });
});

describe('HOMS paging', () => {
  it('walks page/page_size newest first until a short page, and asks no further', async () => {
    const total = snapshot().orders.count as number;
    const since = lastSeq();
    const codes: string[] = [];
    for await (const page of homs.orderPages({ pageSize: 30 })) codes.push(...page.map((o) => o.code));
    expect(codes).toHaveLength(total);
    expect(new Set(codes).size).toBe(total);
    expect(codes[0]).toBe(`ORD-${total}`);
    const pages = homsLog(since).map((e) => new URLSearchParams(e.query).get('page'));
    expect(pages).toEqual(Array.from({ length: Math.ceil(total / 30) }, (_, i) => String(i + 1)));
    expect(homsLog(since).every((e) => new URLSearchParams(e.query).get('page_size') === '30')).toBe(true);
  });

  it('when the total is a multiple of the page size, one empty page ends it', async () => {
    const total = snapshot().orders.count as number;
    const since = lastSeq();
    let n = 0;
    for await (const page of homs.orderPages({ pageSize: total })) n += page.length;
    expect(n).toBe(total);
    expect(homsLog(since)).toHaveLength(2);
  });

  it('lists users page by page, including the seed example user', async () => {
    const users = [];
    for await (const page of homs.userPages({ pageSize: 2 })) users.push(...page);
    expect(users.length).toBe((snapshot().users.count as number));
    expect(users).toContainEqual(expect.objectContaining({ email: 'demo@example.com', name: 'David', last_name: 'Jones', role: 'user' }));
    expect(await homs.getUser('demo@example.com')).toMatchObject({ email: 'demo@example.com', company: 'Example Corporation', department: 'Demonstrations', middle_name: null });
    expect(await caught(homs.getUser('nobody@example.com'))).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('refuses a page size it could not tell from a short page', () => {
    expect(() => homs.orderPages({ pageSize: 5000 })).toThrow(RangeError);
  });
});

describe('HOMS orders', () => {
  it('gets an order by code; an unknown code is `not_found`', async () => {
    const o = await homs.getOrder('ORD-2');
    expect(o.code).toBe('ORD-2');
    expect(['to_execute', 'in_progress', 'done']).toContain(o.state);
    expect(await caught(homs.getOrder('ORD-999999'))).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('the seed example ORD-1 (vacation_request for James Carter) and its custom-field update', async () => {
    const ord1 = await homs.getOrder('ORD-1');
    expect(ord1).toMatchObject({ code: 'ORD-1', ext_code: null, state: 'to_execute', archived: false, done_at: null, data: SEED_ORD1_DATA });
    const updated = await homs.updateOrder('ORD-1', { data: { set: { employeeLastName: 'Prinston' } } });
    expect(updated.data).toEqual({ ...SEED_ORD1_DATA, employeeLastName: 'Prinston' });
    const assigned = await homs.updateOrder('ORD-1', { set: { user_email: 'c.johnson@example.com' } }); // as the seed sends it
    expect(assigned.user_email).toBe('c.johnson@example.com');
  });

  it('creates an order (201) from the seed example, and the map learns code ↔ ext_code', async () => {
    const created = await homs.createOrder({
      order_type_code: 'vacation_request',
      ext_code: 'ODR-T-create',
      bp_id: 'bp_id',
      bp_state: 'bp_state',
      state: 'in_progress',
      done_at: '2016-05-16T13:52:48+03:00',
      archived: false,
      data: { ...SEED_ORD1_DATA, resolution: 'Resolution', resolutionText: 'Resolution Text', adjustResult: 'Adjust Result' },
    });
    expect(created).toMatchObject({ ext_code: 'ODR-T-create', state: 'in_progress', user_email: null, order_type_code: 'vacation_request' });
    expect(created.code).toMatch(/^ORD-\d+$/);
    expect(homs.extCodes.codeOf('ODR-T-create')).toBe(created.code);
    expect(homs.extCodes.extCodeOf(created.code)).toBe('ODR-T-create');
  });

  it('a create without ext_code is refused before sending (it could not be reconciled)', async () => {
    const since = lastSeq();
    const err = await caught(homs.createOrder({ order_type_code: 'support_request' } as never));
    expect(err).toMatchObject({ kind: 'validation', details: { local: true } });
    expect(homsLog(since)).toHaveLength(0);
  });

  it('an unknown order type or user on create is `validation` (bare 404 explained)', async () => {
    const err = await caught(homs.createOrder({ order_type_code: 'no_such_type', ext_code: 'ODR-T-404' }));
    expect(err).toMatchObject({ kind: 'validation', status: 404 });
    expect(err.remoteMessage).toContain('no_such_type');
    expect(await caught(homs.createOrder({ order_type_code: 'support_request', ext_code: 'ODR-T-404', user_email: 'ghost@example.com' }))).toMatchObject({ kind: 'validation', status: 404 });
  });
});

describe('HOMS lost-reply reconciliation by ext_code', () => {
  it('a create applied but whose reply was lost is found again, not created twice', async () => {
    const before = snapshot().orders.created.length as number;
    await addFault(sim, { system: 'homs', kind: 'lost_reply', route: '/api/orders', method: 'POST' });
    const input = { order_type_code: 'support_request', ext_code: 'ODR-T-lost', data: { requesterName: 'Frank' } };
    const err = await caught(homs.createOrder(input));
    expect(err).toMatchObject({ kind: 'network', retryable: true });
    // The resend goes through createOrderOnce, which looks first.
    const again = await homs.createOrderOnce(input);
    expect(again.created).toBe(false);
    expect(again.order).toMatchObject({ ext_code: 'ODR-T-lost', data: expect.objectContaining({ requesterName: 'Frank' }) });
    const created = snapshot().orders.created as Json[];
    expect(created.length).toBe(before + 1);
    expect(created.filter((o) => o.ext_code === 'ODR-T-lost')).toHaveLength(1);
    // A second resend uses the map: one GET, no paging.
    const since = lastSeq();
    expect((await homs.createOrderOnce(input)).created).toBe(false);
    expect(homsLog(since).map((e) => `${e.method} ${e.path}`)).toEqual([`GET /api/orders/${again.order.code}`]);
  });

  it('an ext_code nobody has: the scan reaches the end, then it is created once', async () => {
    const first = await homs.createOrderOnce({ order_type_code: 'support_request', ext_code: 'ODR-T-new' });
    expect(first.created).toBe(true);
    expect(await homs.findByExtCode('ODR-T-nothing')).toBeUndefined();
  });

  it('a stale map entry (ext_code changed elsewhere) is re-checked, not trusted', async () => {
    const o = await homs.createOrder({ order_type_code: 'support_request', ext_code: 'ODR-T-stale' });
    const other = client();
    await other.updateOrder(o.code, { set: { ext_code: 'ODR-T-stale-2' } });
    expect(homs.extCodes.codeOf('ODR-T-stale')).toBe(o.code);
    expect(await homs.findByExtCode('ODR-T-stale')).toBeUndefined();
    expect((await homs.findByExtCode('ODR-T-stale-2'))?.code).toBe(o.code);
    expect(homs.extCodes.codeOf('ODR-T-stale')).toBeUndefined();
  });

  it('a map restored from storage is used first', async () => {
    const o = await homs.createOrder({ order_type_code: 'return_request', ext_code: 'ODR-T-restored' });
    const restored = new HomsClient({ baseUrl: sim.urls.homs, email: sim.credentials.homs.email, token: sim.credentials.homs.apiToken }, { extCodes: homs.extCodes.entries() });
    const since = lastSeq();
    expect((await restored.findByExtCode('ODR-T-restored'))?.code).toBe(o.code);
    expect(homsLog(since)).toHaveLength(1);
  });
});

describe('HOMS partial update', () => {
  const make = () => homs.createOrder({ order_type_code: 'vacation_request', ext_code: `ODR-T-u${Math.random()}`, state: 'to_execute', data: { employeeFirstName: 'James', employeeLastName: 'Carter', motivationText: 'Rest' } });

  it('merges data: fields left out keep their values; clearing is by name', async () => {
    const o = await make();
    const u = await homs.updateOrder(o.code, { set: { state: 'in_progress', bp_id: 'bp-1' }, data: { set: { employeeLastName: 'Prinston' }, clear: ['motivationText'] } });
    expect(u).toMatchObject({ state: 'in_progress', bp_id: 'bp-1', ext_code: o.ext_code, order_type_code: 'vacation_request' });
    expect(u.data).toMatchObject({ employeeFirstName: 'James', employeeLastName: 'Prinston', motivationText: null });
    const cleared = await homs.updateOrder(o.code, { clear: ['bp_id'] });
    expect(cleared.bp_id).toBeNull();
    expect(cleared.data.employeeFirstName).toBe('James');
  });

  it('cannot be misused: no order_type_code, no silent nulls, no contradictions, not empty — nothing sent', async () => {
    const o = await make();
    const since = lastSeq();
    const bad = [
      { set: { order_type_code: 'support_request' } },
      { order_type_code: 'support_request' },
      { data: { set: { employeeLastName: null } } },
      { set: { ext_code: null } },
      { set: { bp_id: 'x' }, clear: ['bp_id'] },
      { data: { set: { resolution: 'x' }, clear: ['resolution'] } },
      {},
      { set: { state: 'flying' } },
      { clear: ['state'] },
    ];
    for (const u of bad) expect(await caught(homs.updateOrder(o.code, u as never))).toMatchObject({ kind: 'validation', details: { local: true } });
    expect(homsLog(since)).toHaveLength(0);
  });

  it('a custom field HOMS did not keep (not in the order type) is a `validation` error, not a silent success', async () => {
    const o = await make();
    const err = await caught(homs.updateOrder(o.code, { data: { set: { requesterName: 'Frank' } } }));
    expect(err).toMatchObject({ kind: 'validation' });
    expect(err.remoteMessage).toContain('data.requesterName');
  });

  it('an unknown user_email is `validation`; an unknown order is `not_found`', async () => {
    const o = await make();
    const err = await caught(homs.updateOrder(o.code, { set: { user_email: 'ghost@example.com' } }));
    expect(err).toMatchObject({ kind: 'validation', status: 404 });
    expect(err.remoteMessage).toContain('ghost@example.com');
    // HOMS may render the user's own spelling of the e-mail: that is not a lost field.
    expect((await homs.updateOrder(o.code, { set: { user_email: 'C.Johnson@example.com' } })).user_email?.toLowerCase()).toBe('c.johnson@example.com');
    expect(await caught(homs.updateOrder('ORD-999999', { set: { state: 'done' } }))).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('a 422 is `validation` with the remote\'s field messages', async () => {
    const o = await make();
    // Our input schema cannot send a bad state, so the body is altered on the way to get HOMS's own 422.
    const tamper: typeof fetch = (url, init) => fetch(url, { ...init, body: JSON.stringify({ order: { state: 'flying' } }) });
    const err = await caught(client({ fetch: tamper }).updateOrder(o.code, { set: { state: 'done' } }));
    expect(err).toMatchObject({ kind: 'validation', status: 422, remoteMessage: 'state is not included in the list', retryable: false });
  });
});

describe('HOMS order type change', () => {
  it('must name the type it replaces and acknowledge the reset; the new type\'s fields start null', async () => {
    const o = await homs.createOrder({ order_type_code: 'vacation_request', ext_code: 'ODR-T-type', data: { employeeFirstName: 'James' } });
    expect(await caught(homs.changeOrderType(o.code, { from: 'vacation_request', to: 'support_request', data: {} } as never))).toMatchObject({ kind: 'validation', details: { local: true } });
    expect(await caught(homs.changeOrderType(o.code, { from: 'return_request', to: 'support_request', data: {}, discardsAllCustomFields: true }))).toMatchObject({ kind: 'conflict' });
    const change = { from: 'vacation_request', to: 'support_request', data: { requesterName: 'Frank', requesterPhone: '123123123' }, discardsAllCustomFields: true as const };
    const switched = await homs.changeOrderType(o.code, change);
    expect(switched.order_type_code).toBe('support_request');
    expect(switched.data).toEqual({ requesterName: 'Frank', requesterPhone: '123123123', subject: null, description: null, resolution: null, resolutionText: null });
    // A resend (reply lost) finds the type already switched and does not wipe what was written since.
    await homs.updateOrder(o.code, { data: { set: { subject: 'Broken box' } } });
    const resent = await homs.changeOrderType(o.code, change);
    expect(resent.data).toMatchObject({ requesterName: 'Frank', subject: 'Broken box' });
  });

  it('a type without custom fields reads back as empty data', async () => {
    const o = await homs.createOrder({ order_type_code: 'support_request', ext_code: 'ODR-T-nofields' });
    const plain = await homs.changeOrderType(o.code, { from: 'support_request', to: 'Without custom fields', data: {}, discardsAllCustomFields: true });
    expect(plain.data).toEqual({});
    expect((await call(`${sim.urls.homs}/api/orders/${o.code}`, { headers: { authorization: `Basic ${Buffer.from(`${sim.credentials.homs.email}:${sim.credentials.homs.apiToken}`).toString('base64')}` } })).json.order.data).toEqual([]);
  });
});

describe('HOMS faults', () => {
  it('429 keeps Retry-After as retryAfterMs; 500 and 503 are `server`', async () => {
    await addFault(sim, { system: 'homs', kind: 'error', status: 429, retryAfter: 7, route: '/api/orders' });
    expect(await caught(homs.listOrders(1))).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7000, retryable: true });
    await addFault(sim, { system: 'homs', kind: 'error', status: 500 });
    expect(await caught(homs.getOrder('ORD-2'))).toMatchObject({ kind: 'server', status: 500, retryable: true });
    await addFault(sim, { system: 'homs', kind: 'error', status: 503, retryAfter: 2 });
    expect(await caught(homs.getOrder('ORD-2'))).toMatchObject({ kind: 'server', status: 503, retryAfterMs: 2000 });
  });

  it('a reset is `network`; a malformed body is `bad_response`; both retryable', async () => {
    await addFault(sim, { system: 'homs', kind: 'reset' });
    expect(await caught(homs.getOrder('ORD-2'))).toMatchObject({ kind: 'network', retryable: true });
    await addFault(sim, { system: 'homs', kind: 'malformed' });
    expect(await caught(homs.listOrders(1))).toMatchObject({ kind: 'bad_response', retryable: true });
  });

  it('no answer in time is `timeout` (retryable: the create may have acted, so reconcile first)', async () => {
    await addFault(sim, { system: 'homs', kind: 'latency', latencyMs: 300 });
    const slow = new HomsClient({ baseUrl: sim.urls.homs, email: sim.credentials.homs.email, token: sim.credentials.homs.apiToken }, { timeoutMs: 100 });
    expect(await caught(slow.getOrder('ORD-2'))).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('a request answered as unauthenticated is `auth`; Basic has nothing to refresh, the next call works', async () => {
    await addFault(sim, { system: 'homs', kind: 'token_expiry' });
    expect(await caught(homs.getOrder('ORD-2'))).toMatchObject({ kind: 'auth', status: 401 });
    expect((await homs.getOrder('ORD-2')).code).toBe('ORD-2');
  });

  it('a bare 4xx with no body still becomes the right kind', async () => {
    await addFault(sim, { system: 'homs', kind: 'error', status: 422 });
    expect(await caught(homs.listOrders(1))).toMatchObject({ kind: 'validation', status: 422, remoteMessage: 'validation failed (no reason given)' });
    await addFault(sim, { system: 'homs', kind: 'error', status: 400 });
    expect(await caught(homs.listOrders(1))).toMatchObject({ kind: 'validation', status: 400 });
  });
});

describe('HOMS answers that only look like success (document: re-check the returned fields)', () => {
  // The simulator always saves; these answers are made up from the source the document cites.
  const answering = (status: number, body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const unsaved = { id: null, code: null, ext_code: 'X', bp_id: null, bp_state: null, state: 'to_execute', archived: false, data: [], done_at: null, order_type_code: 'support_request', user_email: null };

  it('a 201 carrying an unsaved order (no id/code) is `validation`, not a success', async () => {
    const c = client({ fetch: answering(201, { order: unsaved }) });
    expect(await caught(c.createOrder({ order_type_code: 'support_request', ext_code: 'X' }))).toMatchObject({ kind: 'validation', status: 201 });
    expect(c.extCodes.size).toBe(0);
  });

  it('an order of the wrong shape is `bad_response`', async () => {
    const c = client({ fetch: answering(200, { order: { ...unsaved, id: 1, code: 'ORD-1', state: 'flying' } }) });
    expect(await caught(c.getOrder('ORD-1'))).toMatchObject({ kind: 'bad_response' });
  });
});
