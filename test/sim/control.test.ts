import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addFault, afostoToken, basic, call, rawRequest, sleep, ucsToken, withSim, type Json } from './helpers';
import type { RunningSim } from '../../src-main/sim/server';

let sim: RunningSim;
let C: string;
let homsAuth: Record<string, string>;

beforeAll(async () => {
  sim = await withSim();
  C = sim.urls.control;
  homsAuth = { Authorization: basic(sim.credentials.homs.email, sim.credentials.homs.apiToken) };
});
afterAll(() => sim.close());
beforeEach(async () => {
  await call(`${C}/faults`, { method: 'DELETE' });
});

describe('control API', () => {
  it('GET /_sim describes urls, credentials and counts', async () => {
    const r = await call(`${C}`);
    expect(r.json).toMatchObject({ seed: 42, scale: 'small', urls: { ucs: sim.urls.ucs }, credentials: { ultracart: { key: sim.credentials.ultracart.key } } });
    const routes = (await call(`${C}/routes`)).json;
    expect(routes.ucs).toContain('GET /ucs/api/v1.0/queues');
  });
  it('request log records what arrived', async () => {
    await call(`${C}/requests`, { method: 'DELETE' });
    await call(`${sim.urls.homs}/api/orders?page=2`, { headers: homsAuth });
    await call(`${sim.urls.homs}/api/orders`, { method: 'POST', headers: homsAuth, json: { order: { order_type_code: 'support_request', data: { requesterName: 'Věra' } } } });
    const log = (await call(`${C}/requests?system=homs`)).json as Json[];
    expect(log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /api/orders 200', 'POST /api/orders 201']);
    expect(log[1].body).toEqual({ order: { order_type_code: 'support_request', data: { requesterName: 'Věra' } } });
    expect(log[0].query).toBe('?page=2');
    expect(log[0].authorization).toMatch(/^Basic /);
    expect(log[0].authorization).not.toContain(sim.credentials.homs.apiToken);
  });
  it('reset rebuilds the data from a new seed and drops changes', async () => {
    // ORD-1 is the seed's own example, the same for every seed; ORD-2 is generated
    const before = (await call(`${sim.urls.homs}/api/orders/ORD-2`, { headers: homsAuth })).json;
    await call(`${sim.urls.homs}/api/orders/ORD-2`, { method: 'PUT', headers: homsAuth, json: { order: { state: 'done' } } });
    const r = await call(`${C}/reset`, { method: 'POST', json: { seed: 7 } });
    expect(r.json.seed).toBe(7);
    const other = (await call(`${sim.urls.homs}/api/orders/ORD-2`, { headers: homsAuth })).json;
    expect(other).not.toEqual(before);
    await call(`${C}/reset`, { method: 'POST', json: { seed: 42 } });
    expect((await call(`${sim.urls.homs}/api/orders/ORD-2`, { headers: homsAuth })).json).toEqual(before);
    expect((await call(`${C}/state/homs`)).json.orders.updated).toEqual([]);
  });
});

describe('faults observed by a plain HTTP client', () => {
  it('latency', async () => {
    await addFault(sim, { system: 'homs', kind: 'latency', latencyMs: 250, count: 1 });
    const t0 = Date.now();
    const r = await call(`${sim.urls.homs}/api/users`, { headers: homsAuth });
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
    const t1 = Date.now();
    await call(`${sim.urls.homs}/api/users`, { headers: homsAuth });
    expect(Date.now() - t1).toBeLessThan(240);
  });
  it('429 with Retry-After in each system style', async () => {
    await addFault(sim, { system: 'ultracart', kind: 'error', status: 429, retryAfter: 7 });
    const uc = await call(`${sim.urls.ultracart}/workflow/me`, { headers: { 'x-ultracart-simple-key': sim.credentials.ultracart.key } });
    expect(uc.status).toBe(429);
    expect(uc.headers.get('retry-after')).toBe('7');
    expect(uc.headers.get('uc-rest-error')).toBeTruthy();
    expect(uc.json.error.error_code).toBe('429');
    await addFault(sim, { system: 'afosto', kind: 'error', status: 429 });
    const af = await call(`${sim.urls.afosto}/lcs/lists`);
    expect(af.status).toBe(429);
    expect(af.headers.get('retry-after')).toBe('1');
    expect(af.json).toMatchObject({ code: 429, message: expect.any(String), errors: { required: [] } });
  });
  it('500 and 503 in each system style, request not applied', async () => {
    await addFault(sim, { system: 'homs', kind: 'error', status: 503, route: '/api/orders' });
    const before = (await call(`${C}/state/homs`)).json.orders.count;
    const h = await call(`${sim.urls.homs}/api/orders`, { method: 'POST', headers: homsAuth, json: { order: { order_type_code: 'support_request' } } });
    expect(h.status).toBe(503);
    expect(h.text).toBe('');
    expect((await call(`${C}/state/homs`)).json.orders.count).toBe(before);
    await addFault(sim, { system: 'ucs', kind: 'error', status: 500 });
    const u = await call(`${sim.urls.ucs}/api/v1.0/queues`);
    expect(u.status).toBe(500);
    expect(u.json.success).toBe(false);
    await addFault(sim, { system: 'opentaps', kind: 'error', status: 503, retryAfter: 2 });
    const o = await call(`${sim.urls.opentaps}/activities/1/0`);
    expect(o.status).toBe(503);
    expect(o.headers.get('retry-after')).toBe('2');
    expect(o.json.error).toBeTruthy();
  });
  it('connection reset: nothing applied, no reply', async () => {
    const before = (await call(`${C}/state/homs`)).json.orders.count;
    await addFault(sim, { system: 'homs', kind: 'reset', method: 'POST' });
    const r = await rawRequest(`${sim.urls.homs}/api/orders`, { method: 'POST', headers: { ...homsAuth, 'content-type': 'application/json' }, body: JSON.stringify({ order: { order_type_code: 'support_request' } }) });
    expect(r.status).toBeNull();
    expect(r.error).toMatch(/ECONNRESET|socket hang up/);
    expect((await call(`${C}/state/homs`)).json.orders.count).toBe(before);
  });
  it('applied but reply lost', async () => {
    const before = (await call(`${C}/state/homs`)).json.orders.count;
    await addFault(sim, { system: 'homs', kind: 'lost_reply', route: '/api/orders', method: 'POST' });
    const r = await rawRequest(`${sim.urls.homs}/api/orders`, { method: 'POST', headers: { ...homsAuth, 'content-type': 'application/json' }, body: JSON.stringify({ order: { order_type_code: 'support_request', ext_code: 'lost-1' } }) });
    expect(r.status).toBeNull();
    const snap = (await call(`${C}/state/homs`)).json;
    expect(snap.orders.count).toBe(before + 1);
    expect(snap.orders.created.some((o: Json) => o.ext_code === 'lost-1')).toBe(true);
    const log = (await call(`${C}/requests?system=homs`)).json as Json[];
    expect(log.at(-1)).toMatchObject({ outcome: 'lost_reply', status: 201, faults: ['lost_reply'] });
  });
  it('malformed JSON', async () => {
    await addFault(sim, { system: 'ultracart', kind: 'malformed', route: '/workflow/me' });
    const r = await call(`${sim.urls.ultracart}/workflow/me`, { headers: { 'x-ultracart-simple-key': sim.credentials.ultracart.key } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/json/);
    expect(() => JSON.parse(r.text)).toThrow();
  });
  it('early token expiry (UCS bearer) until the client logs in again', async () => {
    const tok = await ucsToken(sim);
    const q = `${sim.urls.ucs}/api/v1.0/groups`;
    expect((await call(q, { headers: { Authorization: `Bearer ${tok}` } })).status).toBe(200);
    await addFault(sim, { system: 'ucs', kind: 'token_expiry' });
    const r = await call(q, { headers: { Authorization: `Bearer ${tok}` } });
    expect(r.status).toBe(401);
    expect(r.json.error_description).toMatch(/expired/);
    expect((await call(q, { headers: { Authorization: `Bearer ${tok}` } })).status).toBe(401);
    const fresh = await ucsToken(sim);
    expect((await call(q, { headers: { Authorization: `Bearer ${fresh}` } })).status).toBe(200);
  });
  it('early token expiry (Afosto JWT, HOMS static credentials)', async () => {
    const tok = await afostoToken(sim);
    await addFault(sim, { system: 'afosto', kind: 'token_expiry' });
    expect((await call(`${sim.urls.afosto}/lcs/lists`, { headers: { Authorization: `Bearer ${tok}` } })).status).toBe(401);
    await addFault(sim, { system: 'homs', kind: 'token_expiry' });
    expect((await call(`${sim.urls.homs}/api/users`, { headers: homsAuth })).status).toBe(401);
    expect((await call(`${sim.urls.homs}/api/users`, { headers: homsAuth })).status).toBe(200);
  });
  it('bounded in count, in time, by route, and by rate', async () => {
    await addFault(sim, { system: 'homs', kind: 'error', status: 500, count: 2, route: '/api/users' });
    const s = async (): Promise<number> => (await call(`${sim.urls.homs}/api/users`, { headers: homsAuth })).status;
    expect([await s(), await s(), await s()]).toEqual([500, 500, 200]);
    expect((await call(`${sim.urls.homs}/api/orders`, { headers: homsAuth })).status).toBe(200);

    await addFault(sim, { system: 'homs', kind: 'error', status: 503, durationMs: 150, route: '/api/users/*' });
    expect((await call(`${sim.urls.homs}/api/users/demo@example.com`, { headers: homsAuth })).status).toBe(503);
    expect((await call(`${sim.urls.homs}/api/users/demo@example.com`, { headers: homsAuth })).status).toBe(503);
    await sleep(200);
    expect((await call(`${sim.urls.homs}/api/users/demo@example.com`, { headers: homsAuth })).status).toBe(200);

    await addFault(sim, { system: 'homs', kind: 'error', status: 500, rate: 0.5, count: 1000 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push(await s());
    expect(statuses.filter((x) => x === 500).length).toBeGreaterThan(5);
    expect(statuses.filter((x) => x === 200).length).toBeGreaterThan(5);
    const listed = (await call(`${C}/faults`)).json as Json[];
    expect(listed[0].applied).toBe(statuses.filter((x) => x === 500).length);
  });
  it('rejects invalid fault specs', async () => {
    const r = await call(`${C}/faults`, { method: 'POST', json: { kind: 'meteor' } });
    expect(r.status).toBe(400);
  });
});

describe('simulated calls', () => {
  let pop: Server;
  let popUrl: string;
  const hits: URL[] = [];
  beforeAll(async () => {
    pop = createServer((req, res) => {
      hits.push(new URL(req.url ?? '/', 'http://x'));
      res.end('ok');
    });
    await new Promise<void>((r) => pop.listen(0, '127.0.0.1', () => r()));
    popUrl = `http://127.0.0.1:${(pop.address() as AddressInfo).port}/screen-pop`;
  });
  afterAll(() => new Promise<void>((r) => pop.close(() => r())));

  it('rings, pops the screen, shows the caller in the queue, answers and hangs up', async () => {
    await call(`${C}/config`, { method: 'PUT', json: { screenPopUrl: popUrl } });
    const tok = await ucsToken(sim);
    const H = { Authorization: `Bearer ${tok}` };
    const api = `${sim.urls.ucs}/api/v1.0`;
    const teams = (await call(`${api}/teams`, { headers: H })).json.data;
    expect(teams[0].tasks.call_url).toBe(popUrl);

    const person = sim.state.ds.persons.get(3);
    const number = person.phones[0]!.raw;
    const rung = await call(`${C}/calls`, { method: 'POST', json: { number, queue: 74 } });
    expect(rung.status).toBe(201);
    const uid = rung.json.uniqueid as string;
    expect(uid).toMatch(/^\d+\.\d+$/);
    expect(rung.json.screenPop).toMatchObject({ status: 200 });
    expect(hits.at(-1)!.searchParams.get('number')).toBe(number);
    expect(hits.at(-1)!.searchParams.get('uniqueid')).toBe(uid);
    expect(hits.at(-1)!.searchParams.get('queue')).toBe('74');

    const q = (await call(`${api}/queues`, { headers: H })).json.data.find((x: Json) => x.id === 74);
    expect(q.callers_waiting).toBe(1);
    expect(q.callers[0]).toMatchObject({ uniqueid: uid, number, person_id: 1_000_000 + 3 });
    expect((await call(`${api}/metadata/${uid}`, { headers: H })).json.success).toBe(true);

    const ans = await call(`${C}/calls/${uid}/answer`, { method: 'POST', json: { agent: 20 } });
    expect(ans.json.state).toBe('talking');
    const q2 = (await call(`${api}/queues`, { headers: H })).json.data.find((x: Json) => x.id === 74);
    expect(q2.callers_talking).toBe(1);
    await call(`${api}/metadata/${uid}`, { method: 'POST', headers: H, json: { order_number: 'ODR-10000007' } });
    sim.state.clockOffsetMs += 95_000;
    const hung = await call(`${C}/calls/${uid}/hangup`, { method: 'POST' });
    sim.state.clockOffsetMs -= 95_000;
    expect(hung.json.state).toBe('ended');
    const cdr = (await call(`${api}/call/${uid}`, { headers: H })).json.data;
    expect(cdr).toMatchObject({ uniqueid: uid, src_number: number, dst_user_id: 20, connected: expect.any(String), disconnected: expect.any(String), metadata: { order_number: 'ODR-10000007' } });
    expect(cdr.talk_time).toBeGreaterThanOrEqual(94);
    expect(cdr.path.map((p: Json) => p.type)).toEqual([1, 10000, 10711, 10002, 10720, 10]);
    const q3 = (await call(`${api}/queues`, { headers: H })).json.data.find((x: Json) => x.id === 74);
    expect(q3.callers).toEqual([]);
    expect(q3.answered).toBe(q.answered + 1);
    const snap = (await call(`${C}/state/ucs`)).json;
    expect(snap.calls.find((c: Json) => c.uniqueid === uid).state).toBe('ended');
  });
  it('placeholders in the screen-pop URL and unknown queues', async () => {
    await call(`${C}/config`, { method: 'PUT', json: { screenPopUrl: `${popUrl}/{queue}?caller={number}&id={uniqueid}` } });
    const r = await call(`${C}/calls`, { method: 'POST', json: { number: '00420601000111', queue: '10100' } });
    expect(hits.at(-1)!.pathname).toBe('/screen-pop/75');
    expect(hits.at(-1)!.searchParams.get('caller')).toBe('00420601000111');
    expect(hits.at(-1)!.searchParams.get('id')).toBe(r.json.uniqueid);
    expect((await call(`${C}/calls`, { method: 'POST', json: { number: '1', queue: 9999 } })).status).toBe(400);
    expect((await call(`${C}/calls/${r.json.uniqueid}/hangup`, { method: 'POST' })).json.state).toBe('ended');
  });
});
