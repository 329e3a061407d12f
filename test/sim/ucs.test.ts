import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, ucsToken, withSim, type Json } from './helpers';
import type { RunningSim } from '../../src-main/sim/server';

let sim: RunningSim;
let api: string;
let auth: { Authorization: string };

beforeAll(async () => {
  sim = await withSim();
  api = `${sim.urls.ucs}/api/v1.0`;
  auth = { Authorization: `Bearer ${await ucsToken(sim)}` };
});
afterAll(() => sim.close());

const get = (path: string): Promise<Json> => call(`${api}${path}`, { headers: auth }).then((r) => r.json);

describe('UCS OAuth (seed 003)', () => {
  it('issues a bearer token with expires_in as a string', async () => {
    const r = await call(`${sim.urls.ucs}/login/oauth2/token`, { method: 'POST', json: { client_id: 'dockside-api', client_secret: 'ucs-demo-secret-7d41', grant_type: 'client_credentials' } });
    expect(r.status).toBe(200);
    expect(r.json.token_type).toBe('Bearer');
    expect(r.json.expires_in).toBe('3610');
    expect(r.json.access_token).toMatch(/^[A-Za-z]{52}$/);
  });
  it('answers another grant type with the seed 400 body', async () => {
    const r = await call(`${sim.urls.ucs}/login/oauth2/token`, { method: 'POST', json: { client_id: 'dockside-api', client_secret: 'ucs-demo-secret-7d41', grant_type: 'password' } });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: 'invalid_request', error_description: 'We support only "client_credentials" grant type', error_uri: 'https://www.oauth.com/oauth2-servers/access-tokens' });
  });
  it('answers wrong credentials with the seed 401 body', async () => {
    const r = await call(`${sim.urls.ucs}/login/oauth2/token`, { method: 'POST', json: { client_id: 'dockside-api', client_secret: 'nope', grant_type: 'client_credentials' } });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: 'invalid_client', error_description: 'Invalid username or password', error_uri: 'https://www.oauth.com/oauth2-servers/access-tokens' });
  });
  it('rejects missing, unknown and expired tokens with 401', async () => {
    expect((await call(`${api}/queues`)).status).toBe(401);
    expect((await call(`${api}/queues`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    const tok = await ucsToken(sim);
    sim.state.clockOffsetMs += 3611_000;
    try {
      const r = await call(`${api}/queues`, { headers: { Authorization: `Bearer ${tok}` } });
      expect(r.status).toBe(401);
      expect(r.json.error).toBe('invalid_token');
      expect(r.json.error_description).toMatch(/expired/);
    } finally {
      sim.state.clockOffsetMs -= 3611_000;
    }
  });
});

describe('UCS seed examples', () => {
  it('GET /status', async () => {
    const s = await get('/status');
    expect(s.success).toBe(true);
    expect(s.trunks['1']).toEqual({ name: 'SIPY', status: 1, rtt: 1 });
    expect(s).toHaveProperty('nats-server');
  });
  it('GET /queues has live counters and callers', async () => {
    const q = await get('/queues');
    expect(q.success).toBe(true);
    for (const k of ['id', 'active', 'group_id', 'type', 'number', 'name', 'callers_waiting', 'agents_idle', 'answered', 'sl', 'sl_work', 'last_call_enter', 'callers']) expect(q.data[0]).toHaveProperty(k);
    expect(q.data[0].sl.day).toHaveLength(2);
  });
  it('GET /groups, /roles, /teams', async () => {
    expect((await get('/groups')).data.some((g: Json) => g.id === 1)).toBe(true);
    expect((await get('/roles')).data[0]).toEqual({ id: 1, group_id: 1, name: 'Administrator' });
    const t = (await get('/teams')).data[0];
    for (const k of ['aux_reasons', 'tasks', 'default_email_languages', 'color_agent_ready', 'channels']) expect(t).toHaveProperty(k);
  });
  it('GET /call/1723018607.115 and the metadata differential merge', async () => {
    const c = await get('/call/1723018607.115');
    expect(c.data.uniqueid).toBe('1723018607.115');
    expect(c.data.path).toHaveLength(7);
    expect(await get('/metadata/1723018607.115')).toEqual({ success: true, data: { ucrm_interaction_id: 30391, outbound_id: 0 } });
    const r = await call(`${api}/metadata/1723018607.115`, { method: 'POST', headers: auth, json: { outbound_id: null, pokus: 'hokus' } });
    expect(r.json).toEqual({ success: true, data: { ucrm_interaction_id: 30391, pokus: 'hokus' } });
    expect((await get('/metadata/1723018607.115')).data).toEqual({ ucrm_interaction_id: 30391, pokus: 'hokus' });
    expect((await get('/call/1723018607.115')).data.metadata).toEqual({ ucrm_interaction_id: 30391, pokus: 'hokus' });
  });
  it('GET/POST /shared/osl_chats', async () => {
    expect((await get('/shared/osl_chats')).data.type).toBe('osl');
    const body = { type: 'osl', data: { SWS: { OneSolution: { Waiting: 4, Processed: 1 } }, KPK: { OneSolution: { Waiting: 2, Doing: 4 } } } };
    const r = await call(`${api}/shared/osl_chats`, { method: 'POST', headers: auth, json: body });
    expect(r.json).toEqual({ success: true, data: null });
    expect((await get('/shared/osl_chats')).data).toEqual(body);
  });
  it('users: list, detail by external id, create, patch errors (HTTP 200 success:false), delete', async () => {
    const list = await get('/users');
    expect(list.data).toContainEqual({ id: 1, name: 'admin', external_id: 'asdf' });
    const admin = await get('/user/external/asdf');
    expect(admin.data).toMatchObject({ id: 1, active: true, external_id: 'asdf', username: 'admin', firstname: 'null', lastname: null });
    // the seed's own user 123 "test" exists (test/sim/documents.test.ts), so create another one
    const created = await call(`${api}/user`, { method: 'POST', headers: auth, json: { username: 'test-2', group_id: 1 } });
    expect(created.json.success).toBe(true);
    const id = created.json.data as number;
    const ok = await call(`${api}/user/${id}`, { method: 'PATCH', headers: auth, json: { external_id: 'T1000', password: '1pokus+Hokus2', team_id: 8 } });
    expect(ok.json).toEqual({ success: true, data: null });
    const bad = await call(`${api}/user/external/T1000`, { method: 'PATCH', headers: auth, json: { external_id: 't123456', number: 'cislo', filter_id: 'PSTN' } });
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual({ success: false, data: { number: 'contain invalid character (invalid character "c")', filter_id: 'value must be integer number' } });
    expect((await get('/user/external/T1000')).data.external_id).toBe('T1000');
    const del = await call(`${api}/user/external/T1000`, { method: 'DELETE', headers: auth });
    expect(del.json).toEqual({ success: true, data: null });
    expect((await get(`/user/${id}`)).success).toBe(false);
  });
  it('agent queue membership update answers per agent and per queue as the seed shows', async () => {
    const before = await get('/queues/agents');
    expect(before.data.find((a: Json) => a.id === 1).queues).toHaveLength(4);
    const r = await call(`${api}/queues/agents`, {
      method: 'POST',
      headers: auth,
      json: [
        { id: 1, queues: [{ id: 146 }, { id: 123, priority: 80, suspended: false }, { id: 82, suspended: false }] },
        { external_id: '2468', queues: [{ id: 82 }, { id: 0 }] },
        { id: 0, queues: [] },
        { external_id: 'neexistuje', queues: [] },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
    const [admin, bob, unknownId, unknownExt] = r.json.data;
    expect(admin).toEqual({
      id: 1,
      success: true,
      queues: [
        { id: 146, success: true, message: 'Nothing to change' },
        { id: 123, success: true, message: 'Nothing to change' },
        { id: 82, success: true, message: 'Agent membership updated' },
        { id: 103, success: true, message: 'Agent removed from queue' },
      ],
    });
    expect(bob.external_id).toBe('2468');
    expect(bob.queues).toContainEqual({ id: 82, success: true, message: 'Agent added into queue' });
    expect(bob.queues).toContainEqual(expect.objectContaining({ id: 0, success: false, message: 'Unknown queue id' }));
    expect(unknownId).toEqual({ id: 0, success: false, error: 'Unknown agent id', queues: [] });
    expect(unknownExt).toEqual({ external_id: 'neexistuje', success: false, error: 'Unknown agent external_id', queues: [] });
    const after = await get('/queues/agents');
    expect(after.data.find((a: Json) => a.id === 1).queues.map((q: Json) => q.id)).toEqual([146, 123, 82]);
    expect(after.data.find((a: Json) => a.id === 1).queues[2].suspended).toBe(false);
  });
});

describe('UCS µCRM', () => {
  it('pages persons with limit/offset + total, to the end', async () => {
    const first = await get('/crm/persons?limit=50&offset=100');
    expect(first.data).toHaveLength(50);
    expect(Object.keys(first.data[0]).sort()).toEqual(['displayname', 'external_id', 'firstname', 'group_id', 'id', 'lastname']);
    const total = first.total as number;
    const seen = new Set<number>();
    for (let off = 0; off < total; off += 200) {
      const p = await get(`/crm/persons?limit=200&offset=${off}`);
      for (const x of p.data) seen.add(x.id);
    }
    expect(seen.size).toBe(total);
    expect((await get(`/crm/persons?limit=10&offset=${total}`)).data).toEqual([]);
  });
  it('seed examples: person 59233 / external abc123, company 10764 / external ins', async () => {
    const p = await get('/crm/person/59233');
    expect(p.data).toMatchObject({ id: 59233, displayname: 'Ing. Petr Novák VIP', external_id: 'abc123', contacts: [{ id: 71615, type: 2 }, { id: 71616, type: 1, contact: '+420654321987' }] });
    expect((await get('/crm/person/external/abc123')).data.id).toBe(59233);
    expect((await get('/crm/company/10764')).data).toMatchObject({ name: 'INSOFT s.r.o.', external_id: 'ins', data: { ico: '04110889' } });
    expect((await get('/crm/company/external/ins')).data.id).toBe(10764);
  });
  it('generated persons have phone + e-mail contacts and resolve by external_id (= Afosto contact id)', async () => {
    const list = await get('/crm/persons?limit=5&offset=0');
    const d = await get(`/crm/person/external/${list.data[3].external_id}`);
    expect(d.success).toBe(true);
    expect(d.data.contacts.some((c: Json) => c.type === 1)).toBe(true);
    expect(d.data.contacts.some((c: Json) => c.type === 2)).toBe(true);
  });
  it('creates, patches (contacts replaced) and deletes a person', async () => {
    const c = await call(`${api}/crm/person`, { method: 'POST', headers: auth, json: { group_id: 1, displayname: 'Martin Dvořák', external_id: '321654988', contacts: [{ type: 1, contact: '+420222333444', label: 'kancelář' }] } });
    expect(c.json.success).toBe(true); // external id 321654987 is the seed's person 123456, present already
    const id = c.json.data as number;
    expect(typeof id).toBe('number');
    const p = await call(`${api}/crm/person/${id}`, { method: 'PATCH', headers: auth, json: { firstname: 'Martin', lastname: 'Dvořák', contacts: [{ type: 2, contact: 'martin@example.cz', label: 'e-mail' }] } });
    expect(p.json).toEqual({ success: true, data: null });
    const d = await get(`/crm/person/external/321654988`);
    expect(d.data).toMatchObject({ id, firstname: 'Martin', lastname: 'Dvořák' });
    expect(d.data.contacts).toHaveLength(1);
    expect(d.data.contacts[0].contact).toBe('martin@example.cz');
    expect((await call(`${api}/crm/person`, { method: 'POST', headers: auth, json: { displayname: 'x' } })).json).toEqual({ success: false, data: { group_id: 'required attribute' } });
    const snap = (await call(`${sim.urls.control}/state/ucs`)).json;
    expect(snap.persons.created.map((x: Json) => x.id)).toContain(id);
    expect((await call(`${api}/crm/person/${id}`, { method: 'DELETE', headers: auth })).json).toEqual({ success: true, data: null });
    expect((await get(`/crm/person/${id}`)).success).toBe(false);
  });
  it('companies: list + total, create, patch persons (replace), delete', async () => {
    const l = await get('/crm/companies?limit=50&offset=100');
    expect(l.data).toHaveLength(50);
    expect(l.total).toBeGreaterThan(100);
    const c = await call(`${api}/crm/company`, { method: 'POST', headers: auth, json: { group_id: 1, name: 'Společnost a.s.' } });
    const id = c.json.data as number;
    const p = await call(`${api}/crm/company/${id}`, { method: 'PATCH', headers: auth, json: { persons: [{ person_id: 59233, role: 'dodavatel' }] } });
    expect(p.json).toEqual({ success: true, data: null });
    expect((await get(`/crm/company/${id}`)).data.persons).toEqual([{ person_id: 59233, role: 'dodavatel' }]);
    expect((await get('/crm/person/59233')).data.companies).toContainEqual({ company_id: id, role: 'dodavatel' });
    expect((await call(`${api}/crm/company/${id}`, { method: 'DELETE', headers: auth })).json).toEqual({ success: true, data: null });
  });
});
