// The client against a double built from the document's own samples (seed 003, repaired where the
// seed is not valid JSON), not from the simulator: the schemas must accept what the document shows.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeError, messageOf, UcsClient } from '../../../../src-main/core/connectors/ucs';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const TOKEN = 'AaBbCcDdEeFfGgHhIiJjKkLlMmNnOoPpQqRrSsTtUuVvWwXxYyZz';
const ok = (data: unknown, extra: Json = {}): Json => ({ success: true, data, ...extra });
const team = {
  id: 8, group_id: 1, name: 'Markuv Team', note: 'Team TEAM TEAM!!!!',
  aux_reasons: [{ reason: 'Nemám rád šmouly', break: false, color: 'ff0000', limit: null, hidden: false }],
  contacts: [], tasks: { person: 0, person_url: null, call: 0, call_url: null, email: 0, email_url: null },
  maximum_assigned_emails: null, default_inbound_priority: 100, default_inbound_acw: false, default_inbound_acw_timeout: null,
  default_inbound_busy: null, default_inbound_busy_timeout: null, default_outbound_acw: false, default_outbound_acw_timeout: null,
  default_email_priority: 100, default_email_languages: { cs_CZ: 100, en_US: 100, de_DE: 100, ru_RU: 100 }, default_email_assigned: null,
  default_task_priority: 100, color_agent_offline: null, color_agent_ready: '188b35', color_agent_acw: 'ffda1f', color_agent_aux: 'ff9500',
  color_agent_ringing: 'a1ff2e', color_agent_talking: 'a1ff29', color_phone_offline: null, color_phone_idle: '00bfff', color_phone_ringing: 'ff00ea',
  color_phone_talking: 'ff00ea', breaks_limit: null, transfer_to_agent: false, transfer_to_queue: false,
  channels: { inbound: false, task: false, email: false, chat: false, dialer: false },
};
const queue = {
  id: 74, active: true, group_id: 11, type: 1, number: '10099', name: 'NONLIFE CZ', callers_waiting: 0, callers_ringing: 0, callers_talking: 0,
  agents_idle: 0, agents_ringing: 0, agents_talking: 0, agents_acw: 0, agents_aux: 0, answered: 1567, overflowed: 1, abandoned: 336,
  talktime: 314549, waittime: 270986, answered_wait_time: 227409.22137379646, answered_in_service: 740, answered_in_work_hours: 0,
  answered_in_work_and_sl: 0, abandoned_in_threshold: 140, abandoned_in_work_hours: 0, abandoned_in_work_and_sl: 0, abandoned_full: 0,
  sl: { day: [740, 1763], week: [4184, 9405], month: [17929, 28297], quarter: [44922, 69392] },
  sl_work: { day: [0, 0], week: [0, 0], month: [0, 0], quarter: [0, 0] },
  last_call_enter: 1724428798.475978, last_call_answer: 1724428717.4761183, callers: [],
};
const call = {
  price: 0, duration: 524, src_number: '+420776000001', src_name: '', dst_number: '1800', dst_name: ' Bob', src_internal: false, dst_internal: true,
  calldate: '2024-08-07 10:17:04', connected: '2024-08-07 10:17:07', disconnected: '2024-08-07 10:25:51', src_extension_id: null, dst_extension_id: 75,
  src_user_id: null, dst_user_id: 11, src_type: 'trunk', dst_type: 'phone', xfer_users: null, trunk_id: null, uniqueid: '1723018607.115',
  metadata: { ucrm_interaction_id: 30391, outbound_id: 0 }, src_group_id: 1, dst_group_id: 1, pilot_number: '0776000001', ring_time: 4, talk_time: 524,
  hold_time: 0, cause: 3, recording: true, recording_duration: 523,
  path: [
    { date: '2024-08-07 10:16:47', type: 1, number: '0776000001', name: 'SIPY' },
    { date: '2024-08-07 10:17:04', type: 10711, number: '1800', name: ' Bob' },
    { date: '2024-08-07 10:25:51', type: 10, number: '0776000001', name: '' },
  ],
};
const persons = [
  { id: 26920, group_id: 1, displayname: 'Abrhám Václav', firstname: 'Václav', lastname: 'Abrhám', external_id: '16943' },
  { id: 13270, group_id: 1, displayname: 'Adamec Lukáš', firstname: 'Lukáš', lastname: 'Adamec', external_id: '20451' },
  { id: 25677, group_id: 1, displayname: 'Albert Antonín', firstname: 'Antonín', lastname: 'Albert', external_id: '23393' },
];
const person = {
  id: 59233, group_id: 1, displayname: 'Ing. Petr Novák VIP', firstname: 'Petr', lastname: 'Novák', note: 'Pozor, je to převelice důležitý zákoš…',
  external_id: 'abc123', data: { expires: '2025-01-01 00:00:00' },
  contacts: [{ id: 71615, type: 2, contact: 'a@b.cd', label: 'e-mail' }, { id: 71616, type: 1, contact: '+420654321987', label: 'mobil' }],
  interactions: [], companies: [], tasks: [],
};
let metadata: Record<string, unknown> = { ucrm_interaction_id: 30391, outbound_id: 0 };

const routes: Record<string, (q: URLSearchParams, body: Json) => [number, Json]> = {
  'POST /login/oauth2/token': () => [200, { access_token: TOKEN, token_type: 'Bearer', expires_in: '3610' }],
  'GET /api/v1.0/status': () => [200, { success: true, trunks: { '1': { name: 'SIPY', status: 1, rtt: 1 } }, phones: { '3': { name: 'Testik', configured: 2 } }, ucs: 0, 'nats-server': 1 }],
  'GET /api/v1.0/groups': () => [200, ok([{ id: 1, name: 'System', external_id: null }, { id: 9, name: ' NN - Brokerska', external_id: 'broker1' }])],
  'GET /api/v1.0/roles': () => [200, ok([{ id: 1, group_id: 1, name: 'Administrator' }, { id: 9, group_id: 10, name: 'Bot' }])],
  'GET /api/v1.0/teams': () => [200, ok([team])],
  'GET /api/v1.0/queues': () => [200, ok([queue])],
  'GET /api/v1.0/users': () => [200, ok([{ id: 1, name: 'admin', external_id: 'asdf' }, { id: 10, name: 'Alice', external_id: null }, { id: 11, name: 'Bob', external_id: '2468' }])],
  'GET /api/v1.0/user/external/asdf': () => [200, ok({ id: 1, active: true, external_id: 'asdf', group_id: 1, role_id: 1, team_id: null, locale: 'en_US', username: 'admin', firstname: 'null', lastname: null, displayname: 'admin' })],
  'GET /api/v1.0/queues/agents': () => [200, ok([{ id: 11, name: 'Bob', external_id: '2468', queues: [{ id: 234, type: 0, priority: 50, suspended: false }] }, { id: 43, name: 'Pokus Bezfrontovej', external_id: 'nonono', queues: [] }])],
  'GET /api/v1.0/crm/persons': (q) => {
    const offset = Number(q.get('offset') ?? 0);
    return [200, ok(persons.slice(offset, offset + Number(q.get('limit') ?? 50)), { total: persons.length })];
  },
  'GET /api/v1.0/crm/person/59233': () => [200, ok(person)],
  'GET /api/v1.0/crm/person/external/abc123': () => [200, ok(person)],
  // The document shows no "not found" answer; the plainest reading of its envelope.
  'GET /api/v1.0/crm/person/external/missing': () => [200, { success: false, data: null }],
  'POST /api/v1.0/crm/person': () => [200, ok(123456)],
  'PATCH /api/v1.0/crm/person/123456': (_q, b) => (b.contacts ? [200, { success: false, data: { number: 'contain invalid character (invalid character "c")', filter_id: 'value must be integer number' } }] : [200, ok(null)]),
  'GET /api/v1.0/crm/company/10764': () => [200, ok({ id: 10764, group_id: 1, name: 'INSOFT s.r.o.', external_id: 'ins', data: { ico: '04110889' }, persons: [{ person_id: 123456, role: 'majitel' }], tasks: [] })],
  'POST /api/v1.0/crm/company': () => [200, ok(10765)],
  'PATCH /api/v1.0/crm/company/123456': () => [200, ok(null)],
  'GET /api/v1.0/call/1723018607.115': () => [200, ok(call)],
  'GET /api/v1.0/metadata/1723018607.115': () => [200, ok(metadata)],
  'POST /api/v1.0/metadata/1723018607.115': (_q, b) => {
    metadata = { ...metadata, ...b };
    for (const [k, v] of Object.entries(b)) if (v === null) delete metadata[k];
    return [200, ok(metadata)];
  },
};

let server: http.Server;
let base: string;
const seen: string[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname.replace(/^\/ucs/, '');
      seen.push(`${req.method} ${path}${url.search}`);
      if (path !== '/login/oauth2/token' && req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
      const route = routes[`${req.method} ${path}`];
      const [status, body] = route ? route(url.searchParams, raw ? JSON.parse(raw) : undefined) : [500, { success: false, data: null }];
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ucs`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const ucs = (): UcsClient => new UcsClient({ baseUrl: base, clientId: 'service_account_username_in_ucs', clientSecret: 'service_account_password_in_ucs' });

describe('UCS client against the document samples', () => {
  it('reads every documented sample', async () => {
    const c = ucs();
    expect((await c.status()).trunks?.['1']?.name).toBe('SIPY');
    expect((await c.groups())[1]).toMatchObject({ name: ' NN - Brokerska', external_id: 'broker1' });
    expect((await c.roles()).map((r) => r.name)).toEqual(['Administrator', 'Bot']);
    expect((await c.teams())[0]?.aux_reasons[0]).toMatchObject({ reason: 'Nemám rád šmouly', break: false });
    expect((await c.queues())[0]).toMatchObject({ id: 74, sl: { day: [740, 1763] } });
    expect((await c.users()).find((u) => u.id === 10)?.external_id).toBeNull();
    expect(await c.userByExternalId('asdf')).toMatchObject({ username: 'admin', firstname: 'null', lastname: null });
    expect(await c.myQueueMemberships({ externalId: '2468' })).toEqual([{ id: 234, type: 0, priority: 50, suspended: false }]);
    expect((await c.person(59233)).contacts).toHaveLength(2);
    expect((await c.company(10764)).persons).toEqual([{ person_id: 123456, role: 'majitel' }]);
    expect((await c.callRecord('1723018607.115')).dst_user_id).toBe(11);
  });

  it('pages persons by limit/offset up to total', async () => {
    seen.length = 0;
    const ids: number[] = [];
    for await (const p of ucs().allPersons({ limit: 2 })) ids.push(...p.items.map((x) => x.id));
    expect(ids).toEqual([26920, 13270, 25677]);
    expect(seen.filter((s) => s.startsWith('GET /api/v1.0/crm/persons'))).toEqual(['GET /api/v1.0/crm/persons?limit=2&offset=0', 'GET /api/v1.0/crm/persons?limit=2&offset=2']);
  });

  it('pushes: the seed metadata merge, creates, updates and the seed validation answer', async () => {
    const c = ucs();
    expect(await c.mergeMetadata('1723018607.115', { outbound_id: null, pokus: 'hokus' })).toEqual({ ucrm_interaction_id: 30391, pokus: 'hokus' });
    expect(await c.createPerson({ group_id: 1, displayname: 'Martin Dvořák', external_id: '321654987', contacts: [{ type: 1, contact: '+420222333444', label: 'kancelář' }] })).toBe(123456);
    await c.updatePerson(123456, { firstname: 'Martin', lastname: 'Dvořák' });
    const err = await c.updatePerson(123456, { contacts: [] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'validation', remoteMessage: 'number: contain invalid character (invalid character "c"); filter_id: value must be integer number' });
    expect(await c.createCompany({ group_id: 1, name: 'Společnost a.s.' })).toBe(10765);
    await c.updateCompany(123456, { persons: [{ person_id: 123456, role: 'dodavatel' }, { person_id: 123457, role: 'jednatel' }] });
    expect(await c.findPersonByExternalId('missing')).toBeNull();
    expect(await c.createPersonOnce({ group_id: 1, external_id: 'abc123' }, { retry: true })).toEqual({ id: 59233, existed: true });
  });
});

describe('UCS error normalisation (pure)', () => {
  it('messageOf reads field maps, strings, {error} and nothing', () => {
    expect(messageOf({ number: 'bad', filter_id: 'worse' })).toBe('number: bad; filter_id: worse');
    expect(messageOf({ error: 'Internal Server Error' })).toBe('Internal Server Error');
    expect(messageOf('plain')).toBe('plain');
    expect(messageOf(null)).toBeUndefined();
  });
  it('a refused read is not_found; a refused write is validation unless it says not found', () => {
    expect(envelopeError('x', 200, null, 'GET').kind).toBe('not_found');
    expect(envelopeError('x', 200, { group_id: 'unknown group' }, 'POST').kind).toBe('validation');
    expect(envelopeError('x', 200, { person_id: 'Person not found' }, 'PATCH').kind).toBe('not_found');
    expect(envelopeError('x', 200, null, 'POST')).toMatchObject({ kind: 'validation', remoteMessage: expect.any(String) });
  });
});
