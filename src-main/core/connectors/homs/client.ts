// HOMS client: HTTP Basic (e-mail + API token), bare 4xx errors turned into RemoteError, every
// answer checked with zod, pages walked the way the document says (until a short page).
//
// Two traps of the remote shape this client:
// - A create or update whose save fails may still be answered 201/200 with the order rendered
//   (document: "Always re-check the returned fields"). A create without id/code is a validation
//   error; an update is confirmed by reading the order back.
// - A different `order_type_code` resets every custom field. Plain updates cannot send it; only
//   `changeOrderType`, which checks the current type and must be told that the fields go.
import type { z } from 'zod';
import { RemoteError } from '../shared/errors';
import { parseBody, send, statusError, tryJson, type HttpOptions, type HttpRequest, type HttpResponse } from '../shared/http';
import { ExtCodeMap } from './extCodeMap';
import {
  createdOrderReplySchema,
  homsConfigSchema,
  orderCreateSchema,
  orderReplySchema,
  orderSchema,
  ordersPageSchema,
  orderTypeChangeSchema,
  orderUpdateSchema,
  userReplySchema,
  usersPageSchema,
  validationBodySchema,
  type HomsConfig,
  type Order,
  type OrderCreate,
  type OrderTypeChange,
  type OrderUpdate,
  type User,
} from './schemas';

const REMOTE = 'homs' as const;
/** The document's default page size is 25; larger pages mean fewer round trips on a full scan. */
export const DEFAULT_PAGE_SIZE = 100;
/** Not in the document; the simulator clamps at 1000, and a clamped page would look "short" and end a scan early. */
export const MAX_PAGE_SIZE = 1000;

export interface HomsClientOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  /** Known `[code, ext_code]` pairs (persisted by the sync engine). */
  extCodes?: Iterable<readonly [string, string]>;
}

export interface PageOptions {
  pageSize?: number;
}

/** A refusal made here, before anything is sent: parked like the remote's own validation errors. */
function usageError(what: string, message: string): RemoteError {
  return new RemoteError({ remote: REMOTE, kind: 'validation', message: `${what}: ${message} (refused before sending)`, remoteMessage: message, details: { local: true } });
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw usageError(what, r.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; '));
  return r.data;
}

/** Rails `errors` JSON `{field: [msg]}` as one line, "base" messages without their key. */
export function validationMessage(text: string): string | undefined {
  const body = validationBodySchema.safeParse(tryJson(text));
  if (!body.success) return text.trim() || undefined;
  const parts = Object.entries(body.data).flatMap(([field, msgs]) => (Array.isArray(msgs) ? msgs : [msgs]).map((m) => (field === 'base' ? m : `${field} ${m}`)));
  return parts.length ? parts.join('; ') : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Datetimes may come back in another spelling of the same instant (".000", "Z" vs "+00:00").
  if (typeof a === 'string' && typeof b === 'string') {
    const ta = Date.parse(a);
    return !Number.isNaN(ta) && /^\d{4}-\d\d-\d\dT/.test(a) && ta === Date.parse(b);
  }
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

const pathSegment = (s: string) => encodeURIComponent(s).replace(/%40/g, '@');

export class HomsClient {
  private readonly http: HttpOptions;
  private readonly authorization: string;
  private readonly email: string;
  /** code ↔ ext_code of every order this client has seen. */
  readonly extCodes: ExtCodeMap;

  constructor(config: HomsConfig, opts: HomsClientOptions = {}) {
    const c = homsConfigSchema.parse(config);
    this.http = {
      remote: REMOTE,
      baseUrl: c.baseUrl,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    };
    this.email = c.email;
    this.authorization = `Basic ${Buffer.from(`${c.email}:${c.token}`, 'utf8').toString('base64')}`;
    this.extCodes = new ExtCodeMap(opts.extCodes);
  }

  // ------------------------------------------------------------ orders

  /** One page, newest first. */
  async listOrders(page: number, opts: PageOptions = {}): Promise<Order[]> {
    const size = this.pageSize(opts);
    const res = await this.request('list orders', { path: '/api/orders', query: { page_size: size, page } });
    const orders = parseBody(REMOTE, res, ordersPageSchema, `list orders page ${page}`).orders;
    for (const o of orders) this.extCodes.note(o);
    return orders;
  }

  /** Every order, page by page, until a page shorter than the page size (the document gives no total). */
  orderPages(opts: PageOptions = {}): AsyncGenerator<Order[]> {
    return this.pages((page, size) => this.listOrders(page, { pageSize: size }), this.pageSize(opts), (o) => o.code);
  }

  async getOrder(code: string): Promise<Order> {
    const res = await this.request(`get order ${code}`, { path: `/api/orders/${pathSegment(code)}` });
    const order = parseBody(REMOTE, res, orderReplySchema, `get order ${code}`).order;
    this.extCodes.note(order);
    return order;
  }

  /**
   * Create an order. Not idempotent on the remote: after an uncertain outcome (timeout, reset, lost
   * reply) call `createOrderOnce`, which looks for the `ext_code` first.
   */
  async createOrder(input: OrderCreate): Promise<Order> {
    const what = 'create order';
    const body = parseInput(orderCreateSchema, input, what);
    const res = await this.request(what, { method: 'POST', path: '/api/orders', json: { order: body } }, (r) =>
      r.status === 404 ? this.unknownReference(what, r, body) : undefined,
    );
    const reply = parseBody(REMOTE, res, createdOrderReplySchema, what).order;
    if (reply.id === null || reply.code === null) {
      throw new RemoteError({ remote: REMOTE, kind: 'validation', status: res.status, message: `${what}: HOMS answered ${res.status} but did not save the order`, remoteMessage: 'HOMS did not save the order (no reason given)' });
    }
    const order = orderSchema.parse(reply);
    this.extCodes.note(order);
    return order;
  }

  /**
   * Lost-reply reconciliation: an order already carrying `ext_code` is returned as is
   * (`created: false`); only when none exists is it created.
   */
  async createOrderOnce(input: OrderCreate): Promise<{ order: Order; created: boolean }> {
    const body = parseInput(orderCreateSchema, input, 'create order');
    const found = await this.findByExtCode(body.ext_code);
    if (found) return { order: found, created: false };
    return { order: await this.createOrder(body), created: true };
  }

  /**
   * The order carrying `extCode`, or undefined. The API cannot filter by ext_code, so this tries the
   * code the map knows (re-read, since it may be stale), then pages newest first — a lost create
   * is among the newest — and stops at the first match. When ext_code is not unique, that is the newest.
   */
  async findByExtCode(extCode: string, opts: PageOptions = {}): Promise<Order | undefined> {
    const known = this.extCodes.codeOf(extCode);
    if (known !== undefined) {
      try {
        const o = await this.getOrder(known);
        if (o.ext_code === extCode) return o;
      } catch (err) {
        if (!(err instanceof RemoteError && err.kind === 'not_found')) throw err;
        this.extCodes.forget(known);
      }
    }
    for await (const page of this.orderPages(opts)) {
      const hit = page.find((o) => o.ext_code === extCode);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * Partial update: only what is named changes; custom fields in `data.set` are merged. Emptying
   * a field is asked for in `clear` / `data.clear`. Safe to resend. The result is the order as
   * read back after the update; a field HOMS did not keep is a validation error.
   */
  async updateOrder(code: string, update: OrderUpdate): Promise<Order> {
    const what = `update order ${code}`;
    const u = parseInput(orderUpdateSchema, update, what);
    const set: Record<string, unknown> = { ...u.set };
    for (const k of u.clear ?? []) {
      if (k in set) throw usageError(what, `${k} is both set and cleared`);
      set[k] = null;
    }
    if (u.data) {
      const data: Record<string, unknown> = { ...u.data.set };
      for (const k of u.data.clear ?? []) {
        if (k in data) throw usageError(what, `data.${k} is both set and cleared`);
        data[k] = null;
      }
      if (Object.keys(data).length) set.data = data;
    }
    if (Object.keys(set).length === 0) throw usageError(what, 'nothing to change');
    return this.put(code, set, what);
  }

  /**
   * Switch the order type. HOMS resets every custom field to the new type's set (all null) and
   * then merges `data`. Refused with `conflict` when the order is neither of type `from` nor
   * already `to`; when it is already `to` (a resend after a lost reply) only `data` is merged, which
   * is what the first attempt did.
   */
  async changeOrderType(code: string, change: OrderTypeChange): Promise<Order> {
    const what = `change type of order ${code}`;
    const c = parseInput(orderTypeChangeSchema, change, what);
    if (c.from === c.to) throw usageError(what, 'from and to are the same type');
    const current = await this.getOrder(code);
    if (current.order_type_code !== c.from && current.order_type_code !== c.to) {
      throw new RemoteError({ remote: REMOTE, kind: 'conflict', message: `${what}: expected type ${c.from}, the order is ${current.order_type_code}`, remoteMessage: `order type is ${current.order_type_code}, not ${c.from}` });
    }
    const body: Record<string, unknown> = { order_type_code: c.to };
    if (Object.keys(c.data).length) body.data = c.data;
    return this.put(code, body, what);
  }

  // ------------------------------------------------------------ users

  async listUsers(page: number, opts: PageOptions = {}): Promise<User[]> {
    const size = this.pageSize(opts);
    const res = await this.request('list users', { path: '/api/users', query: { page_size: size, page } });
    return parseBody(REMOTE, res, usersPageSchema, `list users page ${page}`).users;
  }

  userPages(opts: PageOptions = {}): AsyncGenerator<User[]> {
    return this.pages((page, size) => this.listUsers(page, { pageSize: size }), this.pageSize(opts), (u) => u.email);
  }

  async getUser(email: string): Promise<User> {
    const res = await this.request(`get user ${email}`, { path: `/api/users/${pathSegment(email)}` });
    return parseBody(REMOTE, res, userReplySchema, `get user ${email}`).user;
  }

  /** "Test connection": the configured user's own record (checks URL, e-mail and token in one call). */
  async whoAmI(): Promise<User> {
    return this.getUser(this.email);
  }

  // ------------------------------------------------------------ internals

  private pageSize(opts: PageOptions): number {
    const size = opts.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new RangeError(`page size must be 1..${MAX_PAGE_SIZE}`);
    return size;
  }

  private async *pages<T>(fetchPage: (page: number, size: number) => Promise<T[]>, size: number, keyOf: (t: T) => string): AsyncGenerator<T[]> {
    let previousFirst: string | undefined;
    for (let page = 1; ; page++) {
      const items = await fetchPage(page, size);
      if (items.length > 0) {
        // A server that ignores `page` would answer the same full page forever.
        const first = keyOf(items[0] as T);
        if (first === previousFirst) throw new RemoteError({ remote: REMOTE, kind: 'bad_response', message: `page ${page} repeats page ${page - 1}` });
        previousFirst = first;
        yield items;
      }
      if (items.length < size) return;
    }
  }

  /** PUT, then read the order back and check HOMS kept every field sent (a failed save is still answered 200). */
  private async put(code: string, body: Record<string, unknown>, what: string): Promise<Order> {
    const res = await this.request(what, { method: 'PUT', path: `/api/orders/${pathSegment(code)}`, json: { order: body } }, (r) =>
      r.status === 404 ? this.notFoundOnPut(what, code, r, body) : undefined,
    );
    parseBody(REMOTE, res, orderReplySchema, what);
    const fresh = await this.getOrder(code);
    const lost: string[] = [];
    for (const [k, v] of Object.entries(body)) {
      if (k === 'data') {
        for (const [f, fv] of Object.entries(v as Record<string, unknown>)) {
          if (!(f in fresh.data) || !sameValue(fv, fresh.data[f])) lost.push(`data.${f}`);
        }
      } else if (k === 'user_email' && typeof v === 'string' && typeof fresh.user_email === 'string') {
        // HOMS resolves the e-mail to a user and renders that user's own spelling.
        if (v.toLowerCase() !== fresh.user_email.toLowerCase()) lost.push(k);
      } else if (!sameValue(v, (fresh as Record<string, unknown>)[k])) lost.push(k);
    }
    if (lost.length) {
      const message = `HOMS did not keep ${lost.join(', ')}`;
      throw new RemoteError({ remote: REMOTE, kind: 'validation', status: res.status, message: `${what}: ${message}`, remoteMessage: message, details: { lost, order: fresh } });
    }
    return fresh;
  }

  /** A 404 on PUT means an unknown order, or an unknown `order_type_code` / `user_email` in the body. */
  private async notFoundOnPut(what: string, code: string, res: HttpResponse, body: Record<string, unknown>): Promise<RemoteError> {
    try {
      await this.getOrder(code);
    } catch (err) {
      if (err instanceof RemoteError && err.kind === 'not_found') return statusError(REMOTE, res, what, { remoteMessage: `order ${code} not found` });
      throw err;
    }
    return this.unknownReference(what, res, body);
  }

  /** 404 for a body naming an order type or user HOMS does not know: the data is wrong, not the address. */
  private unknownReference(what: string, res: HttpResponse, body: Record<string, unknown>): RemoteError {
    const named = [
      typeof body.order_type_code === 'string' ? `order type "${body.order_type_code}"` : undefined,
      typeof body.user_email === 'string' ? `user "${body.user_email}"` : undefined,
    ].filter(Boolean);
    const message = `HOMS does not know ${named.length ? named.join(' or ') : 'something the order names'}`;
    return new RemoteError({ remote: REMOTE, kind: 'validation', status: res.status, message: `${what}: HTTP 404 — ${message}`, remoteMessage: message });
  }

  /** One authenticated call; non-2xx becomes RemoteError (`special` may explain a status first). */
  private async request(
    what: string,
    req: HttpRequest,
    special?: (res: HttpResponse) => Promise<RemoteError> | RemoteError | undefined,
  ): Promise<HttpResponse> {
    const res = await send(this.http, { ...req, headers: { ...req.headers, authorization: this.authorization } });
    if (res.status >= 200 && res.status < 300) return res;
    const mapped = await special?.(res);
    if (mapped) throw mapped;
    const now = this.http.now?.();
    if (res.status === 422) {
      const message = validationMessage(res.text) ?? 'validation failed (no reason given)';
      throw statusError(REMOTE, res, what, { remoteMessage: message, details: res.text, ...(now !== undefined ? { now } : {}) });
    }
    if (res.status === 401) throw statusError(REMOTE, res, what, { remoteMessage: 'e-mail or API token refused' });
    throw statusError(REMOTE, res, what, now !== undefined ? { now } : {});
  }
}
