/**
 * UCS (INSOFT call-center / PBX) REST API v1.0 simulator — seed 003 + digest ucs.md.
 * Auth: OAuth2 client_credentials at /login/oauth2/token, then `Authorization: Bearer`.
 * Expected errors: HTTP 200 `{success:false, data:{field: message}}`; OAuth errors 400/401.
 * Also: simulated calls (ring / answer / hang up) driven through the control API.
 */
import { z } from 'zod';
import { indexFromUuid, OverlayCollection, ucs as U } from '../../../src-main/core/demo/index';
import { bodyForm, bodyJson, header, intParam, json, PARSE_ERROR, Router, type Ctx, type Json, type Reply } from '../http';
import { TokenStore, type SimState, type SystemModule } from '../state';
import { FIXTURE_CALLS, FIXTURE_COMPANIES, FIXTURE_PERSONS } from './fixtures';

export const UCS_CREDENTIALS = { client_id: 'dockside-api', client_secret: 'ucs-demo-secret-7d41', grant_type: 'client_credentials' as const };
const ERROR_URI = 'https://www.oauth.com/oauth2-servers/access-tokens';
const API = '/api/v1.0';

export interface SimCall {
  uniqueid: string;
  number: string;
  queueId: number;
  state: 'ringing' | 'talking' | 'ended';
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  agentUserId: number | null;
  personId: number | null;
  screenPop: { url: string; status: number | null; error: string | null; at: string } | null;
}

export interface UcsSystem extends SystemModule {
  ring(number: string, queue: string | number, opts?: { name?: string }): Promise<SimCall | { error: string }>;
  answer(uniqueid: string, agent?: number | string): SimCall | { error: string };
  hangup(uniqueid: string): SimCall | { error: string };
  calls(): SimCall[];
}

const ContactSchema = z.object({ id: z.number().int().optional(), type: z.number().int().min(0).max(3), contact: z.string(), label: z.string().nullable().optional() });
const PersonSchema = z.looseObject({
  group_id: z.number().int().optional(),
  displayname: z.string().nullable().optional(),
  firstname: z.string().nullable().optional(),
  lastname: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  external_id: z.string().nullable().optional(),
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  contacts: z.array(ContactSchema).optional(),
});
const CompanySchema = z.looseObject({
  group_id: z.number().int().optional(),
  name: z.string().nullable().optional(),
  external_id: z.string().nullable().optional(),
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  persons: z.array(z.object({ person_id: z.number().int(), role: z.string().nullable().optional() })).optional(),
});
const MembershipSchema = z.array(
  z.object({
    id: z.number().int().optional(),
    external_id: z.string().optional(),
    queues: z.array(z.object({ id: z.number().int(), priority: z.number().int().optional(), suspended: z.boolean().optional() })),
  }),
);

function normalisePhone(s: string): string {
  let d = s.replace(/[^\d+]/g, '');
  if (d.startsWith('00')) d = `+${d.slice(2)}`;
  if (!d.startsWith('+')) {
    if (/^0[1-9]/.test(d) && d.length === 10) d = `+420${d.slice(1)}`;
    else if (d.length === 9) d = `+420${d}`;
  }
  return d;
}

export function createUcs(state: SimState): UcsSystem {
  const ds = state.ds;
  const seed = state.seed;
  const tokens = new TokenStore(() => state.now());
  const r = new Router();

  const groups: Json[] = ds.ucs.groups;
  const roles: Json[] = ds.ucs.roles;
  const teams: Json[] = ds.ucs.teams;
  const queues: Json[] = ds.ucs.queues.slice(0, ds.ucs.queues.count);
  const users = new Map<number, Json>(ds.ucs.users.map((u: Json) => [u.id, u]));
  const usersTouched = new Set<number>();
  const usersDeleted: number[] = [];
  let nextUserId = 100;
  const memberships = new Map<number, Json[]>(ds.ucs.memberships.map((m: Json) => [m.id, m.queues]));
  const shared: Record<string, Json> = ds.ucs.shared;
  const sharedTouched = new Set<string>();
  const metadataOverlay = new Map<string, Json>();
  const simCalls = new Map<string, SimCall>();
  const cdrOverlay = new Map<string, Json>();
  let callCounter = ds.counts.calls + 1000;
  let nextContactId = U.UCS_CONTACT_ID_BASE + ds.counts.persons * 8 + 100;

  // fixtures (the seed's example records) sit in the first created slots under their documented ids
  const fixturePersonIdx = new Map<number, number>();
  const fixtureCompanyIdx = new Map<number, number>();
  const numericIndex = (fixtures: Map<number, number>, base: number) => (id: string) => {
    if (!/^\d+$/.test(id)) return null;
    const n = Number(id);
    const f = fixtures.get(n);
    if (f !== undefined) return f;
    return n >= base ? n - base : null;
  };
  const persons = new OverlayCollection<Json>({ baseCount: ds.counts.persons, gen: (i) => ds.ucs.persons.get(i), indexOf: numericIndex(fixturePersonIdx, U.UCS_PERSON_ID_BASE) });
  const companies = new OverlayCollection<Json>({ baseCount: ds.counts.companies, gen: (i) => ds.ucs.companies.get(i), indexOf: numericIndex(fixtureCompanyIdx, U.UCS_COMPANY_ID_BASE) });
  for (const f of FIXTURE_PERSONS) persons.create((i) => (fixturePersonIdx.set(f.id, i), structuredClone(f)));
  for (const f of FIXTURE_COMPANIES) companies.create((i) => (fixtureCompanyIdx.set(f.id, i), structuredClone(f)));
  const fixtureCalls = new Map<string, Json>(FIXTURE_CALLS.map((c) => [c.uniqueid, c]));
  const isFixture = (e: Json): boolean => fixturePersonIdx.has(e.id) || fixtureCompanyIdx.has(e.id);
  // external_id → index for persons/companies whose external id was set or changed through the API
  const personExt = new Map<string, number>(FIXTURE_PERSONS.map((f) => [f.external_id, fixturePersonIdx.get(f.id) as number]));
  const companyExt = new Map<string, number>(FIXTURE_COMPANIES.map((f) => [f.external_id, fixtureCompanyIdx.get(f.id) as number]));

  const teamCallUrl = (): void => {
    for (const t of teams) if (state.config.screenPopUrl) t.tasks = { ...t.tasks, call: 1, call_url: state.config.screenPopUrl };
  };
  teamCallUrl();

  const ok = (data: unknown, extra: Json = {}): Reply => json(200, { success: true, data, ...extra });
  const fail = (data: Json): Reply => json(200, { success: false, data });
  const oauthErr = (status: number, error: string, description: string): Reply => json(status, { error, error_description: description, error_uri: ERROR_URI });

  // ------------------------------------------------------------ OAuth
  r.post(
    '/login/oauth2/token',
    (ctx) => {
      let b = bodyJson(ctx) as Json;
      if (b === PARSE_ERROR || b === undefined) {
        const f = bodyForm(ctx);
        b = f.has('grant_type') || f.has('client_id') ? Object.fromEntries(f) : b;
      }
      if (b === PARSE_ERROR || !b || typeof b !== 'object') return oauthErr(400, 'invalid_request', 'The request body must be a JSON object');
      if (b.grant_type !== 'client_credentials') return oauthErr(400, 'invalid_request', 'We support only "client_credentials" grant type');
      if (b.client_id !== UCS_CREDENTIALS.client_id || b.client_secret !== UCS_CREDENTIALS.client_secret) return oauthErr(401, 'invalid_client', 'Invalid username or password');
      // the seed's example answers "3610" with the server's expires = 3600: the server adds 10 s
      const ttl = state.config.tokenTtlSeconds + 10;
      const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
      let tok = '';
      const rnd = new Uint8Array(52);
      crypto.getRandomValues(rnd);
      for (const x of rnd) tok += alnum[x % alnum.length];
      tokens.issue(String(b.client_id), ttl, tok);
      return json(200, { access_token: tok, token_type: 'Bearer', expires_in: String(ttl) });
    },
    { public: true },
  );

  // ------------------------------------------------------------ status & enumerations
  const liveQueue = (q: Json): Json => {
    const inQ = [...simCalls.values()].filter((c) => c.queueId === q.id && c.state !== 'ended');
    const now = state.now();
    return {
      ...q,
      callers_waiting: inQ.filter((c) => c.state === 'ringing').length,
      callers_ringing: inQ.filter((c) => c.state === 'ringing' && c.agentUserId !== null).length,
      callers_talking: inQ.filter((c) => c.state === 'talking').length,
      agents_talking: inQ.filter((c) => c.state === 'talking').length,
      callers: inQ.map((c) => ({
        uniqueid: c.uniqueid,
        number: c.number,
        name: c.personId !== null ? (persons.get(String(c.personId))?.displayname ?? '') : '',
        person_id: c.personId,
        state: c.state === 'ringing' ? 'waiting' : 'talking',
        agent_id: c.agentUserId,
        entered: c.startedAt / 1000,
        wait_time: Math.round(((c.answeredAt ?? now) - c.startedAt) / 1000),
      })),
    };
  };
  r.get(`${API}/status`, () => json(200, ds.ucs.status));
  r.get(`${API}/queues`, () => ok(queues.map(liveQueue)));
  r.get(`${API}/groups`, () => ok(groups));
  r.get(`${API}/roles`, () => ok(roles));
  r.get(`${API}/teams`, () => ok(teams));

  // ------------------------------------------------------------ calls & metadata
  const baseCall = (uid: string): Json | null => {
    const fx = fixtureCalls.get(uid);
    if (fx) return structuredClone(fx);
    const k = U.callIndexFromUniqueId(uid);
    if (k === null || k >= ds.counts.calls) return null;
    return ds.ucs.calls.get(k).cdr;
  };
  const getCdr = (uid: string): Json | null => {
    const o = cdrOverlay.get(uid);
    if (o) return structuredClone(o);
    return baseCall(uid);
  };
  const getMetadata = (uid: string): Json | null => {
    if (metadataOverlay.has(uid)) return structuredClone(metadataOverlay.get(uid));
    const c = getCdr(uid);
    return c ? structuredClone(c.metadata ?? {}) : null;
  };
  r.get(`${API}/call/:uniqueid`, (ctx) => {
    const c = getCdr(ctx.params.uniqueid as string);
    if (!c) return fail({ uniqueid: 'Call not found' });
    c.metadata = getMetadata(c.uniqueid);
    return ok(c);
  });
  r.get(`${API}/metadata/:uniqueid`, (ctx) => {
    const m = getMetadata(ctx.params.uniqueid as string);
    return m ? ok(m) : fail({ uniqueid: 'Call not found' });
  });
  r.post(`${API}/metadata/:uniqueid`, (ctx) => {
    const uid = ctx.params.uniqueid as string;
    const cur = getMetadata(uid);
    if (!cur) return fail({ uniqueid: 'Call not found' });
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR || !b || typeof b !== 'object' || Array.isArray(b)) return fail({ metadata: 'payload must be a JSON object' });
    // differential merge: keys sent are created/overwritten, omitted keys stay, null deletes
    for (const [k, v] of Object.entries(b as Json)) {
      if (v === null) delete cur[k];
      else cur[k] = v;
    }
    metadataOverlay.set(uid, cur);
    return ok(cur);
  });

  // ------------------------------------------------------------ shared data
  r.get(`${API}/shared/:id`, (ctx) => {
    const v = shared[ctx.params.id as string];
    return v === undefined ? fail({ identificator: 'Unknown identificator' }) : ok(v);
  });
  r.post(`${API}/shared/:id`, (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR || b === undefined) return fail({ data: 'payload must be JSON' });
    shared[ctx.params.id as string] = b;
    sharedTouched.add(ctx.params.id as string);
    return ok(null);
  });

  // ------------------------------------------------------------ users
  const userByRef = (ctx: Ctx): Json | undefined => {
    if (ctx.params.external_id !== undefined) return [...users.values()].find((u) => u.external_id === ctx.params.external_id);
    return /^\d+$/.test(ctx.params.user_id as string) ? users.get(Number(ctx.params.user_id)) : undefined;
  };
  const validateUser = (b: Json, creating: boolean): Record<string, string> => {
    const e: Record<string, string> = {};
    if (creating && !b.username) e.username = 'required attribute';
    if (creating && b.group_id === undefined) e.group_id = 'required attribute';
    if (b.username !== undefined && [...users.values()].some((u) => String(u.username).toLowerCase() === String(b.username).toLowerCase() && u.id !== b.id)) e.username = 'already exists';
    for (const k of ['group_id', 'role_id', 'team_id', 'filter_id', 'primary_extension', 'wssip_device_id']) {
      if (b[k] !== undefined && b[k] !== null && !Number.isInteger(b[k])) e[k] = 'value must be integer number';
    }
    if (b.group_id !== undefined && Number.isInteger(b.group_id) && !groups.some((g) => g.id === b.group_id)) e.group_id = 'unknown group';
    if (b.role_id != null && Number.isInteger(b.role_id) && !roles.some((x) => x.id === b.role_id)) e.role_id = 'unknown role';
    if (b.team_id != null && Number.isInteger(b.team_id) && !teams.some((x) => x.id === b.team_id) && b.team_id !== 1) e.team_id = 'unknown team';
    for (const k of ['number', 'clid_number']) {
      if (typeof b[k] === 'string') {
        const bad = /[^0-9+*#\s]/.exec(b[k]);
        if (bad) e[k] = `contain invalid character (invalid character "${bad[0]}")`;
      }
    }
    if (b.locale !== undefined && !['cs_CZ', 'en_US', 'sk_SK'].includes(b.locale)) e.locale = 'unknown locale';
    for (const k of ['active', 'public', 'certificate']) if (b[k] !== undefined && typeof b[k] !== 'boolean') e[k] = 'value must be boolean';
    return e;
  };
  const publicUser = (u: Json): Json => {
    const { password: _p, ...rest } = u;
    return rest;
  };
  r.get(`${API}/users`, () => ok([...users.values()].map((u) => ({ id: u.id, name: u.displayname ?? u.username, external_id: u.external_id ?? null }))));
  for (const ref of ['/user/:user_id', '/user/external/:external_id']) {
    r.get(`${API}${ref}`, (ctx) => {
      const u = userByRef(ctx);
      return u ? ok(publicUser(u)) : fail({ id: 'User not found' });
    });
    r.patch(`${API}${ref}`, (ctx) => {
      const u = userByRef(ctx);
      if (!u) return fail({ id: 'User not found' });
      const b = bodyJson(ctx);
      if (b === PARSE_ERROR || !b || typeof b !== 'object') return fail({ payload: 'invalid JSON' });
      const e = validateUser({ ...(b as Json), id: u.id }, false);
      if (Object.keys(e).length) return fail(e); // one bad attribute blocks the whole update
      const { id: _ignore, ...rest } = b as Json;
      Object.assign(u, rest);
      if (rest.firstname !== undefined || rest.lastname !== undefined) u.displayname = [u.firstname, u.lastname].filter((x) => x && x !== 'null').join(' ') || u.username;
      usersTouched.add(u.id);
      return ok(null);
    });
    r.delete(`${API}${ref}`, (ctx) => {
      const u = userByRef(ctx);
      if (!u) return fail({ id: 'User not found' });
      users.delete(u.id);
      memberships.delete(u.id);
      usersDeleted.push(u.id);
      return ok(null);
    });
  }
  r.post(`${API}/user`, (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR || !b || typeof b !== 'object') return fail({ payload: 'invalid JSON' });
    const e = validateUser(b as Json, true);
    if (Object.keys(e).length) return fail(e);
    const id = nextUserId++;
    const bb = b as Json;
    users.set(id, { id, active: true, external_id: null, role_id: null, team_id: null, locale: 'cs_CZ', firstname: null, lastname: null, public: true, data: {}, ...bb, displayname: bb.displayname ?? ([bb.firstname, bb.lastname].filter(Boolean).join(' ') || bb.username) });
    usersTouched.add(id);
    return ok(id);
  });

  // ------------------------------------------------------------ agent queue membership
  const queueDef = (id: number): Json | undefined => queues.find((q) => q.id === id);
  r.get(`${API}/queues/agents`, () =>
    ok(
      [...users.values()]
        .filter((u) => memberships.has(u.id))
        .map((u) => ({ id: u.id, name: u.displayname ?? u.username, external_id: u.external_id ?? null, queues: structuredClone(memberships.get(u.id)) })),
    ),
  );
  r.post(`${API}/queues/agents`, (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return fail({ payload: 'invalid JSON' });
    const v = MembershipSchema.safeParse(b);
    if (!v.success) return fail(Object.fromEntries(v.error.issues.map((i) => [i.path.join('.') || 'payload', i.message])));
    const results: Json[] = [];
    for (const a of v.data) {
      const key = a.id !== undefined ? { id: a.id } : { external_id: a.external_id };
      const u = a.id !== undefined ? users.get(a.id) : [...users.values()].find((x) => x.external_id === a.external_id);
      if (!u) {
        results.push({ ...key, success: false, error: a.id !== undefined ? 'Unknown agent id' : 'Unknown agent external_id', queues: [] });
        continue;
      }
      const cur: Json[] = memberships.get(u.id) ?? [];
      const next: Json[] = [];
      const qres: Json[] = [];
      const team = teams.find((t) => t.id === u.team_id);
      for (const q of a.queues) {
        const def = queueDef(q.id);
        if (!def) {
          qres.push({ id: q.id, success: false, message: 'Unknown queue id', error: 'Unknown queue id' });
          continue;
        }
        if (q.priority !== undefined && (q.priority < 1 || q.priority > 100)) {
          qres.push({ id: q.id, success: false, message: 'priority must be between 1 and 100', error: 'priority must be between 1 and 100' });
          const keep = cur.find((m) => m.id === q.id);
          if (keep) next.push(keep);
          continue;
        }
        const existing = cur.find((m) => m.id === q.id);
        if (!existing) {
          next.push({ id: q.id, type: def.type, priority: q.priority ?? team?.default_inbound_priority ?? 100, suspended: q.suspended ?? false });
          qres.push({ id: q.id, success: true, message: 'Agent added into queue' });
          continue;
        }
        const changed = (q.priority !== undefined && q.priority !== existing.priority) || (q.suspended !== undefined && q.suspended !== existing.suspended);
        next.push({ ...existing, priority: q.priority ?? existing.priority, suspended: q.suspended ?? existing.suspended });
        qres.push({ id: q.id, success: true, message: changed ? 'Agent membership updated' : 'Nothing to change' });
      }
      for (const m of cur) {
        if (!a.queues.some((q) => q.id === m.id)) qres.push({ id: m.id, success: true, message: 'Agent removed from queue' });
      }
      memberships.set(u.id, next);
      usersTouched.add(u.id);
      results.push({ ...key, success: true, queues: qres });
    }
    return ok(results);
  });

  // ------------------------------------------------------------ µCRM persons
  const listLimit = (ctx: Ctx): { limit: number; offset: number } => ({ limit: intParam(ctx.query.get('limit'), 10_000, 0, 10_000), offset: intParam(ctx.query.get('offset'), 0, 0) });
  r.get(`${API}/crm/persons`, (ctx) => {
    const { limit, offset } = listLimit(ctx);
    const page = persons.list(offset, limit).map((p) => ({ id: p.id, group_id: p.group_id, displayname: p.displayname, firstname: p.firstname, lastname: p.lastname, external_id: p.external_id }));
    return ok(page, { total: persons.size });
  });
  const personByExt = (ext: string): Json | undefined => {
    const touched = personExt.get(ext);
    if (touched !== undefined) {
      const p = persons.getAt(touched);
      return p && p.external_id === ext ? p : undefined;
    }
    const i = indexFromUuid(seed, 'contact', ext);
    if (i === null) return undefined;
    const p = persons.getAt(i);
    return p && p.external_id === ext ? p : undefined;
  };
  r.get(`${API}/crm/person/external/:external_id`, (ctx) => {
    const p = personByExt(ctx.params.external_id as string);
    return p ? ok(p) : fail({ external_id: 'Person not found' });
  });
  r.get(`${API}/crm/person/:person_id`, (ctx) => {
    const p = persons.get(ctx.params.person_id as string);
    return p ? ok(p) : fail({ person_id: 'Person not found' });
  });
  const contactErrors = (contacts: Json[] | undefined): Record<string, string> => {
    const e: Record<string, string> = {};
    (contacts ?? []).forEach((c, k) => {
      if (c.type === 1 && /[^0-9+()\s/-]/.test(c.contact)) e[`contacts.${k}.contact`] = `contain invalid character (invalid character "${/[^0-9+()\s/-]/.exec(c.contact)![0]}")`;
      if (c.type === 2 && !/^[^@\s]+@[^@\s]+$/.test(c.contact)) e[`contacts.${k}.contact`] = 'invalid e-mail address';
    });
    return e;
  };
  const withContactIds = (contacts: Json[]): Json[] => contacts.map((c) => ({ id: nextContactId++, type: c.type, contact: c.contact, label: c.label ?? '' }));
  r.post(`${API}/crm/person`, (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return fail({ payload: 'invalid JSON' });
    const v = PersonSchema.safeParse(b);
    if (!v.success) return fail(Object.fromEntries(v.error.issues.map((i) => [i.path.join('.') || 'payload', i.message])));
    const p = v.data;
    const e: Record<string, string> = contactErrors(p.contacts);
    if (p.group_id === undefined) e.group_id = 'required attribute';
    else if (!groups.some((g) => g.id === p.group_id)) e.group_id = 'unknown group';
    if (p.external_id && personByExt(p.external_id)) e.external_id = 'already exists';
    if (Object.keys(e).length) return fail(e);
    const created = persons.create((i) => ({
      id: U.UCS_PERSON_ID_BASE + i,
      group_id: p.group_id,
      displayname: p.displayname ?? ([p.firstname, p.lastname].filter(Boolean).join(' ') || null),
      firstname: p.firstname ?? null,
      lastname: p.lastname ?? null,
      note: p.note ?? null,
      external_id: p.external_id ?? null,
      data: p.data ?? {},
      contacts: withContactIds(p.contacts ?? []),
      interactions: [],
      companies: [],
      tasks: [],
    }));
    if (created.external_id) personExt.set(created.external_id, created.id - U.UCS_PERSON_ID_BASE);
    return ok(created.id);
  });
  r.patch(`${API}/crm/person/:person_id`, (ctx) => {
    const id = ctx.params.person_id as string;
    if (!persons.has(id)) return fail({ person_id: 'Person not found' });
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return fail({ payload: 'invalid JSON' });
    const v = PersonSchema.safeParse(b);
    if (!v.success) return fail(Object.fromEntries(v.error.issues.map((i) => [i.path.join('.') || 'payload', i.message])));
    const p = v.data as Json;
    const e = contactErrors(p.contacts);
    if (p.group_id !== undefined && !groups.some((g) => g.id === p.group_id)) e.group_id = 'unknown group';
    if (p.external_id) {
      const other = personByExt(p.external_id);
      if (other && String(other.id) !== id) e.external_id = 'already exists';
    }
    if (Object.keys(e).length) return fail(e);
    persons.update(id, (x) => {
      for (const k of ['group_id', 'displayname', 'firstname', 'lastname', 'note', 'external_id', 'data']) if (p[k] !== undefined) x[k] = p[k];
      // contacts, when sent, replace the whole list
      if (p.contacts !== undefined) x.contacts = withContactIds(p.contacts);
      if (p.external_id) personExt.set(p.external_id, Number(id) - U.UCS_PERSON_ID_BASE);
    });
    return ok(null);
  });
  r.delete(`${API}/crm/person/:person_id`, (ctx) => (persons.remove(ctx.params.person_id as string) ? ok(null) : fail({ person_id: 'Person not found' })));

  // ------------------------------------------------------------ µCRM companies
  r.get(`${API}/crm/companies`, (ctx) => {
    const { limit, offset } = listLimit(ctx);
    const page = companies.list(offset, limit).map((c) => ({ id: c.id, group_id: c.group_id, name: c.name, external_id: c.external_id }));
    return ok(page, { total: companies.size });
  });
  const companyByExt = (ext: string): Json | undefined => {
    const touched = companyExt.get(ext);
    const i = touched ?? indexFromUuid(seed, 'organisation', ext);
    if (i === null || i === undefined) return undefined;
    const c = companies.getAt(i);
    return c && c.external_id === ext ? c : undefined;
  };
  r.get(`${API}/crm/company/external/:external_id`, (ctx) => {
    const c = companyByExt(ctx.params.external_id as string);
    return c ? ok(c) : fail({ external_id: 'Company not found' });
  });
  r.get(`${API}/crm/company/:company_id`, (ctx) => {
    const c = companies.get(ctx.params.company_id as string);
    return c ? ok(c) : fail({ company_id: 'Company not found' });
  });
  const linkPersons = (companyId: number, before: Json[], after: Json[]): void => {
    for (const pp of before) if (!after.some((a) => a.person_id === pp.person_id)) persons.update(String(pp.person_id), (x) => void (x.companies = (x.companies ?? []).filter((c: Json) => c.company_id !== companyId)));
    for (const pp of after)
      persons.update(String(pp.person_id), (x) => {
        x.companies = [...(x.companies ?? []).filter((c: Json) => c.company_id !== companyId), { company_id: companyId, role: pp.role ?? null }];
      });
  };
  const personErrors = (list: Json[] | undefined): Record<string, string> => {
    const e: Record<string, string> = {};
    (list ?? []).forEach((pp, k) => {
      if (!persons.has(String(pp.person_id))) e[`persons.${k}.person_id`] = 'Person not found';
    });
    return e;
  };
  r.post(`${API}/crm/company`, (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return fail({ payload: 'invalid JSON' });
    const v = CompanySchema.safeParse(b);
    if (!v.success) return fail(Object.fromEntries(v.error.issues.map((i) => [i.path.join('.') || 'payload', i.message])));
    const c = v.data;
    const e = personErrors(c.persons);
    if (c.group_id === undefined) e.group_id = 'required attribute';
    else if (!groups.some((g) => g.id === c.group_id)) e.group_id = 'unknown group';
    if (Object.keys(e).length) return fail(e);
    const created = companies.create((i) => ({ id: U.UCS_COMPANY_ID_BASE + i, group_id: c.group_id, name: c.name ?? null, external_id: c.external_id ?? null, data: c.data ?? {}, persons: (c.persons ?? []).map((p) => ({ person_id: p.person_id, role: p.role ?? null })), tasks: [] }));
    if (created.external_id) companyExt.set(created.external_id, created.id - U.UCS_COMPANY_ID_BASE);
    linkPersons(created.id, [], created.persons);
    return ok(created.id);
  });
  r.patch(`${API}/crm/company/:company_id`, (ctx) => {
    const id = ctx.params.company_id as string;
    const cur = companies.get(id);
    if (!cur) return fail({ company_id: 'Company not found' });
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return fail({ payload: 'invalid JSON' });
    const v = CompanySchema.safeParse(b);
    if (!v.success) return fail(Object.fromEntries(v.error.issues.map((i) => [i.path.join('.') || 'payload', i.message])));
    const c = v.data as Json;
    const e = personErrors(c.persons);
    if (c.group_id !== undefined && !groups.some((g) => g.id === c.group_id)) e.group_id = 'unknown group';
    if (Object.keys(e).length) return fail(e);
    companies.update(id, (x) => {
      for (const k of ['group_id', 'name', 'external_id', 'data']) if (c[k] !== undefined) x[k] = c[k];
      if (c.persons !== undefined) x.persons = c.persons.map((p: Json) => ({ person_id: p.person_id, role: p.role ?? null }));
    });
    if (c.external_id) companyExt.set(c.external_id, Number(id) - U.UCS_COMPANY_ID_BASE);
    if (c.persons !== undefined) linkPersons(cur.id, cur.persons ?? [], c.persons);
    return ok(null);
  });
  r.delete(`${API}/crm/company/:company_id`, (ctx) => (companies.remove(ctx.params.company_id as string) ? ok(null) : fail({ company_id: 'Company not found' })));

  // ------------------------------------------------------------ simulated calls
  let phoneIndex: Map<string, number> | null = null;
  const findPerson = (number: string): number | null => {
    const n = normalisePhone(number);
    for (const [, p] of persons.touched()) if ((p.contacts ?? []).some((c: Json) => c.type === 1 && normalisePhone(c.contact) === n)) return p.id;
    if (ds.counts.persons > 20_000) return null; // large scale: no full phone index in the sim
    if (!phoneIndex) {
      phoneIndex = new Map();
      for (let i = 0; i < ds.counts.persons; i++) for (const ph of ds.persons.get(i).phones) if (!phoneIndex.has(ph.e164)) phoneIndex.set(ph.e164, i);
    }
    const i = phoneIndex.get(n);
    if (i === undefined) return null;
    const p = persons.getAt(i);
    return p ? p.id : null;
  };
  const fmt = U.ucsDate;
  const cdrFor = (c: SimCall): Json => {
    const q = queueDef(c.queueId) as Json;
    const agent = c.agentUserId !== null ? users.get(c.agentUserId) : undefined;
    const end = c.endedAt ?? state.now();
    const talk = c.answeredAt ? Math.round((end - c.answeredAt) / 1000) : 0;
    const path: Json[] = [
      { date: fmt(c.startedAt), type: 1, number: '0222111000', name: 'SIPY' },
      { date: fmt(c.startedAt), type: 10000, number: q.number, name: q.name },
    ];
    if (c.answeredAt && agent) {
      path.push({ date: fmt(c.answeredAt), type: 10711, number: String(agent.primary_extension ?? ''), name: ` ${agent.firstname ?? agent.username}` }, { date: fmt(c.answeredAt), type: 10002, number: String(agent.primary_extension ?? ''), name: `${agent.firstname ?? agent.username} SP` });
    }
    if (c.endedAt) path.push({ date: fmt(c.endedAt), type: 10720, number: c.number, name: '' }, { date: fmt(c.endedAt), type: 10, number: c.number, name: '' });
    return {
      price: 0,
      duration: Math.round((end - c.startedAt) / 1000),
      src_number: c.number,
      src_name: '',
      dst_number: agent ? String(agent.primary_extension ?? '') : q.number,
      dst_name: agent ? ` ${agent.firstname ?? agent.username}` : q.name,
      src_internal: false,
      dst_internal: true,
      calldate: fmt(c.startedAt),
      connected: c.answeredAt ? fmt(c.answeredAt) : null,
      disconnected: c.endedAt ? fmt(c.endedAt) : null,
      src_extension_id: null,
      dst_extension_id: agent?.wssip_device_id ?? null,
      src_user_id: null,
      dst_user_id: agent?.id ?? null,
      src_type: 'trunk',
      dst_type: agent ? 'phone' : 'queue',
      xfer_users: null,
      trunk_id: 1,
      uniqueid: c.uniqueid,
      metadata: getMetadata(c.uniqueid) ?? {},
      src_group_id: 1,
      dst_group_id: q.group_id,
      pilot_number: '0222111000',
      ring_time: Math.round(((c.answeredAt ?? end) - c.startedAt) / 1000),
      talk_time: talk,
      hold_time: 0,
      cause: c.answeredAt ? 16 : 19,
      recording: !!c.answeredAt,
      recording_duration: Math.max(0, talk - 1),
      path,
    };
  };
  const storeCdr = (c: SimCall): void => {
    cdrOverlay.set(c.uniqueid, cdrFor(c));
  };
  const findQueue = (ref: string | number): Json | undefined => queues.find((q) => String(q.id) === String(ref) || q.number === String(ref) || q.name === ref);

  const sys: UcsSystem = {
    name: 'ucs',
    prefix: '/ucs',
    router: r,
    hasTokens: true,
    credentials: UCS_CREDENTIALS,
    authenticate(ctx: Ctx) {
      const h = header(ctx, 'authorization');
      const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
      if (!m) return oauthErr(401, 'invalid_token', 'Missing access token');
      const c = tokens.check(m[1]);
      if (!c.ok) return oauthErr(401, 'invalid_token', c.reason === 'expired' ? 'The access token provided has expired' : 'Invalid access token');
      ctx.principal = c.info.sub;
      return null;
    },
    errorReply(status: number, message: string) {
      if (status === 401) return oauthErr(401, 'invalid_token', message);
      return json(status, { success: false, data: { error: message } });
    },
    expireTokens() {
      tokens.expireAll();
    },
    snapshot() {
      const pc = persons.changes();
      const cc = companies.changes();
      return {
        persons: { count: persons.size, created: pc.created.filter((e) => !isFixture(e)), updated: [...pc.updated, ...pc.created.filter(isFixture).filter((e) => JSON.stringify(e) !== JSON.stringify(FIXTURE_PERSONS.find((f) => f.id === e.id)))], deleted: pc.deleted },
        companies: { count: companies.size, created: cc.created.filter((e) => !isFixture(e)), updated: [...cc.updated, ...cc.created.filter(isFixture).filter((e) => JSON.stringify(e) !== JSON.stringify(FIXTURE_COMPANIES.find((f) => f.id === e.id)))], deleted: cc.deleted },
        users: { all: [...users.values()].map(publicUser), touched: [...usersTouched], deleted: usersDeleted },
        memberships: Object.fromEntries([...memberships].map(([k, v]) => [k, v])),
        metadata: Object.fromEntries(metadataOverlay),
        shared: Object.fromEntries([...sharedTouched].map((k) => [k, shared[k]])),
        calls: [...simCalls.values()],
      };
    },
    async ring(number, queueRef) {
      const q = findQueue(queueRef);
      if (!q) return { error: `Unknown queue ${queueRef}` };
      if (!number) return { error: 'number is required' };
      const now = state.now();
      const uniqueid = `${Math.floor(now / 1000)}.${++callCounter}`;
      const personId = findPerson(number);
      const call: SimCall = { uniqueid, number, queueId: q.id, state: 'ringing', startedAt: now, answeredAt: null, endedAt: null, agentUserId: null, personId, screenPop: null };
      simCalls.set(uniqueid, call);
      metadataOverlay.set(uniqueid, { ucrm_interaction_id: 40000 + callCounter, outbound_id: 0 });
      storeCdr(call);
      const url = state.config.screenPopUrl;
      if (url) {
        const params = { number, uniqueid, queue: String(q.id), queue_name: q.name, queue_number: q.number };
        let target = url.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent((params as Record<string, string>)[k] ?? ''));
        if (target === url) {
          const u = new URL(url);
          for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
          target = u.toString();
        }
        call.screenPop = { url: target, status: null, error: null, at: new Date(now).toISOString() };
        try {
          const res = await fetch(target, { method: 'GET', signal: AbortSignal.timeout(3000) });
          call.screenPop.status = res.status;
          await res.arrayBuffer().catch(() => undefined);
        } catch (e) {
          call.screenPop.error = (e as Error).message;
        }
      }
      return structuredClone(call);
    },
    answer(uniqueid, agent) {
      const c = simCalls.get(uniqueid);
      if (!c) return { error: `Unknown call ${uniqueid}` };
      if (c.state !== 'ringing') return { error: `Call ${uniqueid} is ${c.state}` };
      let u: Json | undefined;
      if (agent !== undefined) u = users.get(Number(agent)) ?? [...users.values()].find((x) => x.external_id === agent || x.username === agent);
      else {
        const ids = [...memberships].filter(([, qs]) => qs.some((m: Json) => m.id === c.queueId && !m.suspended)).map(([id]) => id);
        u = users.get(ids[0] ?? 11);
      }
      if (!u) return { error: `Unknown agent ${agent}` };
      c.state = 'talking';
      c.answeredAt = state.now();
      c.agentUserId = u.id;
      storeCdr(c);
      return structuredClone(c);
    },
    hangup(uniqueid) {
      const c = simCalls.get(uniqueid);
      if (!c) return { error: `Unknown call ${uniqueid}` };
      if (c.state === 'ended') return { error: `Call ${uniqueid} already ended` };
      c.endedAt = Math.max(state.now(), c.startedAt + 1000);
      const q = queueDef(c.queueId);
      if (q) {
        if (c.answeredAt) {
          q.answered++;
          q.talktime += Math.round((c.endedAt - c.answeredAt) / 1000);
          q.last_call_answer = c.answeredAt / 1000;
        } else q.abandoned++;
        q.last_call_enter = c.startedAt / 1000;
      }
      c.state = 'ended';
      storeCdr(c);
      return structuredClone(c);
    },
    calls() {
      return [...simCalls.values()].map((c) => structuredClone(c));
    },
  };
  return sys;
}
