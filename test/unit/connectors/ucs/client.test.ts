// The UCS client against the simulator over real HTTP: OAuth with a string `expires_in`, one
// token request for a burst of 401s, every call's parsed result, µCRM paging to `total` and no
// further, HTTP-200 `success:false` as validation / not_found, faults as RemoteError kinds.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RemoteError } from '../../../../src-main/core/connectors/shared/errors';
import { UcsClient } from '../../../../src-main/core/connectors/ucs';
import { startSim, type RunningSim } from '../../../../src-main/sim/server';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let sim: RunningSim;
beforeAll(async () => {
  sim = await startSim({ port: 0, seed: 42 });
});
afterAll(() => sim.close());

const control = async (path: string, init: { method?: string; json?: unknown } = {}): Promise<Json> => {
  const res = await fetch(`${sim.urls.control}${path}`, {
    method: init.method ?? 'GET',
    ...(init.json !== undefined ? { body: JSON.stringify(init.json), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
};
const fault = (spec: Record<string, unknown>): Promise<Json> => control('/faults', { method: 'POST', json: { system: 'ucs', ...spec } });
const log = async (path?: string): Promise<Json[]> => control(`/requests?system=ucs${path ? `&path=${encodeURIComponent(path)}` : ''}`);
const tokenRequests = async (): Promise<number> => (await log('/login/oauth2/token')).length;

const client = (over: Partial<{ clientSecret: string; timeoutMs: number; now: () => number; fetch: typeof fetch }> = {}): UcsClient =>
  new UcsClient(
    { baseUrl: sim.urls.ucs, clientId: sim.credentials.ucs.client_id, clientSecret: over.clientSecret ?? sim.credentials.ucs.client_secret },
    { ...(over.timeoutMs ? { timeoutMs: over.timeoutMs } : {}), ...(over.now ? { now: over.now } : {}), ...(over.fetch ? { fetch: over.fetch } : {}) },
  );
const caught = (p: Promise<unknown>): Promise<RemoteError> =>
  p.then(
    () => {
      throw new Error('expected a RemoteError');
    },
    (e: unknown) => e as RemoteError,
  );

beforeEach(async () => {
  await control('/faults', { method: 'DELETE' });
  await control('/requests', { method: 'DELETE' });
});

describe('UCS auth', () => {
  it('gets one token for a burst of first calls, and renews it before the string expires_in lapses', async () => {
    let skew = 0;
    const ucs = client({ now: () => Date.now() + skew });
    await Promise.all([ucs.groups(), ucs.roles(), ucs.teams(), ucs.queues()]);
    expect(await tokenRequests()).toBe(1);
    const [tok] = await log('/login/oauth2/token');
    expect(tok.body).toEqual({ client_id: 'dockside-api', client_secret: expect.any(String), grant_type: 'client_credentials' });
    // "3610" seconds: still fresh 58 minutes on, renewed inside the one-minute margin.
    skew = 3500_000;
    await ucs.groups();
    expect(await tokenRequests()).toBe(1);
    skew = 3560_000;
    await ucs.groups();
    expect(await tokenRequests()).toBe(2);
  });

  it('a burst of 401s after the server expired the token causes exactly one token request', async () => {
    const ucs = client();
    await ucs.groups();
    await control('/tokens/expire?system=ucs', { method: 'POST' });
    await control('/requests', { method: 'DELETE' });
    const results = await Promise.all(Array.from({ length: 12 }, () => ucs.roles()));
    expect(results.every((r) => r.length > 0)).toBe(true);
    expect(await tokenRequests()).toBe(1);
    expect((await log('/api/v1.0/roles')).filter((e) => e.status === 401)).toHaveLength(12);
  });

  it('the token_expiry fault in the middle of work is recovered with one token request', async () => {
    const ucs = client();
    await ucs.users();
    await fault({ kind: 'token_expiry', route: '/api/v1.0/users' });
    await control('/requests', { method: 'DELETE' });
    expect((await ucs.users()).length).toBeGreaterThan(0);
    expect(await tokenRequests()).toBe(1);
  });

  it('wrong credentials: 401 invalid_client → auth with the remote words, not retryable', async () => {
    const err = await caught(client({ clientSecret: 'wrong' }).groups());
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ remote: 'ucs', kind: 'auth', status: 401, retryable: false });
    expect(err.remoteMessage).toBe('invalid_client: Invalid username or password');
  });

  it('a refused grant: 400 invalid_request → auth', async () => {
    // The client always sends client_credentials; rewrite it on the wire to see the 400.
    const rewriting: typeof fetch = (url, init) =>
      fetch(url, String(url).endsWith('/login/oauth2/token') ? { ...init, body: String(init?.body).replace('client_credentials', 'password') } : init);
    const err = await caught(client({ fetch: rewriting }).groups());
    expect(err).toMatchObject({ kind: 'auth', status: 400 });
    expect(err.remoteMessage).toBe('invalid_request: We support only "client_credentials" grant type');
  });

  it('status (Test connection) reads the top-level fields', async () => {
    const s = await client().status();
    expect(s.success).toBe(true);
    expect(s.trunks?.['1']).toMatchObject({ name: 'SIPY', status: 1 });
  });
});

describe('UCS pulls', () => {
  const ucs = (): UcsClient => client();

  it('groups, roles, teams with AUX reasons, queues', async () => {
    const c = ucs();
    const [groups, roles, teams, queues] = await Promise.all([c.groups(), c.roles(), c.teams(), c.queues()]);
    expect(groups.some((g) => g.id === 1)).toBe(true);
    expect(roles[0]).toEqual({ id: 1, group_id: 1, name: 'Administrator' });
    const reasons = teams.flatMap((t) => t.aux_reasons);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons[0]).toMatchObject({ reason: expect.any(String), break: expect.any(Boolean) });
    expect(queues.map((q) => q.id)).toEqual(expect.arrayContaining([82, 103, 123, 146, 234]));
    expect(queues[0]).toMatchObject({ active: expect.any(Boolean), type: expect.any(Number), callers_waiting: expect.any(Number) });
  });

  it('users, user detail by id and by external id, my queue memberships', async () => {
    const c = ucs();
    const users = await c.users();
    expect(users).toEqual(expect.arrayContaining([expect.objectContaining({ id: 11, name: 'Bob', external_id: '2468' })]));
    expect(await c.user(1)).toMatchObject({ id: 1, username: 'admin', external_id: 'asdf', group_id: 1 });
    expect((await c.userByExternalId('asdf')).id).toBe(1);
    expect(await c.myQueueMemberships({ id: 11 })).toEqual([{ id: 234, type: 0, priority: 50, suspended: false }]);
    expect((await c.myQueueMemberships({ externalId: 'asdf' })).map((m) => m.id)).toEqual(expect.arrayContaining([146, 123, 82, 103]));
    expect(await c.myQueueMemberships({ externalId: 'nobody' })).toEqual([]);
    expect(await caught(c.user(999_999))).toMatchObject({ kind: 'not_found', status: 200 });
  });

  it('persons: every page up to total, each offset once, and not one request further', async () => {
    const c = ucs();
    const seen = new Set<number>();
    let total = 0;
    let pages = 0;
    for await (const p of c.allPersons({ limit: 150 })) {
      pages++;
      total = p.total;
      for (const x of p.items) seen.add(x.id);
    }
    expect(total).toBeGreaterThan(150);
    expect(seen.size).toBe(total);
    const reqs = await log('/api/v1.0/crm/persons');
    expect(reqs).toHaveLength(Math.ceil(total / 150));
    expect(pages).toBe(reqs.length);
    expect(reqs.map((r) => new URLSearchParams(r.query).get('offset'))).toEqual(Array.from({ length: pages }, (_, i) => String(i * 150)));
  });

  it('companies: paged to total; a resumed scan starts at the saved offset', async () => {
    const c = ucs();
    const first = await c.companiesPage(0, 50);
    expect(first).toMatchObject({ offset: 0, nextOffset: 50, done: false });
    let count = 0;
    let last = first;
    for await (const p of c.allCompanies({ from: first.nextOffset, limit: 50 })) {
      count += p.items.length;
      last = p;
    }
    expect(50 + count).toBe(first.total);
    expect(last.done).toBe(true);
    expect(await log('/api/v1.0/crm/companies')).toHaveLength(Math.ceil(first.total / 50));
  });

  it('person and company detail, and lookups by external id (null when absent)', async () => {
    const c = ucs();
    const p = await c.person(59233);
    expect(p).toMatchObject({ displayname: 'Ing. Petr Novák VIP', external_id: 'abc123' });
    expect(p.contacts).toEqual(expect.arrayContaining([expect.objectContaining({ type: 1, contact: '+420654321987', label: 'mobil' })]));
    expect((await c.findPersonByExternalId('abc123'))?.id).toBe(59233);
    expect(await c.findPersonByExternalId('no-such-ref')).toBeNull();
    const co = await c.company(10764);
    expect(co).toMatchObject({ name: 'INSOFT s.r.o.', external_id: 'ins', data: { ico: '04110889' } });
    expect((await c.findCompanyByExternalId('ins'))?.id).toBe(10764);
    expect(await c.findCompanyByExternalId('no-such-ref')).toBeNull();
    expect(await caught(c.person(1))).toMatchObject({ kind: 'not_found', remoteMessage: expect.stringContaining('not found') });
  });

  it('person details for the phone index: one call each, bounded, deleted ones left out', async () => {
    const c = ucs();
    const page = await c.personsPage(0, 40);
    const ids = [...page.items.map((p) => p.id), 1];
    await control('/requests', { method: 'DELETE' });
    const details = await c.persons(ids, 4);
    expect(details.map((p) => p.id)).toEqual(page.items.map((p) => p.id));
    expect(details.flatMap((p) => p.contacts).some((x) => x.type === 1)).toBe(true);
    expect((await log('/api/v1.0/crm/person/')).length).toBe(41);
  });

  it('call record and metadata', async () => {
    const c = ucs();
    const cdr = await c.callRecord('1723018607.115');
    expect(cdr).toMatchObject({ uniqueid: '1723018607.115', src_number: '+420776000001', src_internal: false, dst_internal: true, dst_user_id: 11 });
    expect(cdr.path).toHaveLength(7);
    expect(await c.metadata('1723018607.115')).toEqual(cdr.metadata);
    expect(await caught(c.callRecord('1.1'))).toMatchObject({ kind: 'not_found' });
  });

  it('a ringing call (from the control API) has its CDR and metadata readable', async () => {
    const rung = await control('/calls', { method: 'POST', json: { number: '+420601000111', queue: 74 } });
    const cdr = await ucs().callRecord(rung.uniqueid);
    expect(cdr).toMatchObject({ uniqueid: rung.uniqueid, src_number: '+420601000111' });
    expect(await ucs().metadata(rung.uniqueid)).toMatchObject({ ucrm_interaction_id: expect.any(Number) });
  });
});

describe('UCS pushes', () => {
  it('metadata merge is differential: sent keys set, omitted kept, null deletes', async () => {
    const c = client();
    const rung = await control('/calls', { method: 'POST', json: { number: '601123456', queue: 74 } });
    const before = await c.metadata(rung.uniqueid);
    const after = await c.mergeMetadata(rung.uniqueid, { dockside_order: 'ODR-1001', outbound_id: null });
    const { outbound_id: _gone, ...kept } = before;
    expect(after).toEqual({ ...kept, dockside_order: 'ODR-1001' });
    expect(await c.mergeMetadata(rung.uniqueid, { dockside_note: 'x' })).toEqual({ ...kept, dockside_order: 'ODR-1001', dockside_note: 'x' });
  });

  it('person create and update; contacts replace the list', async () => {
    const c = client();
    const id = await c.createPerson({ group_id: 1, firstname: 'Věra', lastname: 'Nováková', external_id: 'dock-p-1', contacts: [{ type: 1, contact: '+420 601 222 333', label: 'mobil' }] });
    expect(id).toEqual(expect.any(Number));
    await c.updatePerson(id, { note: 'VIP', contacts: [{ type: 2, contact: 'vera@example.cz', label: 'e-mail' }] });
    const p = await c.person(id);
    expect(p).toMatchObject({ firstname: 'Věra', note: 'VIP', external_id: 'dock-p-1' });
    expect(p.contacts.map((x) => x.contact)).toEqual(['vera@example.cz']);
  });

  it('company create and update with persons', async () => {
    const c = client();
    const id = await c.createCompany({ group_id: 1, name: 'Dockside s.r.o.', external_id: 'dock-c-1' });
    await c.updateCompany(id, { persons: [{ person_id: 59233, role: 'jednatel' }] });
    expect((await c.company(id)).persons).toEqual([expect.objectContaining({ person_id: 59233, role: 'jednatel' })]);
  });

  it("the remote's validation error (HTTP 200 success:false) → validation with its message, not retryable", async () => {
    const c = client();
    const err = await caught(c.createPerson({ group_id: 1, displayname: 'Bad Phone', contacts: [{ type: 1, contact: 'cislo', label: 'x' }] }));
    expect(err).toMatchObject({ kind: 'validation', status: 200, retryable: false });
    expect(err.remoteMessage).toContain('contain invalid character');
    expect(err.details).toEqual({ 'contacts.0.contact': expect.stringContaining('invalid character') });
    expect(await caught(c.createCompany({ group_id: 987_654, name: 'x' }))).toMatchObject({ kind: 'validation' });
    expect(await caught(c.updatePerson(1, { note: 'x' }))).toMatchObject({ kind: 'not_found' });
  });

  it('a create whose reply was lost is found again by external_id and not sent twice', async () => {
    const c = client();
    await fault({ kind: 'lost_reply', route: '/api/v1.0/crm/person', method: 'POST' });
    const body = { group_id: 1, displayname: 'Lost Reply', external_id: 'dock-p-lost' };
    expect(await caught(c.createPersonOnce(body))).toMatchObject({ kind: 'network', retryable: true });
    const again = await c.createPersonOnce(body, { retry: true });
    expect(again.existed).toBe(true);
    expect((await c.person(again.id)).external_id).toBe('dock-p-lost');
    expect((await log('/api/v1.0/crm/person')).filter((e) => e.method === 'POST')).toHaveLength(1);
    // Without the retry flag, the remote's own uniqueness refusal leads to the same answer.
    expect(await c.createPersonOnce(body)).toEqual({ id: again.id, existed: true });
  });

  it('company lost reply is reconciled the same way; a fresh retry creates', async () => {
    const c = client();
    await fault({ kind: 'lost_reply', route: '/api/v1.0/crm/company', method: 'POST' });
    const body = { group_id: 1, name: 'Lost Co', external_id: 'dock-c-lost' };
    await caught(c.createCompanyOnce(body));
    expect(await c.createCompanyOnce(body, { retry: true })).toMatchObject({ existed: true });
    expect(await c.createCompanyOnce({ group_id: 1, name: 'New Co', external_id: 'dock-c-new' }, { retry: true })).toMatchObject({ existed: false });
  });
});

describe('UCS faults as RemoteError kinds', () => {
  it('429 + Retry-After → rate_limited with retryAfterMs', async () => {
    const c = client();
    await c.groups();
    await fault({ kind: 'error', status: 429, retryAfter: 7, route: '/api/v1.0/groups' });
    expect(await caught(c.groups())).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7000, retryable: true });
    expect((await c.groups()).length).toBeGreaterThan(0);
  });

  it('500 / 503 → server (with the remote message, Retry-After on 503)', async () => {
    const c = client();
    await fault({ kind: 'error', status: 500, route: '/api/v1.0/queues' });
    const e500 = await caught(c.queues());
    expect(e500).toMatchObject({ kind: 'server', status: 500, retryable: true, remoteMessage: expect.any(String) });
    await fault({ kind: 'error', status: 503, retryAfter: 2, route: '/api/v1.0/queues' });
    expect(await caught(c.queues())).toMatchObject({ kind: 'server', status: 503, retryAfterMs: 2000 });
  });

  it('reset → network; malformed body → bad_response; no answer in time → timeout', async () => {
    const c = client({ timeoutMs: 300 });
    await c.roles();
    await fault({ kind: 'reset', route: '/api/v1.0/roles' });
    expect(await caught(c.roles())).toMatchObject({ kind: 'network', retryable: true });
    await fault({ kind: 'malformed', route: '/api/v1.0/roles' });
    expect(await caught(c.roles())).toMatchObject({ kind: 'bad_response', retryable: true });
    await fault({ kind: 'latency', latencyMs: 800, route: '/api/v1.0/roles' });
    expect(await caught(c.roles())).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('a token endpoint outage is server, not auth', async () => {
    await fault({ kind: 'error', status: 503, route: '/login/oauth2/token' });
    expect(await caught(client().groups())).toMatchObject({ kind: 'server', status: 503 });
  });
});
