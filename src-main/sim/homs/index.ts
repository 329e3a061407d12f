/**
 * HOMS (Hydra OMS / "BPM orders") simulator — seed 001 + digest bpm-orders.md.
 * Auth: HTTP Basic (user e-mail + API token). Errors: bare 400/401/404, 422 with field errors.
 */
import { z } from 'zod';
import { homs as H, OverlayCollection } from '../generator/index';
import { bodyJson, empty, header, intParam, json, PARSE_ERROR, Router, type Ctx, type Json, type Reply } from '../http';
import type { SimState, SystemModule } from '../state';

export const HOMS_CREDENTIALS = { email: 'dockside@dockside.example', apiToken: 'homs-demo-token-2f7c' };
/** every demo user gets token "homs-token-<local part>"; the integration user has the one above */
function tokenFor(email: string): string {
  return email === HOMS_CREDENTIALS.email ? HOMS_CREDENTIALS.apiToken : `homs-token-${email.split('@')[0]}`;
}

const STATES = ['to_execute', 'in_progress', 'done'] as const;

const OrderFields = z.object({
  code: z.string().optional(),
  order_type_code: z.string().optional(),
  ext_code: z.string().nullable().optional(),
  bp_id: z.string().nullable().optional(),
  bp_state: z.string().nullable().optional(),
  state: z.string().optional(),
  done_at: z.string().nullable().optional(),
  archived: z.boolean().optional(),
  data: z.record(z.string(), z.unknown()).or(z.array(z.unknown())).optional(),
  user_email: z.string().nullable().optional(),
  estimated_exec_date: z.string().nullable().optional(),
});
const OrderBody = z.object({ order: OrderFields });

const UserFields = z.object({
  email: z.string().optional(),
  name: z.string().nullable().optional(),
  middle_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  role: z.string().optional(),
  company: z.string().nullable().optional(),
  department: z.string().nullable().optional(),
  password: z.string().optional(),
  external: z.boolean().optional(),
  blocked: z.boolean().optional(),
});
const UserBody = z.object({ user: UserFields });

function orderOut(o: Json): Json {
  return {
    id: o.id,
    code: o.code,
    ext_code: o.ext_code ?? null,
    bp_id: o.bp_id ?? null,
    bp_state: o.bp_state ?? null,
    state: o.state,
    archived: o.archived ?? false,
    data: o.data,
    done_at: o.done_at ?? null,
    order_type_code: o.order_type_code,
    user_email: o.user_email ?? null,
  };
}

function userOut(u: Json): Json {
  return { email: u.email, name: u.name ?? null, middle_name: u.middle_name ?? null, last_name: u.last_name ?? null, company: u.company ?? null, department: u.department ?? null, role: u.role ?? 'user' };
}

export function createHoms(state: SimState): SystemModule {
  const ds = state.ds;
  const orders = new OverlayCollection<Json>({
    baseCount: ds.homs.orders.count,
    gen: (i) => ds.homs.orders.get(i),
    indexOf: (code) => H.homsIndexFromCode(code),
  });
  const users = new Map<string, Json>(ds.homs.users.map((u: Json) => [u.email.toLowerCase(), { ...u }]));
  const usersCreated: string[] = [];
  const usersUpdated = new Set<string>();
  const usersDeleted: string[] = [];
  const r = new Router();

  const unprocessable = (errors: Record<string, string[]>): Reply => json(422, errors);

  const filterData = (type: string, data: Json): Json => {
    const fields = H.HOMS_ORDER_TYPES[type];
    if (!data || Array.isArray(data)) return {};
    if (!fields) return { ...data };
    return Object.fromEntries(Object.entries(data).filter(([k]) => fields.includes(k)));
  };

  r.get('/api/orders', (ctx) => {
    const size = intParam(ctx.query.get('page_size'), 25, 1, 1000);
    const page = intParam(ctx.query.get('page'), 1, 1);
    return json(200, { orders: orders.listDesc((page - 1) * size, size).map(orderOut) });
  });

  r.get('/api/orders/:code', (ctx) => {
    const o = orders.get(ctx.params.code as string);
    return o ? json(200, { order: orderOut(o) }) : empty(404);
  });

  r.post('/api/orders', (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return empty(400);
    const v = OrderBody.safeParse(b);
    if (!v.success) return (b as Json)?.order === undefined ? empty(400) : unprocessable({ base: v.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) });
    const o = v.data.order;
    if (!o.order_type_code) return unprocessable({ order_type: ['must exist'] });
    if (!(o.order_type_code in H.HOMS_ORDER_TYPES)) return empty(404);
    if (o.user_email && !users.has(o.user_email.toLowerCase())) return empty(404);
    if (o.state && !STATES.includes(o.state as (typeof STATES)[number])) return unprocessable({ state: ['is not included in the list'] });
    const created = orders.create((i) => {
      const base = H.homsEmptyData(o.order_type_code as string);
      const data = Array.isArray(base) ? base : { ...base, ...filterData(o.order_type_code as string, o.data) };
      return orderOut({
        id: i + 1,
        code: `ORD-${i + 1}`,
        ext_code: o.ext_code ?? null,
        bp_id: o.bp_id ?? null,
        bp_state: o.bp_state ?? null,
        state: o.state ?? 'to_execute',
        archived: o.archived ?? false,
        data,
        done_at: o.done_at ?? null,
        order_type_code: o.order_type_code,
        user_email: o.user_email ?? null,
      });
    });
    return json(201, { order: created });
  });

  r.put('/api/orders/:code', (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR || (b as Json)?.order === undefined) return empty(400);
    const v = OrderBody.safeParse(b);
    if (!v.success) return unprocessable({ base: v.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) });
    const p = v.data.order;
    const code = ctx.params.code as string;
    if (!orders.has(code)) return empty(404);
    if (p.order_type_code !== undefined && !(p.order_type_code in H.HOMS_ORDER_TYPES)) return empty(404);
    if (p.user_email && !users.has(p.user_email.toLowerCase())) return empty(404);
    if (p.state !== undefined && !STATES.includes(p.state as (typeof STATES)[number])) return unprocessable({ state: ['is not included in the list'] });
    const updated = orders.update(code, (o) => {
      // a different order_type_code re-initialises data to the new type's field set (all null)
      if (p.order_type_code !== undefined && p.order_type_code !== o.order_type_code) {
        o.order_type_code = p.order_type_code;
        o.data = H.homsEmptyData(p.order_type_code);
      }
      for (const k of ['ext_code', 'bp_id', 'bp_state', 'state', 'done_at', 'archived', 'user_email'] as const) {
        if (p[k] !== undefined) o[k] = p[k];
      }
      if (p.data !== undefined && !Array.isArray(o.data)) o.data = { ...o.data, ...filterData(o.order_type_code, p.data) };
      return orderOut(o);
    });
    return json(200, { order: updated });
  });

  r.delete('/api/orders/:code', (ctx) => (orders.remove(ctx.params.code as string) ? empty(204) : empty(404)));

  // ------------------------------------------------------------ users
  r.get('/api/users', (ctx) => {
    const size = intParam(ctx.query.get('page_size'), 25, 1, 1000);
    const page = intParam(ctx.query.get('page'), 1, 1);
    return json(200, { users: [...users.values()].slice((page - 1) * size, page * size).map(userOut) });
  });
  r.get('/api/users/:email', (ctx) => {
    const u = users.get((ctx.params.email as string).toLowerCase());
    return u ? json(200, { user: userOut(u) }) : empty(404);
  });
  r.post('/api/users', (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR || (b as Json)?.user === undefined) return empty(400);
    const v = UserBody.safeParse(b);
    if (!v.success) return unprocessable({ base: v.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) });
    const u = v.data.user;
    const errors: Record<string, string[]> = {};
    if (!u.email) errors.email = ["can't be blank"];
    else if (users.has(u.email.toLowerCase())) errors.email = ['has already been taken'];
    if (!u.name) errors.name = ["can't be blank"];
    if (!u.last_name) errors.last_name = ["can't be blank"];
    if (u.role && !['user', 'vip', 'admin'].includes(u.role)) errors.role = ['is not included in the list'];
    if (Object.keys(errors).length) return unprocessable(errors);
    const rec = { ...u, role: u.role ?? 'user' };
    users.set((u.email as string).toLowerCase(), rec);
    usersCreated.push(u.email as string);
    return json(201, { user: userOut(rec) });
  });
  r.put('/api/users/:email', (ctx) => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR || (b as Json)?.user === undefined) return empty(400);
    const v = UserBody.safeParse(b);
    if (!v.success) return unprocessable({ base: v.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) });
    const key = (ctx.params.email as string).toLowerCase();
    const u = users.get(key);
    if (!u) return empty(404);
    const p = v.data.user;
    if (p.role && !['user', 'vip', 'admin'].includes(p.role)) return unprocessable({ role: ['is not included in the list'] });
    for (const k of ['name', 'middle_name', 'last_name', 'role', 'company', 'department', 'external', 'blocked'] as const) if (p[k] !== undefined) u[k] = p[k];
    usersUpdated.add(u.email);
    return json(200, { user: userOut(u) });
  });
  r.delete('/api/users/:email', (ctx) => {
    const key = (ctx.params.email as string).toLowerCase();
    const u = users.get(key);
    if (!u) return empty(404);
    users.delete(key);
    usersDeleted.push(u.email);
    return empty(204);
  });

  const unauthorized = (): Reply => empty(401, { 'WWW-Authenticate': 'Basic realm="Latera OMS"' });

  return {
    name: 'homs',
    prefix: '/homs',
    router: r,
    hasTokens: false,
    credentials: HOMS_CREDENTIALS,
    authenticate(ctx: Ctx) {
      const h = header(ctx, 'authorization');
      const m = h ? /^Basic\s+(.+)$/i.exec(h) : null;
      if (!m) return unauthorized();
      const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      if (sep < 0) return unauthorized();
      const email = decoded.slice(0, sep);
      const token = decoded.slice(sep + 1);
      const u = users.get(email.toLowerCase());
      if (!u || u.blocked || token !== tokenFor(u.email)) return unauthorized();
      ctx.principal = u.email;
      return null;
    },
    errorReply(status: number) {
      return status === 401 ? unauthorized() : empty(status);
    },
    expireTokens() {},
    snapshot() {
      const ch = orders.changes();
      return {
        orders: { count: orders.size, created: ch.created, updated: ch.updated, deleted: ch.deleted },
        users: { count: users.size, all: [...users.values()].map(userOut), created: usersCreated, updated: [...usersUpdated], deleted: usersDeleted },
      };
    },
  };
}
