/**
 * Issue 9, point 5: the simulator keeps to the documents. Each test here failed on the behaviour the
 * simulator had before (see src-main/sim/ROUTES.md, "Kept to the documents").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afostoToken, basic, call, sleep, ucsToken, withSim, type Json } from './helpers';
import type { RunningSim } from '../../src-main/sim/server';

let sim: RunningSim;
beforeAll(async () => {
  sim = await withSim({ taskDelayMs: 1000 });
});
afterAll(() => sim.close());

describe('Afosto', () => {
  let H: Record<string, string>;
  const get = (path: string, headers: Record<string, string> = {}) => call(`${sim.urls.afosto}${path}`, { headers: { ...H, ...headers } });
  const send = (method: string, path: string, json?: unknown) => call(`${sim.urls.afosto}${path}`, { method, headers: H, json });
  beforeAll(async () => {
    H = { Authorization: `Bearer ${await afostoToken(sim)}` };
  });

  it('odr/orders, rel/contacts and wms/claims answer x-page but no x-count; paging ends on a short page', async () => {
    const counts = sim.state.ds.counts;
    for (const [path, total] of [['/odr/orders', counts.orders], ['/rel/contacts', counts.persons], ['/wms/claims', counts.orders]] as const) {
      let n = 0;
      for (let page = 1; ; page++) {
        const r = await get(path, { 'x-page': String(page), 'x-page-size': '100' });
        expect(r.status).toBe(200);
        expect(r.headers.get('x-count'), path).toBeNull();
        expect(r.headers.get('x-page')).toBe(String(page));
        n += r.json.length;
        if (r.json.length < 100) break;
      }
      expect(n, path).toBe(total);
    }
    // lists whose document does show x-count keep it
    expect((await get('/lcs/parcels')).headers.get('x-count')).not.toBeNull();
  });

  it('a parcel without a label has no `label` (never null), in every read', async () => {
    const s = (await get('/lcs/shipments', { 'x-page-size': '1' })).json[0];
    const p = await send('POST', '/lcs/parcels', { shipment_id: s.id, weight: 100 });
    expect(p.status).toBe(200);
    expect(p.json).not.toHaveProperty('label');
    expect((await get(`/lcs/parcels/${p.json.id}`)).json).not.toHaveProperty('label');
    const shipment = (await get(`/lcs/shipments/${s.id}`)).json;
    for (const x of shipment.parcels) if ('label' in x) expect(x.label).toEqual(expect.any(Object));
    const generated = (await get('/lcs/parcels', { 'x-page-size': '200' })).json;
    expect(generated.some((x: Json) => !('label' in x))).toBe(true);
    for (const x of generated) if ('label' in x) expect(x.label).toMatchObject({ reference: expect.any(String) });
  });

  it('iam/jwt/extend issues a new token and leaves the one it was called with valid', async () => {
    const old = await afostoToken(sim);
    const ext = await call(`${sim.urls.afosto}/iam/jwt/extend`, { headers: { Authorization: `Bearer ${old}` } });
    expect(ext.status).toBe(200);
    expect(ext.json).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number), access_token: expect.any(String), refresh_token: expect.any(String) });
    expect(ext.json.access_token).not.toBe(old);
    expect((await call(`${sim.urls.afosto}/lcs/lists`, { headers: { Authorization: `Bearer ${old}` } })).status).toBe(200);
    expect((await call(`${sim.urls.afosto}/lcs/lists`, { headers: { Authorization: `Bearer ${ext.json.access_token}` } })).status).toBe(200);
  });

  it('iam/jwt/revoke answers 200 with the token object and the token stops working', async () => {
    const tok = await call(`${sim.urls.afosto}/iam/oauth/authorize`, { method: 'POST', json: { client_id: sim.credentials.afosto.client_id, client_secret: sim.credentials.afosto.client_secret, grant_type: 'client_credentials' } });
    const access = tok.json.access_token as string;
    const other = await afostoToken(sim);
    const r = await call(`${sim.urls.afosto}/iam/jwt/revoke`, { headers: { Authorization: `Bearer ${access}` } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ token_type: 'Bearer', expires_in: 0, access_token: access, refresh_token: tok.json.refresh_token });
    expect((await call(`${sim.urls.afosto}/lcs/lists`, { headers: { Authorization: `Bearer ${access}` } })).status).toBe(401);
    // tokens=current (the default) leaves the user's other access tokens alone …
    expect((await call(`${sim.urls.afosto}/lcs/lists`, { headers: { Authorization: `Bearer ${other}` } })).status).toBe(200);
    // … but, as the seed says, every refresh token of the user is revoked
    const refreshed = await call(`${sim.urls.afosto}/iam/oauth/authorize`, { method: 'POST', json: { client_id: sim.credentials.afosto.client_id, grant_type: 'refresh_token', refresh_token: tok.json.refresh_token } });
    expect(refreshed.status).toBe(401);
    // tokens=jwt revokes all of the user's access tokens
    const third = await afostoToken(sim);
    expect((await call(`${sim.urls.afosto}/iam/jwt/revoke?tokens=jwt`, { headers: { Authorization: `Bearer ${third}` } })).status).toBe(200);
    expect((await call(`${sim.urls.afosto}/lcs/lists`, { headers: { Authorization: `Bearer ${other}` } })).status).toBe(401);
    H = { Authorization: `Bearer ${await afostoToken(sim)}` };
  });

  it('task progress never goes backwards (sim clock moved back; PDF rendering after the delay)', async () => {
    const s = (await get('/lcs/shipments', { 'x-page-size': '1', 'x-page': '2' })).json[0];
    const p = (await send('POST', '/lcs/parcels', { shipment_id: s.id, weight: 100 })).json;
    const slip = await send('POST', `/lcs/parcels/${p.id}/slip`);
    const id = slip.headers.get('x-task-id') as string;
    const seen: number[] = [];
    const poll = async () => {
      const t = (await get(`/mes/tasks/${id}`)).json;
      seen.push(t.progress);
      return t;
    };
    try {
      sim.state.clockOffsetMs += 600;
      await poll();
      expect(seen.at(-1)).toBeGreaterThanOrEqual(50);
      sim.state.clockOffsetMs -= 400; // the clock goes back
      await poll();
      sim.state.clockOffsetMs += 800; // past the delay: the PDF renders asynchronously
      for (let i = 0; i < 200; i++) {
        const t = await poll();
        if (t.completed_at) break;
        await sleep(5);
      }
    } finally {
      sim.state.clockOffsetMs -= 1000;
    }
    expect(seen.at(-1)).toBe(100);
    for (let i = 1; i < seen.length; i++) expect(seen[i], seen.join(',')).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
});

describe('UltraCart', () => {
  const H = () => ({ 'x-ultracart-simple-key': sim.credentials.ultracart.key });
  it('pages with _limit/_offset only; limit/offset are ignored', async () => {
    const B = `${sim.urls.ultracart}/workflow`;
    const doc = await call(`${B}/tasks/search?_limit=3&_offset=2`, { method: 'POST', headers: H(), json: {} });
    expect(doc.json.metadata.result_set).toMatchObject({ count: 3, limit: 3, offset: 2, next_offset: 5 });
    const other = await call(`${B}/tasks/search?limit=3&offset=2`, { method: 'POST', headers: H(), json: {} });
    expect(other.json.metadata.result_set).toMatchObject({ limit: 100, offset: 0 });
    const users = await call(`${B}/assignment_users?limit=2&offset=1`, { headers: H() });
    expect(users.json.metadata.result_set).toMatchObject({ limit: 100, offset: 0 });
    const groups = await call(`${B}/assignment_groups?_limit=1&_offset=1`, { headers: H() });
    expect(groups.json.metadata.result_set).toMatchObject({ count: 1, limit: 1, offset: 1 });
  });
});

describe('HOMS seed example ORD-1', () => {
  const H = () => ({ Authorization: basic(sim.credentials.homs.email, sim.credentials.homs.apiToken) });
  const SEED_DATA = { employeeFirstName: 'James', employeeLastName: 'Carter', employeeEmail: 'james@example.com', beginDate: '2016-07-15T14:45:03.000+00:00', endDate: '2016-07-16T14:49:42.000+00:00', motivationText: 'I had a lot of work last 7 years', resolution: null, resolutionText: null, adjustResult: null };
  it('is the seed’s vacation_request for James Carter and takes the seed’s custom-field and user-email updates', async () => {
    const B = `${sim.urls.homs}/api/orders/ORD-1`;
    const show = await call(B, { headers: H() });
    expect(show.json.order).toEqual({ id: 1, code: 'ORD-1', ext_code: null, bp_id: null, bp_state: null, state: 'to_execute', archived: false, data: SEED_DATA, done_at: null, order_type_code: 'vacation_request', user_email: null });
    const upd = await call(B, { method: 'PUT', headers: H(), json: { order: { data: { ...SEED_DATA, employeeLastName: 'Prinston' } } } });
    expect(upd.status).toBe(200);
    expect(upd.json.order).toMatchObject({ code: 'ORD-1', state: 'to_execute', order_type_code: 'vacation_request', data: { ...SEED_DATA, employeeLastName: 'Prinston' } });
    const mail = await call(B, { method: 'PUT', headers: H(), json: { order: { user_email: 'c.johnson@example.com' } } });
    expect(mail.json.order).toMatchObject({ user_email: 'c.johnson@example.com', order_type_code: 'vacation_request' });
  });
});

describe('UCS seed examples', () => {
  let auth: Record<string, string>;
  const api = () => `${sim.urls.ucs}/api/v1.0`;
  const get = async (p: string) => (await call(`${api()}${p}`, { headers: auth })).json;
  const patch = async (p: string, json: unknown) => (await call(`${api()}${p}`, { method: 'PATCH', headers: auth, json })).json;
  beforeAll(async () => {
    auth = { Authorization: `Bearer ${await ucsToken(sim)}` };
  });
  it('company 10764 lists person 123456 as majitel; persons 123456 and 123457 exist', async () => {
    expect((await get('/crm/company/10764')).data).toEqual({ id: 10764, group_id: 1, name: 'INSOFT s.r.o.', external_id: 'ins', data: { ico: '04110889' }, persons: [{ person_id: 123456, role: 'majitel' }], tasks: [] });
    const p = (await get('/crm/person/123456')).data;
    expect(p).toMatchObject({ id: 123456, group_id: 1, displayname: 'Martin Dvořák', external_id: '321654987', contacts: [{ type: 1, contact: '+420222333444', label: 'kancelář' }], companies: [{ company_id: 10764, role: 'majitel' }] });
    expect((await get('/crm/person/external/321654987')).data.id).toBe(123456);
    expect((await get('/crm/person/123457')).success).toBe(true);
    expect((await get('/crm/person/59233')).data.companies).toEqual([]); // as the seed's Person Detail shows
    expect(await patch('/crm/person/123456', { firstname: 'Martin', lastname: 'Dvořák' })).toEqual({ success: true, data: null });
    expect(await patch('/crm/company/10764', { persons: [{ person_id: 123456, role: 'dodavatel' }, { person_id: 123457, role: 'jednatel' }] })).toEqual({ success: true, data: null });
    expect((await get('/crm/person/123457')).data.companies).toEqual([{ company_id: 10764, role: 'jednatel' }]);
  });
  it('user 123 exists and takes the seed’s PATCH; new users never reuse its id', async () => {
    expect((await get('/user/123')).data).toMatchObject({ id: 123, username: 'test', group_id: 1 });
    expect((await get('/users')).data).toContainEqual({ id: 123, name: 'test', external_id: null });
    expect(await patch('/user/123', { external_id: 'T1000', password: '1pokus+Hokus2', team_id: 1 })).toEqual({ success: true, data: null });
    expect((await get('/user/external/T1000')).data.id).toBe(123);
    expect(await patch('/user/external/T1000', { external_id: 't123456', number: 'cislo', filter_id: 'PSTN' })).toEqual({ success: false, data: { number: 'contain invalid character (invalid character "c")', filter_id: 'value must be integer number' } });
    const ids: number[] = [];
    for (let k = 0; k < 30; k++) ids.push((await call(`${api()}/user`, { method: 'POST', headers: auth, json: { username: `bulk${k}`, group_id: 1 } })).json.data);
    expect(ids).not.toContain(123);
    expect((await get('/user/123')).data.username).toBe('test');
  });
});
