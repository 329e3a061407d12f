/**
 * Afosto API simulator (the parts Dockside uses) — seed 002 + digest afosto.md.
 * Auth: `POST /iam/oauth/authorize` → JWT bearer (`Authorization: Bearer`). Errors:
 * `{code, message, reference, errors: {"invalid value": [], "required": []}}`.
 * Paging: request headers `x-page` / `x-page-size` → response `x-count` (and `x-page`).
 * Async work (labels, slips, allocate, fulfil, cancel) answers with `x-task-id`; poll `/mes/tasks/{id}`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { afosto as A, indexFromUuid, iso, OverlayCollection, orderIndexFromNumber, searchSorted, uuidFor, type Kind } from '../../../src-main/core/demo/index';
import { bodyJson, header, intParam, json, PARSE_ERROR, Router, type Ctx, type Json, type Reply } from '../http';
import { pdfLabel, pdfSlip, zplLabel, type LabelInfo } from '../labels';
import { TokenStore, type SimState, type SystemModule } from '../state';

export const AFOSTO_CREDENTIALS = { client_id: 'dockside-station-1', client_secret: 'afosto-demo-secret-c0ffee', grant_type: 'client_credentials' as const, sub: 'packer-anna' };
const CREATED = 1_000_000_000; // created entities of sparse collections use ids from this index up

// ------------------------------------------------------------------ schemas (bodies the doc defines)
const Constraint = z.object({ key: z.string(), operator: z.string().default('in'), values: z.array(z.unknown()).optional(), value: z.array(z.unknown()).optional() });
const SearchBody = z.object({ constraints: z.array(Constraint).default([]) });
const TokenBody = z.object({ client_id: z.string(), client_secret: z.string().optional(), grant_type: z.string(), scope: z.string().optional(), refresh_token: z.string().optional() });
const ListCreate = z.object({ shipments: z.array(z.object({ id: z.string(), label: z.string().optional() })).min(1), due_at: z.string().optional() });
const ListItemUpdate = z.array(z.object({ id: z.string(), is_handled: z.boolean().optional(), is_serviced: z.boolean().optional(), is_finished: z.boolean().optional(), position: z.string().optional(), lot_number: z.string().optional(), expires_at: z.string().optional() }));
const ListState = z.object({ is_on_hold: z.boolean().optional(), sub: z.string().optional() });
const Correction = z.array(z.object({ sku: z.string(), quantity: z.number().int(), description: z.string().optional(), position: z.string().optional() }));
const Missing = z.array(z.object({ id: z.string(), is_missing: z.boolean() }));
const Addressing = z.object({ entity_type: z.enum(['address', 'location']), entity_id: z.string(), carrier: z.object({ is_carrier_location: z.boolean().optional(), carrier_location_reference: z.string().optional() }).optional() });
const ShipmentCreate = z.object({
  addressing: z.object({ to: Addressing, from: Addressing }),
  is_outbound: z.boolean().optional(),
  type: z.enum(['delivery', 'collect', 'internal']).optional(),
  items: z.array(z.object({ sku: z.string(), reference: z.string().optional(), position: z.string().optional(), quantity: z.number().int().min(1), description: z.string().optional(), hs_code: z.string().optional(), service: z.array(z.unknown()).optional(), references: z.array(z.object({ order_item_id: z.string().optional(), claim_item_id: z.string().optional() })).optional() })).default([]),
  backorders: Correction.optional(),
  overage: Correction.optional(),
  expected_at: z.string().optional(),
  ship_at: z.string().optional(),
  estimated_ship_at: z.string().optional(),
  method_id: z.string().optional(),
  contact_id: z.string().optional(),
  channel_id: z.string().optional(),
  order_id: z.string().optional(),
  prior_shipments: z.array(z.string()).optional(),
});
const ShipmentUpdate = z.object({ type: z.enum(['delivery', 'collect', 'internal']).optional(), method_id: z.string().optional(), addressing: z.object({ to: Addressing.optional(), from: Addressing.optional() }).optional(), prior_shipments: z.array(z.string()).optional(), expected_at: z.string().optional(), ship_at: z.string().optional() });
const ParcelCreate = z.object({ shipment_id: z.string(), weight: z.number().int().min(0).optional(), length: z.number().int().min(0).optional(), width: z.number().int().min(0).optional(), height: z.number().int().min(0).optional(), tracking_code: z.string().optional(), tracking_url: z.string().optional(), item_ids: z.array(z.string()).optional() });
const ParcelUpdate = z.object({ weight: z.number().int().min(0).optional(), length: z.number().int().min(0).optional(), width: z.number().int().min(0).optional(), height: z.number().int().min(0).optional(), ship_at: z.string().optional(), tracking_code: z.string().optional(), tracking_url: z.string().optional(), position: z.string().optional() });
const Ids = z.object({ ids: z.array(z.string()) });
const PrinterModel = z.object({ name: z.string(), hub_id: z.string(), default_encoding: z.enum(['escpos', 'zpl', 'pcl']).default('escpos'), timezone: z.string().optional(), connection: z.object({ interface: z.enum(['usb', 'ethernet']), address: z.string() }), settings: z.record(z.string(), z.unknown()).optional() });
const JobModel = z.object({ job: z.string(), tag: z.string().optional(), description: z.string().optional(), reference: z.string().optional(), hub_id: z.string(), schedule_at: z.string().optional() });
const JobStatus = z.object({ status: z.enum(['scheduled', 'pending', 'received', 'printed', 'success', 'failed', 'cancelled']), changed_at: z.string().optional() });
const StockPut = z.object({ location_id: z.string(), items: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(0), position: z.string().optional(), lot_number: z.string().optional(), expires_at: z.string().optional() })) });
const ClaimCreate = z.object({ location_id: z.string(), expires_at: z.string().optional(), reference: z.string().optional() });
const OrderCreate = z.object({ processing: z.record(z.string(), z.string()).optional(), settings: z.record(z.string(), z.unknown()).optional(), client_id: z.string().optional(), channel_id: z.string().optional(), tags: z.array(z.string()).optional(), type: z.string().optional(), metadata: z.record(z.string(), z.unknown()).optional() });
const ContactUpsert = z.looseObject({ email: z.string(), is_guest: z.boolean().optional(), given_name: z.string().optional(), family_name: z.string().optional(), additional_name: z.string().optional(), tags: z.array(z.string()).optional(), metadata: z.record(z.string(), z.unknown()).optional(), phone_numbers: z.object({ primary: z.string().nullable().optional(), secondary: z.array(z.string()).optional() }).optional(), shipping: z.object({ primary: z.string().nullable().optional(), secondary: z.array(z.string()).optional() }).optional(), billing: z.object({ primary: z.string().nullable().optional(), secondary: z.array(z.string()).optional() }).optional() });
const PhoneCreate = z.object({ country_code: z.string().length(2), number: z.string().min(3) });
const AddressCreate = z.looseObject({ country_code: z.string().length(2), locality: z.string().optional(), postal_code: z.string().optional(), address_line_1: z.string().optional(), thoroughfare: z.string().optional(), premise_number: z.number().int().optional(), given_name: z.string().optional(), family_name: z.string().optional() });
const MapKeys = z.array(z.object({ key: z.string(), value: z.string() }));

interface Task {
  id: string;
  name: string;
  description: string;
  startedAt: number;
  completeAt: number;
  completedAt: number | null;
  result: string;
  run: () => Promise<string> | string;
}

interface StoredFile {
  meta: Json;
  bytes: Buffer;
}

const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';

export function createAfosto(state: SimState): SystemModule {
  const ds = state.ds;
  const seed = state.seed;
  const tokens = new TokenStore(() => state.now());
  const secret = `afosto-sim-${seed}`;
  const refreshTokens = new Map<string, string>();
  const r = new Router();
  const nowIso = (): string => iso(state.now());

  // ------------------------------------------------------------ collections
  const uuidIndex = (kind: Kind) => (id: string) => indexFromUuid(seed, kind, id);
  const orders = new OverlayCollection<Json>({ baseCount: ds.counts.orders, gen: (i) => ds.afosto.orders.get(i), indexOf: uuidIndex('order') });
  const orderItemsOverlay = new Map<string, Json[]>();
  const shipments = new OverlayCollection<Json>({ baseCount: ds.counts.orders, gen: (i) => ds.afosto.shipments.get(i), indexOf: uuidIndex('shipment') });
  const parcelPresent = ds.afosto.parcelOrderIndexes();
  const parcels = new OverlayCollection<Json>({
    baseCount: parcelPresent.length,
    gen: (j) => ds.afosto.parcel(parcelPresent[j] as number),
    indexOf: (id) => {
      const i = indexFromUuid(seed, 'parcel', id);
      if (i === null) return null;
      if (i >= CREATED) return i - CREATED;
      const j = searchSorted(parcelPresent, i);
      return j < 0 ? null : j;
    },
  });
  const parcelsByShipment = new Map<string, Set<number>>(); // created parcels (positions)
  const listPresent = ds.afosto.listBlockIndexes();
  const lists = new OverlayCollection<Json>({
    baseCount: listPresent.length,
    gen: (j) => ds.afosto.list(listPresent[j] as number),
    indexOf: (id) => {
      const i = indexFromUuid(seed, 'list', id);
      if (i === null) return null;
      if (i >= CREATED) return i - CREATED;
      const j = searchSorted(listPresent, i);
      return j < 0 ? null : j;
    },
  });
  const claims = new OverlayCollection<Json>({ baseCount: ds.counts.orders, gen: (i) => ds.afosto.claims.get(i), indexOf: uuidIndex('claim') });
  const claimItemsOverlay = new Map<string, Json[]>();
  const contacts = new OverlayCollection<Json>({ baseCount: ds.counts.persons, gen: (i) => ds.afosto.contacts.get(i), indexOf: uuidIndex('contact') });
  const contactEmails = new Map<string, number>();
  const organisations = new OverlayCollection<Json>({ baseCount: ds.counts.companies, gen: (i) => ds.afosto.organisations.get(i), indexOf: uuidIndex('organisation') });
  const createdPhones = new Map<string, Json>();
  const createdAddresses = new Map<string, Json>();
  const hubs = new Map<string, Json>(ds.afosto.hubs.slice(0, 100).map((h: Json) => [h.id, h]));
  const printers = new Map<string, Json>(ds.afosto.printers.slice(0, 100).map((p: Json) => [p.id, p]));
  const jobs = new Map<string, Json>(ds.afosto.jobs.slice(0, 1000).map((j: Json) => [j.id, j]));
  const jobDue = new Map<string, number>();
  const tasks = new Map<string, Task>();
  const files = new Map<string, StoredFile>();
  const stockOverlay = new Map<string, Json>();
  // the seed's example mapping (POST /cat/maps/collections/{id}/search → hits 978020137962)
  const mapKeys = new Map<string, { value: string; upserted_at: string }>([['978020137962', { value: '234.SKE-4255.ABC', upserted_at: iso(Date.UTC(2024, 0, 1)) }]]);
  const mapMisses = new Map<string, { count: number; last_miss_at: string }>();
  let mapLastUpsert: string | null = null;
  const idempotency = new Map<string, string>();
  let listCounter = ds.counts.orders;
  let parcelCounter = ds.counts.orders;
  let shipmentCounter = ds.counts.orders;
  let orderCounter = ds.counts.orders;

  // ------------------------------------------------------------ helpers
  const err = (status: number, message: string, errors: { required?: string[]; invalid?: string[] } = {}): Reply =>
    json(status, { code: status, message, reference: randomUUID(), errors: { 'invalid value': errors.invalid ?? [], required: errors.required ?? [] } });
  const notFound = (what: string): Reply => err(404, `${what} not found`);
  const parse = <T>(ctx: Ctx, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; reply: Reply } => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return { ok: false, reply: err(400, 'Invalid JSON body') };
    const v = schema.safeParse(b);
    if (v.success) return { ok: true, value: v.data };
    const required: string[] = [];
    const invalid: string[] = [];
    for (const i of v.error.issues) {
      const p = i.path.map(String).join('.') || 'body';
      if (i.code === 'invalid_type' && /received undefined/.test(i.message)) required.push(p);
      else invalid.push(p);
    }
    return { ok: false, reply: err(400, 'Bad request', { required, invalid }) };
  };
  const paging = (ctx: Ctx): { page: number; size: number; offset: number } => {
    const page = intParam(header(ctx, 'x-page'), 1, 1);
    const size = intParam(header(ctx, 'x-page-size'), 25, 1, 500);
    return { page, size, offset: (page - 1) * size };
  };
  const paged = (ctx: Ctx, items: Json[], total: number): Reply => {
    const { page } = paging(ctx);
    return json(200, items, { 'x-count': String(total), 'x-page': String(page) });
  };
  const constraintsOf = (body: { constraints: z.infer<typeof Constraint>[] }): { map: Map<string, string[]>; bad: string[] } => {
    const map = new Map<string, string[]>();
    const bad: string[] = [];
    body.constraints.forEach((c, k) => {
      if (c.operator !== 'in') bad.push(`constraints.${k}.operator`);
      map.set(c.key, (c.values ?? c.value ?? []).map((x) => String(x)));
    });
    return { map, bad };
  };
  const boolMatch = (want: string[] | undefined, v: boolean): boolean => !want || want.length === 0 || want.some((w) => truthy(w) === v);
  const addTask = (name: string, description: string, run: () => Promise<string> | string): Task => {
    const now = state.now();
    const t: Task = { id: randomUUID(), name, description, startedAt: now, completeAt: now + state.config.taskDelayMs, completedAt: null, result: '', run };
    tasks.set(t.id, t);
    return t;
  };

  // ------------------------------------------------------------ views (computed on read so cross-links stay consistent)
  const shipmentIndexFromUnit = (unitId: string): number | null => {
    const u = indexFromUuid(seed, 'shipmentItem', unitId);
    return u === null ? null : Math.floor(u / A.UNITS_PER_ORDER);
  };
  const liveParcelsOf = (shipmentId: string): Json[] => {
    const out: Json[] = [];
    const i = indexFromUuid(seed, 'shipment', shipmentId);
    if (i !== null && i < ds.counts.orders) {
      const j = searchSorted(parcelPresent, i);
      if (j >= 0) {
        const p = parcels.getAt(j);
        if (p) out.push(p);
      }
    }
    for (const j of parcelsByShipment.get(shipmentId) ?? []) {
      const p = parcels.getAt(j);
      if (p) out.push(p);
    }
    return out;
  };
  const shipmentView = (s: Json): Json => {
    const ps = liveParcelsOf(s.id);
    const units: Json[] = s.items ?? [];
    const all = (f: string): boolean => units.length > 0 && units.every((u) => u[f] || u.is_missing);
    return {
      ...s,
      is_handled: all('is_handled'),
      is_boxed: all('is_boxed'),
      is_listed: all('is_listed'),
      is_labeled: ps.length > 0 && ps.every((p) => p.label && p.label.file_id !== undefined && p.label.reference),
      is_in_transit: ps.length > 0 && ps.every((p) => p.is_in_transit),
      is_finished: s.is_finished || (ps.length > 0 && ps.every((p) => p.is_finished)),
      is_complete: units.length > 0 && units.every((u) => u.is_boxed && !u.is_missing),
      is_overcomplete: (s.overage ?? []).length > 0,
      parcels: ps,
    };
  };
  const listedShipment = (s: Json): Json => A.listedShipment(shipmentView(s));
  const listView = (l: Json, detailed: boolean): Json => {
    const ships = (l.shipments as string[]).map((id) => shipments.get(id)).filter((s): s is Json => !!s);
    const labels = new Map<string, string>((l.sorting_labels ?? []).map((x: Json) => [x.shipment_id, x.label]));
    if (detailed) return { ...l, items: A.listGroupedItems(ships, labels) };
    // GET /lcs/lists: items are the shipment units themselves
    const { sorting_labels: _s, ...rest } = l;
    return { ...rest, items: ships.flatMap((s) => (s.is_canceled ? [] : s.items)) };
  };
  const updateUnits = (unitIds: string[], fn: (u: Json) => void): { success: number; failed: number } => {
    const byShipment = new Map<number, string[]>();
    let failed = 0;
    for (const id of unitIds) {
      const i = shipmentIndexFromUnit(id);
      if (i === null) {
        failed++;
        continue;
      }
      byShipment.set(i, [...(byShipment.get(i) ?? []), id]);
    }
    let success = 0;
    for (const [i, ids] of byShipment) {
      const s = shipments.getAt(i);
      if (!s) {
        failed += ids.length;
        continue;
      }
      for (const id of ids) {
        const u = (s.items as Json[]).find((x) => x.id === id);
        if (!u) failed++;
        else {
          fn(u);
          success++;
        }
      }
      s.updated_at = nowIso();
      shipments.putAt(i, s);
    }
    return { success, failed };
  };
  const findUnit = (id: string): Json | undefined => {
    const i = shipmentIndexFromUnit(id);
    if (i === null) return undefined;
    return (shipments.getAt(i)?.items as Json[] | undefined)?.find((u) => u.id === id);
  };

  // ------------------------------------------------------------ IAM
  const signJwt = (sub: string, scope: string, ttl: number): string => {
    const now = Math.floor(state.now() / 1000);
    const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const p = Buffer.from(JSON.stringify({ iss: 'https://api.afosto.io', sub, aud: AFOSTO_CREDENTIALS.client_id, scope, tenant: 'dockside-demo', iat: now, exp: now + ttl, jti: randomUUID() })).toString('base64url');
    const s = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
    return `${h}.${p}.${s}`;
  };
  const issue = (sub: string, scope: string): Json => {
    const ttl = state.config.tokenTtlSeconds;
    const access = signJwt(sub, scope, ttl);
    tokens.issue(sub, ttl, access, scope);
    const refresh = randomUUID().replace(/-/g, '');
    refreshTokens.set(refresh, sub);
    return { token_type: 'Bearer', expires_in: ttl, access_token: access, refresh_token: refresh };
  };
  r.post(
    '/iam/oauth/authorize',
    (ctx) => {
      const p = parse(ctx, TokenBody);
      if (!p.ok) return p.reply;
      const b = p.value;
      if (b.grant_type === 'refresh_token') {
        const sub = b.refresh_token ? refreshTokens.get(b.refresh_token) : undefined;
        if (!sub || b.client_id !== AFOSTO_CREDENTIALS.client_id) return err(401, 'Invalid refresh token');
        refreshTokens.delete(b.refresh_token as string);
        return json(200, issue(sub, b.scope ?? 'lcs:handling:write spl:queue:create'));
      }
      if (b.grant_type !== 'client_credentials') return err(400, `Unsupported grant_type "${b.grant_type}"`, { invalid: ['grant_type'] });
      if (b.client_id !== AFOSTO_CREDENTIALS.client_id || b.client_secret !== AFOSTO_CREDENTIALS.client_secret) return err(401, 'Invalid client credentials');
      return json(200, issue(AFOSTO_CREDENTIALS.sub, b.scope ?? 'lcs:handling:read lcs:handling:write lcs:shipments:read lcs:shipments:write spl:queue:create spl:queue:read odr:orders:read rel:contacts:read wms:item:read cnt:files:read'));
    },
    { public: true },
  );
  r.get('/iam/jwt/extend', (ctx) => {
    const t = tokens.check(bearer(ctx));
    tokens.revoke(bearer(ctx) as string);
    return json(200, issue(ctx.principal as string, t.ok ? (t.info.scope ?? '') : ''));
  });
  r.get('/iam/jwt/revoke', (ctx) => {
    tokens.revoke(bearer(ctx) as string);
    return { status: 204 };
  });

  // ------------------------------------------------------------ orders (odr)
  const orderByNumber = (n: string): Json | undefined => {
    const i = orderIndexFromNumber(n);
    if (i !== null) {
      const o = orders.getAt(i);
      if (o && o.number === n) return o;
    }
    for (const [, o] of orders.touched()) if (o.number === n) return o;
    return undefined;
  };
  r.get('/odr/orders', (ctx) => {
    const { offset, size } = paging(ctx);
    const number = ctx.query.get('number');
    if (number) {
      const o = orderByNumber(number);
      return paged(ctx, o && offset === 0 ? [o] : [], o ? 1 : 0);
    }
    return paged(ctx, orders.list(offset, size), orders.size);
  });
  r.post('/odr/orders', (ctx) => {
    const key = header(ctx, 'x-idempotency-key');
    if (key && idempotency.has(key)) {
      const o = orders.get(idempotency.get(key) as string);
      if (o) return json(200, o);
    }
    const p = parse(ctx, OrderCreate);
    if (!p.ok) return p.reply;
    const b = p.value;
    const o = orders.create((i) => ({
      id: uuidFor(seed, 'order', i),
      number: `ODR-${10000000 + ++orderCounter}`,
      state: { is_locked: false, is_accepted: false, is_confirmed: false, is_finished: false, is_canceled: false, type: b.type ?? 'order', flow: [], progress: { allocation: 'pending', fulfilment: 'pending', billing: 'pending' } },
      settings: { contact: null, organisation: null, phone_number_id: null, coupons: [], due_at: null, return_url: '', billing: null, shipping: null, ...(b.settings ?? {}) },
      processing: { confirm: 'manual', allocation: 'manual', fulfilment: 'manual', capture: 'manual', ...(b.processing ?? {}) },
      acceptances: [],
      calculations: [],
      client_id: b.client_id ?? AFOSTO_CREDENTIALS.client_id,
      channel_id: b.channel_id ?? uuidFor(seed, 'channel', 0),
      tags: b.tags ?? [],
      stack_id: null,
      type: b.type ?? 'order',
      metadata: b.metadata ?? {},
      created_at: nowIso(),
      updated_at: nowIso(),
    }));
    orderItemsOverlay.set(o.id, []);
    if (key) idempotency.set(key, o.id);
    return json(200, o);
  });
  r.get('/odr/orders/:id', (ctx) => {
    const o = orders.get(ctx.params.id as string);
    return o ? json(200, o) : notFound('Order');
  });
  r.put('/odr/orders/:id', (ctx) => {
    const p = parse(ctx, OrderCreate);
    if (!p.ok) return p.reply;
    const o = orders.update(ctx.params.id as string, (x) => {
      if (p.value.settings) x.settings = { ...x.settings, ...p.value.settings };
      if (p.value.processing) x.processing = { ...x.processing, ...p.value.processing };
      if (p.value.tags) x.tags = p.value.tags;
      if (p.value.metadata) x.metadata = { ...(x.metadata ?? {}), ...p.value.metadata };
      x.updated_at = nowIso();
    });
    return o ? json(200, o) : notFound('Order');
  });
  r.get('/odr/orders/:id/items', (ctx) => {
    const id = ctx.params.id as string;
    const i = orders.indexOf(id);
    if (i === null) return notFound('Order');
    const all = orderItemsOverlay.get(id) ?? (i < ds.counts.orders ? ds.afosto.orderItems(i) : []);
    const { offset, size } = paging(ctx);
    return paged(ctx, all.slice(offset, offset + size), all.length);
  });
  r.post('/odr/search/orders', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const unknown = [...map.keys()].filter((k) => k !== 'ids');
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const found = (map.get('ids') ?? []).map((id) => orders.get(id)).filter(Boolean) as Json[];
    const { offset, size } = paging(ctx);
    return paged(ctx, found.slice(offset, offset + size), found.length);
  });
  r.put('/odr/orders/:id/tags', (ctx) => {
    const p = parse(ctx, z.array(z.string()));
    if (!p.ok) return p.reply;
    return orders.update(ctx.params.id as string, (x) => void (x.tags = p.value)) ? { status: 204 } : notFound('Order');
  });
  const stateChange = (f: (s: Json) => void) => (ctx: Ctx) => (orders.update(ctx.params.id as string, (x) => void f(x.state)) ? ({ status: 204 } as Reply) : notFound('Order'));
  r.post('/odr/orders/:id/accept', stateChange((s) => (s.is_accepted = true)));
  r.post('/odr/orders/:id/confirm', stateChange((s) => (s.is_confirmed = true)));
  for (const op of ['allocate', 'fulfil'] as const) {
    r.post(`/odr/orders/:id/${op}`, (ctx) => {
      const id = ctx.params.id as string;
      if (!orders.has(id)) return notFound('Order');
      const t = addTask(`order.${op}`, `${op} order ${id}`, () => {
        orders.update(id, (x) => void (x.state.progress = { ...x.state.progress, [op === 'allocate' ? 'allocation' : 'fulfilment']: 'complete' }));
        return id;
      });
      return { status: 202, headers: { 'x-task-id': t.id } };
    });
  }
  r.post('/odr/orders/:id/cancel', (ctx) => {
    const id = ctx.params.id as string;
    const o = orders.get(id);
    if (!o) return notFound('Order');
    const shipped = o.state.is_finished;
    if (shipped && ctx.query.get('force') !== '1') return json(200, { is_accepted: false, warnings: ['Order has shipped parcels'] });
    const t = addTask('order.cancel', `cancel order ${id}`, () => {
      orders.update(id, (x) => void Object.assign(x.state, { is_canceled: true }));
      const i = orders.indexOf(id);
      if (i !== null && i < ds.counts.orders) shipments.update(uuidFor(seed, 'shipment', i), (s) => void (s.is_canceled = true));
      return id;
    });
    return json(200, { is_accepted: true, warnings: [] }, { 'x-task-id': t.id });
  });

  // ------------------------------------------------------------ handling lists
  r.get('/lcs/lists', (ctx) => {
    const { offset, size } = paging(ctx);
    return paged(ctx, lists.list(offset, size).map((l) => listView(l, false)), lists.size);
  });
  r.post('/lcs/lists', (ctx) => {
    const p = parse(ctx, ListCreate);
    if (!p.ok) return p.reply;
    const invalid: string[] = [];
    const ships: Json[] = [];
    p.value.shipments.forEach((s, k) => {
      const sh = shipments.get(s.id);
      if (!sh || sh.is_canceled || sh.list_id) invalid.push(`shipments.${k}.id`);
      else ships.push(sh);
    });
    if (invalid.length) return err(400, 'Shipment unknown, cancelled or already listed', { invalid });
    const now = nowIso();
    const labels = p.value.shipments.map((s, k) => ({ shipment_id: s.id, label: s.label ?? `T${k + 1}` }));
    const l = lists.create((j) => ({
      id: uuidFor(seed, 'list', CREATED + j),
      number: `L-${String(++listCounter + 1).padStart(6, '0')}`,
      sub: null,
      location_id: uuidFor(seed, 'location', 0),
      shipments: ships.map((s) => s.id),
      is_outbound: true,
      is_in_progress: false,
      is_on_hold: false,
      is_cancelled: false,
      is_finished: false,
      started_at: null,
      finished_at: null,
      due_at: p.value.due_at ?? null,
      items: [],
      sorting_labels: labels,
      created_at: now,
      updated_at: now,
    }));
    for (const s of ships) {
      shipments.update(s.id, (x) => {
        x.list_id = l.id;
        for (const u of x.items) u.is_listed = true;
      });
    }
    const { number: _n, items: _i, sorting_labels: _sl, is_cancelled: _c, ...resp } = l;
    return json(200, { ...resp, is_assigned: !!l.sub });
  });
  r.post('/lcs/lists/search', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const allowed = ['ids', 'sub', 'location_id', 'is_on_hold', 'is_in_progress', 'is_finished', 'is_assigned'];
    const unknown = [...map.keys()].filter((k) => !allowed.includes(k));
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const { offset, size } = paging(ctx);
    const match = (h: Json): boolean =>
      (!map.get('ids')?.length || map.get('ids')!.includes(h.id)) &&
      (!map.get('sub')?.length || map.get('sub')!.includes(h.sub)) &&
      (!map.get('location_id')?.length || map.get('location_id')!.includes(h.location_id)) &&
      boolMatch(map.get('is_on_hold'), !!h.is_on_hold) &&
      boolMatch(map.get('is_in_progress'), !!h.is_in_progress) &&
      boolMatch(map.get('is_finished'), !!h.is_finished) &&
      boolMatch(map.get('is_assigned'), !!h.sub);
    const hits: number[] = [];
    const ids = map.get('ids');
    if (ids?.length) {
      for (const id of ids) {
        const j = lists.indexOf(id);
        if (j !== null && match(lists.getAt(j))) hits.push(j);
      }
    } else {
      const touched = new Map<number, Json>([...lists.touched()]);
      const deleted = new Set(lists.changes().deleted);
      for (let j = 0; j < lists.nextIndex; j++) {
        const h = touched.get(j) ?? (j < listPresent.length ? A.afostoListHeader(seed, listPresent[j] as number) : null);
        if (!h || deleted.has(h.id)) continue;
        if (match(h)) hits.push(j);
      }
    }
    return paged(ctx, hits.slice(offset, offset + size).map((j) => listView(lists.getAt(j), true)), hits.length);
  });
  r.get('/lcs/lists/:id', (ctx) => {
    const l = lists.get(ctx.params.id as string);
    return l ? json(200, listView(l, true)) : notFound('Handling list');
  });
  r.delete('/lcs/lists/:id', (ctx) => {
    const l = lists.get(ctx.params.id as string);
    if (!l) return notFound('Handling list');
    lists.remove(l.id);
    for (const sid of l.shipments) shipments.update(sid, (x) => void (x.list_id = null));
    return { status: 204 };
  });
  r.put('/lcs/lists/:id/items', (ctx) => {
    const id = ctx.params.id as string;
    const l = lists.get(id);
    if (!l) return notFound('Handling list');
    const p = parse(ctx, ListItemUpdate);
    if (!p.ok) return p.reply;
    const invalid = p.value.map((u, k) => (l.shipments.includes(shipments.getAt(shipmentIndexFromUnit(u.id) ?? -1)?.id) ? null : `${k}.id`)).filter(Boolean) as string[];
    if (invalid.length) return err(400, 'Item is not on this handling list', { invalid });
    let success = 0;
    for (const u of p.value) {
      success += updateUnits([u.id], (x) => {
        if (u.is_handled !== undefined) x.is_handled = u.is_handled;
        if (u.is_serviced !== undefined) x.is_serviced = u.is_serviced;
        if (u.is_finished !== undefined) x.is_finished = u.is_finished;
        if (u.position !== undefined) x.position = u.position;
        if (u.lot_number !== undefined) x.lot_number = u.lot_number;
        if (u.expires_at !== undefined) x.expires_at = u.expires_at;
      }).success;
    }
    lists.update(id, (x) => {
      const ships = (x.shipments as string[]).map((sid) => shipments.get(sid)).filter(Boolean) as Json[];
      const units = ships.filter((s) => !s.is_canceled).flatMap((s) => s.items as Json[]);
      const anyHandled = units.some((u) => u.is_handled);
      const allHandled = units.length > 0 && units.every((u) => u.is_handled || u.is_missing);
      if (anyHandled && !x.started_at) x.started_at = nowIso();
      x.is_in_progress = anyHandled && !allHandled;
      x.is_finished = allHandled;
      x.finished_at = allHandled ? (x.finished_at ?? nowIso()) : null;
      x.updated_at = nowIso();
    });
    // documented as 204 with a body {"success": n}; a 204 carries no body on the wire
    void success;
    return { status: 204 };
  });
  r.put('/lcs/lists/:id/state', (ctx) => {
    const p = parse(ctx, ListState);
    if (!p.ok) return p.reply;
    const l = lists.update(ctx.params.id as string, (x) => {
      if (p.value.is_on_hold !== undefined) x.is_on_hold = p.value.is_on_hold;
      if (p.value.sub !== undefined) x.sub = p.value.sub || null;
      x.updated_at = nowIso();
    });
    return l ? { status: 204 } : notFound('Handling list');
  });

  // ------------------------------------------------------------ shipments
  r.get('/lcs/shipments', (ctx) => {
    const { offset, size } = paging(ctx);
    return paged(ctx, shipments.list(offset, size).map(listedShipment), shipments.size);
  });
  r.post('/lcs/shipments', (ctx) => {
    const p = parse(ctx, ShipmentCreate);
    if (!p.ok) return p.reply;
    const b = p.value;
    if (b.items.some((it) => it.quantity > A.UNITS_PER_LINE) || b.items.length > A.LINES_PER_ORDER) return err(400, `At most ${A.LINES_PER_ORDER} lines of ${A.UNITS_PER_LINE} units per shipment in the simulator`, { invalid: ['items'] });
    const now = nowIso();
    const s = shipments.create((i) => {
      const items: Json[] = [];
      b.items.forEach((it, li) => {
        for (let u = 0; u < it.quantity; u++) {
          items.push({
            id: uuidFor(seed, 'shipmentItem', A.unitIndex(i, li, u)),
            reference: it.reference ?? null,
            sku: it.sku,
            position: it.position ?? ds.productBySku(it.sku)?.position ?? null,
            order_item_id: it.references?.[u]?.order_item_id ?? null,
            claim_item_id: it.references?.[u]?.claim_item_id ?? null,
            description: it.description ?? ds.productBySku(it.sku)?.name ?? '',
            is_listed: false,
            is_handled: false,
            is_boxed: false,
            is_in_transit: false,
            is_finished: false,
            is_missing: false,
            hs_code: it.hs_code ?? null,
            service: it.service ?? [],
          });
        }
      });
      return {
        id: uuidFor(seed, 'shipment', i),
        number: `SHP-${String(++shipmentCounter).padStart(7, '0')}`,
        type: b.type ?? 'delivery',
        method_id: b.method_id ?? null,
        contact_id: b.contact_id ?? null,
        channel_id: b.channel_id ?? null,
        order_id: b.order_id ?? null,
        addressing: b.addressing,
        ship_at: b.ship_at ?? null,
        estimated_ship_at: b.estimated_ship_at ?? null,
        expected_at: b.expected_at ?? null,
        stack_id: null,
        is_editable: true,
        is_outbound: b.is_outbound ?? true,
        is_canceled: false,
        is_finished: false,
        items,
        backorders: b.backorders ?? [],
        overage: b.overage ?? [],
        parcels: [],
        secret: randomUUID().slice(0, 8),
        prior_shipments: b.prior_shipments ?? [],
        list_id: null,
        created_at: now,
        updated_at: now,
      };
    });
    return json(200, shipmentView(s));
  });
  r.get('/lcs/shipments/:id', (ctx) => {
    const s = shipments.get(ctx.params.id as string);
    return s ? json(200, shipmentView(s)) : notFound('Shipment');
  });
  r.put('/lcs/shipments/:id', (ctx) => {
    const p = parse(ctx, ShipmentUpdate);
    if (!p.ok) return p.reply;
    const cur = shipments.get(ctx.params.id as string);
    if (!cur) return notFound('Shipment');
    if (!cur.is_editable) return err(400, 'Shipment is not editable', { invalid: Object.keys(p.value) });
    const s = shipments.update(cur.id, (x) => {
      const b = p.value;
      if (b.type) x.type = b.type;
      if (b.method_id) x.method_id = b.method_id;
      if (b.addressing?.to) x.addressing.to = b.addressing.to;
      if (b.addressing?.from) x.addressing.from = b.addressing.from;
      if (b.prior_shipments) x.prior_shipments = b.prior_shipments;
      if (b.expected_at) x.expected_at = b.expected_at;
      if (b.ship_at) x.ship_at = b.ship_at;
      x.updated_at = nowIso();
    });
    return json(200, shipmentView(s));
  });
  r.delete('/lcs/shipments/:id', (ctx) => (shipments.update(ctx.params.id as string, (x) => void Object.assign(x, { is_canceled: true, is_editable: false, updated_at: nowIso() })) ? { status: 204 } : notFound('Shipment')));
  r.put('/lcs/shipments/:id/positions', (ctx) =>
    shipments.update(ctx.params.id as string, (x) => {
      for (const u of x.items) u.position = ds.productBySku(u.sku)?.position ?? u.position;
    })
      ? { status: 204 }
      : notFound('Shipment'),
  );
  r.post('/lcs/shipments/:id/invoice', (ctx) => (shipments.has(ctx.params.id as string) ? { status: 204 } : notFound('Shipment')));
  for (const kind of ['backorders', 'overage'] as const) {
    r.put(`/lcs/shipments/:id/items/${kind}`, (ctx) => {
      const p = parse(ctx, Correction);
      if (!p.ok) return p.reply;
      const s = shipments.update(ctx.params.id as string, (x) => {
        x[kind] = p.value.map((c) => ({ sku: c.sku, quantity: c.quantity, description: c.description ?? ds.productBySku(c.sku)?.name ?? '', position: c.position ?? ds.productBySku(c.sku)?.position ?? '' }));
        x.updated_at = nowIso();
      });
      return s ? json(200, shipmentView(s)) : notFound('Shipment');
    });
  }
  r.put('/lcs/shipments/:id/items/missing', (ctx) => {
    const p = parse(ctx, Missing);
    if (!p.ok) return p.reply;
    const s = shipments.get(ctx.params.id as string);
    if (!s) return notFound('Shipment');
    const invalid = p.value.map((m, k) => ((s.items as Json[]).some((u) => u.id === m.id) ? null : `${k}.id`)).filter(Boolean) as string[];
    if (invalid.length) return err(400, 'Item not in shipment', { invalid });
    shipments.update(s.id, (x) => {
      for (const m of p.value) {
        const u = (x.items as Json[]).find((y) => y.id === m.id);
        if (u) u.is_missing = m.is_missing;
      }
      x.updated_at = nowIso();
    });
    return { status: 204 };
  });
  r.post('/lcs/search/shipments', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const allowed = ['ids', 'secret', 'is_outbound', 'from_id', 'from_type', 'to_id', 'to_type', 'prior_ids'];
    const unknown = [...map.keys()].filter((k) => !allowed.includes(k));
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const match = (s: Json): boolean =>
      (!map.get('ids')?.length || map.get('ids')!.includes(s.id)) &&
      (!map.get('secret')?.length || map.get('secret')!.includes(s.secret)) &&
      boolMatch(map.get('is_outbound'), !!s.is_outbound) &&
      (!map.get('from_id')?.length || map.get('from_id')!.includes(s.addressing?.from?.entity_id)) &&
      (!map.get('from_type')?.length || map.get('from_type')!.includes(s.addressing?.from?.entity_type)) &&
      (!map.get('to_id')?.length || map.get('to_id')!.includes(s.addressing?.to?.entity_id)) &&
      (!map.get('to_type')?.length || map.get('to_type')!.includes(s.addressing?.to?.entity_type)) &&
      (!map.get('prior_ids')?.length || (s.prior_shipments ?? []).some((x: string) => map.get('prior_ids')!.includes(x)));
    const hits: Json[] = [];
    const ids = map.get('ids');
    if (ids?.length) for (const id of ids) {
      const s = shipments.get(id);
      if (s && match(s)) hits.push(s);
    }
    else for (const s of shipments.values()) if (match(s)) hits.push(s);
    const { offset, size } = paging(ctx);
    return paged(ctx, hits.slice(offset, offset + size).map(listedShipment), hits.length);
  });

  // ------------------------------------------------------------ parcels
  r.get('/lcs/parcels', (ctx) => {
    const { offset, size } = paging(ctx);
    return paged(ctx, parcels.list(offset, size), parcels.size);
  });
  r.post('/lcs/search/parcels', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const unknown = [...map.keys()].filter((k) => k !== 'ids' && k !== 'is_delivered');
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const hits: Json[] = [];
    const ids = map.get('ids');
    const ok = (x: Json): boolean => boolMatch(map.get('is_delivered'), !!x.is_delivered);
    if (ids?.length) for (const id of ids) {
      const x = parcels.get(id);
      if (x && ok(x)) hits.push(x);
    }
    else for (const x of parcels.values()) if (ok(x)) hits.push(x);
    const { offset, size } = paging(ctx);
    return paged(ctx, hits.slice(offset, offset + size), hits.length);
  });
  const parcelItem = (u: Json): Json => ({ id: u.id, sku: u.sku, quantity: 1, description: u.description });
  r.post('/lcs/parcels', (ctx) => {
    const p = parse(ctx, ParcelCreate);
    if (!p.ok) return p.reply;
    const b = p.value;
    const s = shipments.get(b.shipment_id);
    if (!s) return err(400, 'Unknown shipment', { invalid: ['shipment_id'] });
    if (s.is_canceled) return err(400, 'Shipment is cancelled', { invalid: ['shipment_id'] });
    const units: Json[] = [];
    const invalid: string[] = [];
    (b.item_ids ?? []).forEach((id, k) => {
      const u = (s.items as Json[]).find((x) => x.id === id);
      if (!u) invalid.push(`item_ids.${k}`);
      else units.push(u);
    });
    if (invalid.length) return err(400, 'Item not in shipment', { invalid });
    const now = nowIso();
    const parcel = parcels.create((j) => ({
      id: uuidFor(seed, 'parcel', CREATED + j),
      number: `PRC-${String(++parcelCounter).padStart(7, '0')}`,
      weight: b.weight ?? 0,
      length: b.length ?? 0,
      width: b.width ?? 0,
      height: b.height ?? 0,
      tracking_code: b.tracking_code ?? '',
      tracking_url: b.tracking_url ?? '',
      position: '',
      label: null,
      shipment_id: s.id,
      count: units.length,
      items: units.map(parcelItem),
      is_in_transit: false,
      is_delivered: false,
      is_outbound: s.is_outbound,
      is_finished: false,
      file_id: null,
      ship_at: s.ship_at ?? null,
      in_transit_at: null,
      finished_at: null,
      created_at: now,
      updated_at: now,
    }));
    const j = parcels.indexOf(parcel.id) as number;
    parcelsByShipment.set(s.id, new Set([...(parcelsByShipment.get(s.id) ?? []), j]));
    updateUnits(units.map((u) => u.id), (u) => void (u.is_boxed = true));
    return json(200, parcel);
  });
  r.get('/lcs/parcels/:id', (ctx) => {
    const x = parcels.get(ctx.params.id as string);
    return x ? json(200, x) : notFound('Parcel');
  });
  r.put('/lcs/parcels/:id', (ctx) => {
    const p = parse(ctx, ParcelUpdate);
    if (!p.ok) return p.reply;
    return parcels.update(ctx.params.id as string, (x) => void Object.assign(x, p.value, { updated_at: nowIso() })) ? { status: 204 } : notFound('Parcel');
  });
  r.delete('/lcs/parcels/:id', (ctx) => {
    const x = parcels.get(ctx.params.id as string);
    if (!x) return notFound('Parcel');
    parcels.remove(x.id);
    updateUnits(x.items.map((u: Json) => u.id), (u) => void (u.is_boxed = false));
    return { status: 204 };
  });
  r.post('/lcs/parcels/:id/items', (ctx) => {
    const p = parse(ctx, Ids);
    if (!p.ok) return p.reply;
    const x = parcels.get(ctx.params.id as string);
    if (!x) return notFound('Parcel');
    let success = 0;
    let failed = 0;
    parcels.update(x.id, (pc) => {
      for (const id of p.value.ids) {
        const u = findUnit(id);
        const s = u ? shipments.getAt(shipmentIndexFromUnit(id) as number) : undefined;
        if (!u || !s || s.id !== pc.shipment_id || pc.items.some((it: Json) => it.id === id)) {
          failed++;
          continue;
        }
        pc.items.push(parcelItem(u));
        success++;
      }
      pc.count = pc.items.length;
      pc.updated_at = nowIso();
    });
    updateUnits(p.value.ids.filter((id) => findUnit(id)), (u) => void (u.is_boxed = true));
    return json(200, { success, failed });
  });
  r.delete('/lcs/parcels/:id/items', (ctx) => {
    const p = parse(ctx, Ids);
    if (!p.ok) return p.reply;
    const x = parcels.get(ctx.params.id as string);
    if (!x) return notFound('Parcel');
    const present = new Set(x.items.map((it: Json) => it.id));
    const removing = p.value.ids.filter((id) => present.has(id));
    parcels.update(x.id, (pc) => {
      pc.items = pc.items.filter((it: Json) => !removing.includes(it.id));
      pc.count = pc.items.length;
      pc.updated_at = nowIso();
    });
    updateUnits(removing, (u) => void (u.is_boxed = false));
    return json(200, { success: removing.length, failed: p.value.ids.length - removing.length });
  });
  r.put('/lcs/parcels/:id/transit', (ctx) => {
    const x = parcels.update(ctx.params.id as string, (pc) => void Object.assign(pc, { is_in_transit: true, in_transit_at: pc.in_transit_at ?? nowIso(), updated_at: nowIso() }));
    if (!x) return notFound('Parcel');
    updateUnits(x.items.map((u: Json) => u.id), (u) => void (u.is_in_transit = true));
    return { status: 204 };
  });
  r.put('/lcs/parcels/:id/finished', (ctx) => {
    const x = parcels.update(ctx.params.id as string, (pc) => void Object.assign(pc, { is_finished: true, finished_at: pc.finished_at ?? nowIso(), updated_at: nowIso() }));
    if (!x) return notFound('Parcel');
    updateUnits(x.items.map((u: Json) => u.id), (u) => void (u.is_finished = true));
    return { status: 204 };
  });

  const labelInfo = (pc: Json): LabelInfo => {
    const s = shipments.get(pc.shipment_id);
    const oi = s?.order_id ? orders.indexOf(s.order_id) : null;
    const order = oi !== null && oi < ds.counts.orders ? ds.orders.get(oi) : null;
    const a = order?.shippingAddress;
    const carrier = order?.carrier ?? (s?.method_id ? (ds.afosto.methods.slice(0, 20).find((m: Json) => m.id === s.method_id)?.name ?? 'DPD') : 'DPD');
    return {
      parcelNumber: pc.number,
      trackingCode: pc.tracking_code || `${carrier.normalize('NFD').replace(/[^A-Za-z]/g, '').slice(0, 2).toUpperCase()}${String(Math.abs(hash(pc.id))).padStart(11, '0').slice(0, 11)}`,
      carrier,
      orderNumber: order?.number ?? (oi !== null ? (orders.getAt(oi)?.number ?? '') : ''),
      shipTo: a
        ? { name: [a.givenName, a.familyName].join(' ') + (a.organisation ? `, ${a.organisation}` : ''), line1: `${a.street} ${a.houseNumber}${a.houseNumberSuffix}`, postal: a.postalCode, city: a.city, country: a.country }
        : { name: 'Příjemce', line1: s?.addressing?.to?.entity_id ?? '', postal: '', city: '', country: '' },
      from: 'Dockside Demo s.r.o., Sklad Praha-Hostivař',
      weightGrams: pc.weight ?? 0,
      items: (s?.items ?? []).filter((u: Json) => pc.items.some((it: Json) => it.id === u.id)).map((u: Json) => ({ sku: u.sku, description: u.description, quantity: 1, position: u.position })),
    };
  };
  const storeFile = (filename: string, mime: string, bytes: Buffer, label: string): string => {
    const id = randomUUID();
    const now = nowIso();
    files.set(id, {
      bytes,
      meta: { id, filename, label, dir: '/labels', type: 'file', mime, url: `${state.baseUrl}/afosto/cdn/files/${id}/${encodeURIComponent(filename)}`, is_public: false, is_listed: false, metadata: { size: bytes.length }, created_at: now, updated_at: now },
    });
    return id;
  };
  r.post('/lcs/parcels/:id/label', (ctx) => {
    const id = ctx.params.id as string;
    const pc = parcels.get(id);
    if (!pc) return notFound('Parcel');
    const requestedAt = nowIso();
    const format = state.config.afostoLabelFormat;
    const t = addTask('lcs.parcel.label', `Label for parcel ${pc.number}`, async () => {
      const cur = parcels.get(id);
      if (!cur) return '';
      const info = labelInfo(cur);
      const bytes = format === 'pdf' ? Buffer.from(await pdfLabel(info)) : Buffer.from(zplLabel(info), 'utf8');
      const fileId = storeFile(`label-${cur.number}.${format}`, format === 'pdf' ? 'application/pdf' : 'application/zpl', bytes, `Label ${cur.number}`);
      parcels.update(id, (x) => {
        x.tracking_code = x.tracking_code || info.trackingCode;
        x.tracking_url = x.tracking_url || `https://tracking.example.com/${encodeURIComponent(info.carrier)}/${x.tracking_code}`;
        x.label = { file_id: fileId, reference: x.tracking_code, label_text: `${info.carrier} ${x.tracking_code}`, requested_at: requestedAt };
        x.updated_at = nowIso();
      });
      return fileId;
    });
    return { status: 204, headers: { 'x-task-id': t.id } };
  });
  r.post('/lcs/parcels/:id/slip', (ctx) => {
    const id = ctx.params.id as string;
    const pc = parcels.get(id);
    if (!pc) return notFound('Parcel');
    const t = addTask('lcs.parcel.slip', `Packing slip for parcel ${pc.number}`, async () => {
      const cur = parcels.get(id);
      if (!cur) return '';
      const bytes = Buffer.from(await pdfSlip(labelInfo(cur)));
      const fileId = storeFile(`slip-${cur.number}.pdf`, 'application/pdf', bytes, `Packing slip ${cur.number}`);
      parcels.update(id, (x) => void Object.assign(x, { file_id: fileId, updated_at: nowIso() }));
      return fileId;
    });
    return { status: 204, headers: { 'x-task-id': t.id } };
  });

  // ------------------------------------------------------------ tasks & files
  r.get('/mes/tasks/:id', (ctx) => {
    const t = tasks.get(ctx.params.id as string);
    if (!t) return notFound('Task');
    const done = t.completedAt !== null;
    const total = Math.max(1, t.completeAt - t.startedAt);
    return json(200, {
      id: t.id,
      name: t.name,
      description: t.description,
      progress: done ? 100 : Math.min(99, Math.floor(((state.now() - t.startedAt) / total) * 100)),
      result: t.result,
      started_at: iso(t.startedAt),
      completed_at: done ? iso(t.completedAt as number) : null,
      expires_at: iso(t.startedAt + 86400_000),
    });
  });
  r.get('/cnt/files/:id', (ctx) => {
    const f = files.get(ctx.params.id as string);
    return f ? json(200, [f.meta]) : notFound('File');
  });
  // stand-in for the CDN URL in CntFile.url (no auth, like a signed URL)
  r.get(
    '/cdn/files/:id/:filename',
    (ctx) => {
      const f = files.get(ctx.params.id as string);
      if (!f) return notFound('File');
      return { status: 200, raw: true, body: f.bytes, headers: { 'Content-Type': f.meta.mime, 'Content-Disposition': `attachment; filename="${f.meta.filename}"` } };
    },
    { public: true },
  );

  // ------------------------------------------------------------ locations & methods
  r.get('/lcs/locations', (ctx) => {
    const all = ds.afosto.locations.slice(0, 100).filter((l: Json) => (ctx.query.get('is_disabled') === null ? true : truthy(ctx.query.get('is_disabled')) === l.is_disabled) && (!ctx.query.get('address_id') || l.address_id === ctx.query.get('address_id')));
    const { offset, size } = paging(ctx);
    return paged(ctx, all.slice(offset, offset + size), all.length);
  });
  const location = (id: string): Json | undefined => ds.afosto.locations.slice(0, 100).find((l: Json) => l.id === id);
  r.get('/lcs/locations/:id', (ctx) => {
    const l = location(ctx.params.id as string);
    return l ? json(200, l) : notFound('Location');
  });
  const skuRows = (): Json[] => ds.products.slice(0, ds.counts.products).map((p) => ({ sku: p.sku, position: p.position, created_at: iso(Date.UTC(2024, 0, 1)) }));
  r.get('/lcs/locations/:id/skus', (ctx) => (location(ctx.params.id as string) ? json(200, skuRows()) : notFound('Location')));
  r.get('/lcs/locations/:id/positions', (ctx) => {
    if (!location(ctx.params.id as string)) return notFound('Location');
    const byPos = new Map<string, Json[]>();
    for (const s of skuRows()) byPos.set(s.position, [...(byPos.get(s.position) ?? []), s]);
    const all = [...byPos.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, skus], k) => ({ code, sorting: k + 1, skus, created_at: iso(Date.UTC(2024, 0, 1)) }));
    const { offset, size } = paging(ctx);
    return paged(ctx, all.slice(offset, offset + size), all.length);
  });
  r.get('/lcs/locations/:id/positions/:code', (ctx) => {
    if (!location(ctx.params.id as string)) return notFound('Location');
    const skus = skuRows().filter((s) => s.position === ctx.params.code);
    return skus.length ? json(200, { code: ctx.params.code, sorting: 0, skus, created_at: iso(Date.UTC(2024, 0, 1)) }) : notFound('Position');
  });
  const methodsFor = (ctx: Ctx): Json[] => {
    const cc = ctx.query.get('country_code');
    return ds.afosto.methods.slice(0, 100).filter((m: Json) => !cc || m.countries.some((c: Json) => c.code === cc.toUpperCase()));
  };
  r.get('/lcs/methods', (ctx) => json(200, methodsFor(ctx)));
  r.get('/lcs/methods/:id', (ctx) => {
    const m = ds.afosto.methods.slice(0, 100).find((x: Json) => x.id === ctx.params.id);
    return m ? json(200, m) : notFound('Method');
  });

  // ------------------------------------------------------------ spooler: hubs, printers, queue
  r.get('/spl/hubs', () => json(200, [...hubs.values()].filter((h) => !h.disabled_at)));
  r.get('/spl/hubs/:id', (ctx) => {
    const h = hubs.get(ctx.params.id as string);
    return h ? json(200, h) : notFound('Hub');
  });
  r.get('/spl/hubs/:id/status', (ctx) => {
    const h = hubs.get(ctx.params.id as string);
    if (!h) return notFound('Hub');
    return json(200, { is_online: h.status === 'online', is_idle: ![...jobs.values()].some((j) => j.hub_id === h.id && j.status === 'scheduled'), location: 'Praha-Hostivař', network: { ip_address: '192.168.10.5', remote_ip_address: '203.0.113.10', last_connected_at: nowIso() }, image: { is_up_to_date: true, download_progress: 100, version: '2.14.0' } });
  });
  r.get('/spl/printers', (ctx) => {
    const hub = ctx.query.get('hub_id');
    const inbox = ctx.query.get('inbox_id');
    return json(200, [...printers.values()].filter((p) => !p.disabled_at && (!hub || p.hub_id === hub) && (!inbox || p.inbox_id === inbox)));
  });
  r.post('/spl/printers', (ctx) => {
    const p = parse(ctx, PrinterModel);
    if (!p.ok) return p.reply;
    if (!hubs.has(p.value.hub_id)) return err(404, 'Hub not found');
    const now = nowIso();
    const pr = { id: randomUUID(), name: p.value.name, hub_id: p.value.hub_id, default_encoding: p.value.default_encoding, connection: p.value.connection, settings: p.value.settings ?? {}, inbox_id: null, disabled_at: null, created_at: now, updated_at: now };
    printers.set(pr.id, pr);
    return json(200, pr);
  });
  r.get('/spl/printers/:id', (ctx) => {
    const p = printers.get(ctx.params.id as string);
    return p ? json(200, p) : err(404, 'Printer not found');
  });
  r.put('/spl/printers/:id', (ctx) => {
    const p = parse(ctx, PrinterModel);
    if (!p.ok) return p.reply;
    const pr = printers.get(ctx.params.id as string);
    if (!pr) return err(404, 'Printer not found');
    if (!hubs.has(p.value.hub_id)) return err(404, 'Hub not found');
    Object.assign(pr, { name: p.value.name, hub_id: p.value.hub_id, default_encoding: p.value.default_encoding, connection: p.value.connection, settings: p.value.settings ?? pr.settings, updated_at: nowIso() });
    return json(200, pr);
  });
  r.delete('/spl/printers/:id', (ctx) => {
    const pr = printers.get(ctx.params.id as string);
    if (!pr) return err(404, 'Printer not found');
    pr.disabled_at = nowIso();
    return json(200, pr);
  });
  r.get('/spl/queue', (ctx) => {
    const status = ctx.query.get('status') ?? 'scheduled';
    const printer = ctx.query.get('printer_id');
    const tag = ctx.query.get('tag');
    const hubOfPrinter = printer ? printers.get(printer)?.hub_id : null;
    const all = [...jobs.values()]
      .filter((j) => (status === 'received' ? j.status === 'scheduled' || j.status === 'pending' : j.status === status) && (!tag || j.tag === tag) && (!printer || j.hub_id === hubOfPrinter))
      .sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
    // cursor paging: x-page is an opaque token; response x-page is the next token (absent at the end)
    const size = intParam(header(ctx, 'x-page-size'), 25, 1, 500);
    const cursor = header(ctx, 'x-page');
    const offset = cursor && cursor !== '1' ? intParam(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, ''), 0, 0) : 0;
    const page = all.slice(offset, offset + size);
    const headers: Record<string, string> = {};
    if (offset + size < all.length) headers['x-page'] = Buffer.from(`o:${offset + size}`).toString('base64url');
    return json(200, page, headers);
  });
  r.post('/spl/queue', (ctx) => {
    const p = parse(ctx, JobModel);
    if (!p.ok) return p.reply;
    const hub = hubs.get(p.value.hub_id);
    if (!hub || ![...printers.values()].some((x) => x.hub_id === hub.id && !x.disabled_at)) return err(404, 'Printer not found');
    const now = nowIso();
    const j = { id: randomUUID(), job: p.value.job, tag: p.value.tag ?? null, description: p.value.description ?? null, artifact: null, reference: p.value.reference ?? null, status: 'scheduled', hub_id: hub.id, schedule_at: p.value.schedule_at ?? now, printed_at: null, created_at: now, updated_at: now };
    jobs.set(j.id, j);
    jobDue.set(j.id, Math.max(state.now(), Date.parse(j.schedule_at) || 0) + state.config.taskDelayMs);
    return json(200, j);
  });
  const jobByRef = (ref: string): Json | undefined => jobs.get(ref) ?? [...jobs.values()].reverse().find((j) => j.reference === ref);
  r.get('/spl/queue/:reference', (ctx) => {
    const j = jobByRef(ctx.params.reference as string);
    return j ? json(200, j) : err(404, 'Job not found');
  });
  r.put('/spl/queue/:reference', (ctx) => {
    const p = parse(ctx, JobStatus);
    if (!p.ok) return p.reply;
    const j = jobByRef(ctx.params.reference as string);
    if (!j) return err(404, 'Job not found');
    const status = p.value.status === 'success' ? 'printed' : p.value.status === 'received' ? 'pending' : p.value.status;
    Object.assign(j, { status, updated_at: p.value.changed_at ?? nowIso(), printed_at: status === 'printed' ? (p.value.changed_at ?? nowIso()) : j.printed_at });
    jobDue.delete(j.id);
    return json(201, { reference: ctx.params.reference, status: p.value.status });
  });

  // ------------------------------------------------------------ wms: stock, inventory, claims
  const stockRow = (p: number): Json => {
    const base = ds.afosto.stock.get(p);
    return stockOverlay.get(base.sku) ?? base;
  };
  r.post('/wms/inventory', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const allowed = ['sku', 'position', 'location_id', 'claim_id', 'is_managed', 'state', 'is_tracking_inventory'];
    const unknown = [...map.keys()].filter((k) => !allowed.includes(k));
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const skus = map.get('sku');
    let rows: Json[];
    if (skus?.length) rows = skus.map((s) => ds.productBySku(s)).filter(Boolean).map((pr) => stockRow(pr!.index));
    else rows = ds.products.slice(0, ds.counts.products).map((pr) => stockRow(pr.index));
    rows = rows.filter((row) => (!map.get('position')?.length || map.get('position')!.includes(row.position)) && (!map.get('location_id')?.length || map.get('location_id')!.includes(row.location_id)));
    const { offset, size } = paging(ctx);
    return paged(ctx, rows.slice(offset, offset + size), rows.length);
  });
  r.put('/wms/inventory', (ctx) => {
    const p = parse(ctx, StockPut);
    if (!p.ok) return p.reply;
    if (!location(p.value.location_id) && p.value.location_id !== uuidFor(seed, 'location', 0)) return err(400, 'Unknown location', { invalid: ['location_id'] });
    const invalid = p.value.items.map((it, k) => (ds.productBySku(it.sku) ? null : `items.${k}.sku`)).filter(Boolean) as string[];
    if (invalid.length) return err(400, 'Unknown sku', { invalid });
    const out = p.value.items.map((it) => {
      const pr = ds.productBySku(it.sku)!;
      const cur = stockRow(pr.index);
      const row = { ...cur, position: it.position ?? cur.position, lot_number: it.lot_number ?? cur.lot_number, expires_at: it.expires_at ?? cur.expires_at, total: it.quantity, available: Math.max(0, it.quantity - cur.reserved - cur.claimed) };
      stockOverlay.set(it.sku, row);
      return row;
    });
    return json(200, out);
  });
  const unitTotals = (): Int32Array => {
    const acc = new Int32Array(ds.counts.products + 1);
    for (let pidx = 0; pidx < ds.counts.products; pidx++) acc[pidx + 1] = (acc[pidx] as number) + stockRow(pidx).total;
    return acc;
  };
  r.get('/wms/inventory', (ctx) => {
    const acc = unitTotals();
    const total = acc[ds.counts.products] as number;
    const { offset, size } = paging(ctx);
    const out: Json[] = [];
    let pidx = 0;
    for (let k = offset; k < Math.min(total, offset + size); k++) {
      while ((acc[pidx + 1] as number) <= k) pidx++;
      const row = stockRow(pidx);
      out.push(A.afostoInventoryItem(seed, pidx, k - (acc[pidx] as number), row.reserved));
    }
    return json(200, out, { 'x-count': String(total), 'x-page': String(paging(ctx).page) });
  });
  r.get('/wms/inventory/:id', (ctx) => {
    const i = indexFromUuid(seed, 'inventory', ctx.params.id as string);
    if (i === null || i < 1_000_000_000) return notFound('Inventory item');
    const pidx = Math.floor((i - 1_000_000_000) / 64);
    const u = (i - 1_000_000_000) % 64;
    if (pidx >= ds.counts.products || u >= stockRow(pidx).total) return notFound('Inventory item');
    return json(200, A.afostoInventoryItem(seed, pidx, u, stockRow(pidx).reserved));
  });
  r.get('/wms/claims', (ctx) => {
    const { offset, size } = paging(ctx);
    return paged(ctx, claims.list(offset, size), claims.size);
  });
  r.post('/wms/claims', (ctx) => {
    const p = parse(ctx, ClaimCreate);
    if (!p.ok) return p.reply;
    const now = nowIso();
    const c = claims.create((i) => ({ id: uuidFor(seed, 'claim', i), location_id: p.value.location_id, target: null, reference: p.value.reference ?? null, expires_at: p.value.expires_at ?? iso(state.now() + 7 * 86400_000), created_at: now, updated_at: now }));
    claimItemsOverlay.set(c.id, []);
    return json(200, c);
  });
  r.get('/wms/claims/:id', (ctx) => {
    const c = claims.get(ctx.params.id as string);
    return c ? json(200, c) : notFound('Claim');
  });
  r.get('/wms/claims/:id/items', (ctx) => {
    const id = ctx.params.id as string;
    const i = claims.indexOf(id);
    if (i === null) return notFound('Claim');
    const all = claimItemsOverlay.get(id) ?? (i < ds.counts.orders ? ds.afosto.claimItems(i) : []);
    const { offset, size } = paging(ctx);
    return json(200, all.slice(offset, offset + size), { 'x-page': String(paging(ctx).page), 'x-count': String(all.length) });
  });
  r.post('/wms/claims/:id/cancel', (ctx) => (claims.update(ctx.params.id as string, (c) => void Object.assign(c, { expires_at: nowIso(), updated_at: nowIso(), is_cancelled: true })) ? { status: 204 } : notFound('Claim')));
  r.put('/wms/claims/:id/extend', (ctx) => {
    const p = parse(ctx, z.object({ expires_at: z.string() }));
    if (!p.ok) return p.reply;
    const c = claims.update(ctx.params.id as string, (x) => void Object.assign(x, { expires_at: p.value.expires_at, updated_at: nowIso() }));
    return c ? json(200, c) : notFound('Claim');
  });
  r.put('/wms/claims/:id/confirm', (ctx) => {
    const p = parse(ctx, z.object({ target_id: z.string() }));
    if (!p.ok) return p.reply;
    const c = claims.update(ctx.params.id as string, (x) => void Object.assign(x, { target: p.value.target_id, expires_at: null, updated_at: nowIso() }));
    return c ? json(200, c) : notFound('Claim');
  });

  // ------------------------------------------------------------ catalogue: EAN/UPC → SKU map
  const COLLECTION = 'barcodes';
  const mapGet = (key: string): string | undefined => {
    const o = mapKeys.get(key);
    if (o) return o.value;
    return ds.productByBarcode(key)?.sku;
  };
  r.get('/cat/maps/collections', (ctx) => paged(ctx, [{ id: COLLECTION, last_upsert_at: mapLastUpsert, last_miss_at: [...mapMisses.values()].map((m) => m.last_miss_at).sort().pop() ?? null }], 1));
  r.get('/cat/maps/collections/:id', (ctx) => (ctx.params.id === COLLECTION ? json(200, { id: COLLECTION, last_upsert_at: mapLastUpsert, last_miss_at: [...mapMisses.values()].map((m) => m.last_miss_at).sort().pop() ?? null }) : notFound('Collection')));
  r.get('/cat/maps/collections/:id/keys', (ctx) => {
    if (ctx.params.id !== COLLECTION) return notFound('Collection');
    const rows: Json[] = [];
    for (const pr of ds.products) {
      rows.push({ key: pr.ean13, value: pr.sku, upserted_at: iso(Date.UTC(2024, 0, 1)) });
      if (pr.upcA) rows.push({ key: pr.upcA, value: pr.sku, upserted_at: iso(Date.UTC(2024, 0, 1)) });
    }
    for (const [key, v] of mapKeys) {
      const k = rows.findIndex((x) => x.key === key);
      if (k >= 0) rows[k] = { key, ...v };
      else rows.push({ key, ...v });
    }
    const { offset, size } = paging(ctx);
    return paged(ctx, rows.slice(offset, offset + size), rows.length);
  });
  r.put('/cat/maps/collections/:id/keys', (ctx) => {
    if (ctx.params.id !== COLLECTION) return notFound('Collection');
    const p = parse(ctx, MapKeys);
    if (!p.ok) return p.reply;
    mapLastUpsert = nowIso();
    for (const k of p.value) mapKeys.set(k.key, { value: k.value, upserted_at: mapLastUpsert });
    return { status: 204 };
  });
  r.post('/cat/maps/collections/:id/search', (ctx) => {
    if (ctx.params.id !== COLLECTION) return notFound('Collection');
    const p = parse(ctx, z.union([z.array(z.string()), z.object({ keys: z.array(z.string()) })]));
    if (!p.ok) return p.reply;
    const keys = Array.isArray(p.value) ? p.value : p.value.keys;
    const hits: Record<string, string> = {};
    const misses: string[] = [];
    for (const k of keys) {
      const v = mapGet(k);
      if (v) hits[k] = v;
      else {
        misses.push(k);
        mapMisses.set(k, { count: (mapMisses.get(k)?.count ?? 0) + 1, last_miss_at: nowIso() });
      }
    }
    return json(200, { hits, misses });
  });
  r.get('/cat/maps/collections/:id/misses', (ctx) => {
    if (ctx.params.id !== COLLECTION) return notFound('Collection');
    const rows = [...mapMisses].map(([key, m]) => ({ key, ...m }));
    const { offset, size } = paging(ctx);
    return paged(ctx, rows.slice(offset, offset + size), rows.length);
  });

  // ------------------------------------------------------------ relations
  const contactByEmail = (email: string): Json | undefined => {
    const e = email.toLowerCase();
    const touched = contactEmails.get(e);
    if (touched !== undefined) {
      const c = contacts.getAt(touched);
      if (c && c.email.toLowerCase() === e) return c;
    }
    const m = /(\d+)@/.exec(e);
    if (m) {
      const c = contacts.getAt(Number(m[1]));
      if (c && c.email.toLowerCase() === e) return c;
    }
    return undefined;
  };
  r.get('/rel/contacts', (ctx) => {
    const { offset, size } = paging(ctx);
    return paged(ctx, contacts.list(offset, size), contacts.size);
  });
  r.post('/rel/contacts', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map, bad } = constraintsOf(p.value);
    const unknown = [...map.keys()].filter((k) => !['id', 'ids', 'email'].includes(k));
    if (bad.length || unknown.length) return err(400, 'Unsupported constraint', { invalid: [...bad, ...unknown] });
    const hits: Json[] = [];
    for (const id of [...(map.get('id') ?? []), ...(map.get('ids') ?? [])]) {
      const c = contacts.get(id) ?? contactByEmail(id);
      if (c) hits.push(c);
    }
    for (const e of map.get('email') ?? []) {
      const c = contactByEmail(e);
      if (c) hits.push(c);
    }
    const { offset, size } = paging(ctx);
    return paged(ctx, hits.slice(offset, offset + size), hits.length);
  });
  const phoneById = (id: string): Json | undefined => {
    if (createdPhones.has(id)) return createdPhones.get(id);
    const i = indexFromUuid(seed, 'phone', id);
    if (i === null) return undefined;
    if (i >= A.PHONE_BASE_COMPANY) {
      const c = i - A.PHONE_BASE_COMPANY;
      return c < ds.counts.companies ? organisations.getAt(c)?.phone_numbers?.primary : undefined;
    }
    const pi = Math.floor(i / 8);
    if (pi >= ds.counts.persons) return undefined;
    const c = contacts.getAt(pi);
    return c ? [c.phone_numbers?.primary, ...(c.phone_numbers?.secondary ?? [])].find((x: Json) => x?.id === id) : undefined;
  };
  const addressById = (id: string): Json | undefined => {
    if (createdAddresses.has(id)) return createdAddresses.get(id);
    const i = indexFromUuid(seed, 'address', id);
    if (i === null) return undefined;
    if (i >= A.ADDRESS_BASE_ORDER) {
      const oi = i - A.ADDRESS_BASE_ORDER;
      if (oi >= ds.counts.orders) return undefined;
      const o = ds.orders.get(oi);
      return A.relAddress(seed, i, o.shippingAddress, o.createdAt);
    }
    if (i >= A.ADDRESS_BASE_COMPANY) {
      const c = i - A.ADDRESS_BASE_COMPANY;
      return c >= 0 && c < ds.counts.companies ? organisations.getAt(c)?.billing?.primary : undefined;
    }
    if (i % 4 !== 0 || i / 4 >= ds.counts.persons) return undefined;
    return contacts.getAt(i / 4)?.shipping?.primary;
  };
  r.put('/rel/contacts', (ctx) => {
    const p = parse(ctx, ContactUpsert);
    if (!p.ok) return p.reply;
    const b = p.value as Json;
    const invalid: string[] = [];
    const resolve = (kind: 'phone_numbers' | 'shipping' | 'billing'): { primary: Json; secondary: Json[] } | undefined => {
      const ref = b[kind];
      if (!ref) return undefined;
      const get = kind === 'phone_numbers' ? phoneById : addressById;
      const prim = ref.primary ? get(ref.primary) : null;
      if (ref.primary && !prim) invalid.push(`${kind}.primary`);
      const sec = (ref.secondary ?? []).map((id: string, k: number) => get(id) ?? (invalid.push(`${kind}.secondary.${k}`), null)).filter(Boolean);
      return { primary: prim, secondary: sec };
    };
    const phones = resolve('phone_numbers');
    const shipping = resolve('shipping');
    const billing = resolve('billing');
    if (invalid.length) return err(400, 'Unknown reference', { invalid });
    const apply = (x: Json): void => {
      for (const k of ['is_guest', 'audience', 'tags', 'given_name', 'additional_name', 'family_name', 'metadata']) if (b[k] !== undefined) x[k] = b[k];
      // only the primaries are updated; a replaced primary moves to the secondary list
      for (const [k, v] of [['phone_numbers', phones], ['shipping', shipping], ['billing', billing]] as const) {
        if (!v) continue;
        const cur = x[k] ?? { primary: null, secondary: [] };
        if (v.primary && cur.primary && cur.primary.id !== v.primary.id) cur.secondary = [cur.primary, ...cur.secondary.filter((s: Json) => s.id !== v.primary.id)];
        if (v.primary) cur.primary = v.primary;
        for (const s of v.secondary) if (!cur.secondary.some((y: Json) => y.id === s.id)) cur.secondary.push(s);
        x[k] = cur;
      }
      x.version = randomUUID().slice(0, 8);
      x.updated_at = nowIso();
    };
    const existing = contactByEmail(b.email);
    if (existing) return json(200, contacts.update(existing.id, apply));
    const c = contacts.create((i) => {
      const x: Json = { id: uuidFor(seed, 'contact', i), version: '', email: b.email, is_guest: false, audience: 'default', tags: [], given_name: '', additional_name: '', family_name: '', organisations: { primary: null, secondary: [] }, billing: { primary: null, secondary: [] }, shipping: { primary: null, secondary: [] }, phone_numbers: { primary: null, secondary: [] }, metadata: {}, created_at: nowIso(), updated_at: nowIso(), deleted_at: null };
      apply(x);
      return x;
    });
    contactEmails.set(String(b.email).toLowerCase(), contacts.indexOf(c.id) as number);
    return json(200, c);
  });
  r.get('/rel/contacts/:id', (ctx) => {
    const c = contacts.get(ctx.params.id as string);
    return c ? json(200, c) : notFound('Contact');
  });
  r.delete('/rel/contacts/:id', (ctx) => (contacts.remove(ctx.params.id as string) ? { status: 204 } : notFound('Contact')));
  r.get('/rel/organisations', (ctx) => {
    const { offset, size } = paging(ctx);
    return paged(ctx, organisations.list(offset, size), organisations.size);
  });
  r.get('/rel/organisations/:id', (ctx) => {
    const o = organisations.get(ctx.params.id as string);
    return o ? json(200, o) : notFound('Organisation');
  });
  r.post('/rel/search/organisations', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map } = constraintsOf(p.value);
    const hits = (map.get('ids') ?? []).map((id) => organisations.get(id)).filter(Boolean) as Json[];
    return paged(ctx, hits, hits.length);
  });
  r.post('/rel/phonenumbers', (ctx) => {
    const p = parse(ctx, PhoneCreate);
    if (!p.ok) return p.reply;
    const cc = p.value.country_code.toUpperCase();
    const prefix: Record<string, string> = { CZ: '420', SK: '421', DE: '49', NL: '31' };
    let digits = p.value.number.replace(/[^\d+]/g, '');
    if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
    if (!digits.startsWith('+')) digits = `+${prefix[cc] ?? ''}${digits.replace(/^0/, '')}`;
    if (!/^\+\d{8,15}$/.test(digits)) return err(400, 'Invalid phone number', { invalid: ['number'] });
    const nsn = digits.slice(1 + (prefix[cc]?.length ?? 0));
    const ph = { id: randomUUID(), country_code: cc, number: digits, national: cc === 'CZ' || cc === 'SK' ? nsn.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3') : `0${nsn}`, type: /^(6|7)/.test(nsn) && cc === 'CZ' ? 'mobile' : /^9/.test(nsn) && cc === 'SK' ? 'mobile' : /^1[5-7]/.test(nsn) && cc === 'DE' ? 'mobile' : /^6/.test(nsn) && cc === 'NL' ? 'mobile' : 'fixed_number', created_at: nowIso() };
    createdPhones.set(ph.id, ph);
    return json(200, ph);
  });
  r.get('/rel/phonenumbers/:id', (ctx) => {
    const ph = phoneById(ctx.params.id as string);
    return ph ? json(200, ph) : notFound('Phone number');
  });
  r.post('/rel/search/phonenumbers', (ctx) => {
    const p = parse(ctx, SearchBody);
    if (!p.ok) return p.reply;
    const { map } = constraintsOf(p.value);
    const hits = (map.get('ids') ?? []).map(phoneById).filter(Boolean) as Json[];
    return paged(ctx, hits, hits.length);
  });
  r.post('/rel/addresses', (ctx) => {
    const p = parse(ctx, AddressCreate);
    if (!p.ok) return p.reply;
    const a = { id: randomUUID(), administrative_area: '', dependent_locality: '', sorting_code: '', address_line_2: '', premise_number_suffix: '', organisation: '', additional_name: '', ...p.value, created_at: nowIso() };
    createdAddresses.set(a.id, a);
    return json(200, a);
  });
  r.get('/rel/addresses/:id', (ctx) => {
    const a = addressById(ctx.params.id as string);
    return a ? json(200, a) : notFound('Address');
  });

  function bearer(ctx: Ctx): string | undefined {
    const h = header(ctx, 'authorization');
    return h ? /^Bearer\s+(\S+)$/i.exec(h)?.[1] : undefined;
  }

  let running = false;
  return {
    name: 'afosto',
    prefix: '/afosto',
    router: r,
    hasTokens: true,
    credentials: { client_id: AFOSTO_CREDENTIALS.client_id, client_secret: AFOSTO_CREDENTIALS.client_secret, grant_type: AFOSTO_CREDENTIALS.grant_type },
    authenticate(ctx: Ctx) {
      const t = bearer(ctx);
      if (!t) return err(401, 'Unauthorized: missing bearer token');
      const c = tokens.check(t);
      if (!c.ok) return err(401, c.reason === 'expired' ? 'Unauthorized: token expired' : 'Unauthorized: invalid token');
      ctx.principal = c.info.sub;
      return null;
    },
    errorReply: (status, message) => err(status, message),
    expireTokens() {
      tokens.expireAll();
    },
    tick(now: number) {
      for (const [id, due] of jobDue) {
        if (due > now) continue;
        const j = jobs.get(id);
        if (j && j.status === 'scheduled') Object.assign(j, { status: 'printed', printed_at: iso(due), updated_at: iso(due) });
        jobDue.delete(id);
      }
      if (running) return;
      for (const t of tasks.values()) {
        if (t.completedAt !== null || t.completeAt > now) continue;
        t.completedAt = now;
        running = true;
        try {
          const res = t.run();
          if (typeof res === 'string') t.result = res;
          else {
            // async (PDF rendering): mark complete when it resolves
            t.completedAt = null;
            t.completeAt = Number.MAX_SAFE_INTEGER;
            res.then(
              (v) => Object.assign(t, { result: v, completedAt: state.now() }),
              (e: Error) => Object.assign(t, { result: `error: ${e.message}`, completedAt: state.now() }),
            );
          }
        } finally {
          running = false;
        }
      }
    },
    snapshot() {
      const ch = (c: OverlayCollection<Json>): Json => {
        const x = c.changes();
        return { count: c.size, created: x.created, updated: x.updated, deleted: x.deleted };
      };
      return {
        orders: ch(orders),
        shipments: ch(shipments),
        parcels: ch(parcels),
        lists: ch(lists),
        claims: ch(claims),
        contacts: ch(contacts),
        printers: [...printers.values()],
        queue: [...jobs.values()].filter((j) => !ds.afosto.jobs.slice(0, 1000).some((b: Json) => b.id === j.id)),
        tasks: [...tasks.values()].map((t) => ({ id: t.id, name: t.name, completed: t.completedAt !== null, result: t.result })),
        files: [...files.values()].map((f) => f.meta),
        stock: Object.fromEntries(stockOverlay),
        barcodeMap: Object.fromEntries(mapKeys),
        phoneNumbers: [...createdPhones.values()],
        addresses: [...createdAddresses.values()],
      };
    },
  };
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
