// The Afosto client: bearer auth (client credentials or a pasted token, extended before expiry),
// Afosto's `{code, message, reference, errors}` turned into RemoteError, header paging exactly as
// the reference documents it, and every answer checked with zod (./schemas).
import { z } from 'zod';
import { RemoteError } from '../shared/errors';
import { parseBody, send, statusError, tryJson, type HttpOptions, type HttpRequest, type HttpResponse } from '../shared/http';
import { TokenSource, type IssuedToken } from '../shared/token';
import * as S from './schemas';

export const afostoConfigSchema = z.union([
  z.object({ baseUrl: z.string().url(), clientId: z.string().min(1), clientSecret: z.string().min(1), scope: z.string().optional() }),
  z.object({ baseUrl: z.string().url(), accessToken: z.string().min(1) }),
]);
export type AfostoConfig = z.infer<typeof afostoConfigSchema>;

export interface AfostoOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  /** Page size sent as `x-page-size` (the document's default is 25). */
  pageSize?: number;
  /** Poll interval for `mes/tasks`. */
  taskPollMs?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  /** The next page to ask for, or undefined when this was the last one. */
  next: number | undefined;
  /** `x-count`, where the document promises it and the remote sent it. */
  total: number | undefined;
}

export interface PageOpts {
  page?: number;
  pageSize?: number;
}

/** PUT /lcs/lists/{id}/items element (LcsHandlingListItemUpdate); `id` is a unit id from the row's `ids`. */
export interface PickItemUpdate {
  id: string;
  is_handled?: boolean;
  is_serviced?: boolean;
  is_finished?: boolean;
  position?: string;
  lot_number?: string;
  expires_at?: string;
}

export interface CorrectionLine {
  sku: string;
  quantity: number;
  description?: string;
  position?: string;
}

/** LcsParcelCreateModel. */
export interface ParcelCreate {
  shipment_id: string;
  weight?: number;
  length?: number;
  width?: number;
  height?: number;
  tracking_code?: string;
  tracking_url?: string;
  item_ids?: string[];
}

/** LcsParcelModel (PUT /lcs/parcels/{id}). */
export interface ParcelUpdate {
  weight?: number;
  length?: number;
  width?: number;
  height?: number;
  ship_at?: string;
  tracking_code?: string;
  tracking_url?: string;
  position?: string;
}

/** SplJobModel. */
export interface PrintJobCreate {
  job: string;
  tag?: string;
  description?: string;
  reference: string;
  hub_id: string;
  schedule_at?: string;
}

export interface FetchedFile {
  meta: S.FileMeta;
  bytes: Uint8Array;
}

const REMOTE = 'afosto' as const;
/** Renew (extend) this long before a token lapses. */
const RENEW_MARGIN_MS = 60_000;

/** The `exp` claim of a JWT, in epoch ms, if the token is one. */
export function jwtExpiry(token: string): number | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Afosto's error body → RemoteError; field lists go into the message the Sync screen shows. */
export function afostoError(res: HttpResponse, what: string, now?: number): RemoteError {
  const parsed = S.errorBodySchema.safeParse(tryJson(res.text));
  const body: S.ErrorBody | undefined = parsed.success ? parsed.data : undefined;
  const invalid = body?.errors?.['invalid value'] ?? [];
  const required = body?.errors?.required ?? [];
  const fields = [invalid.length ? `invalid value: ${invalid.join(', ')}` : '', required.length ? `required: ${required.join(', ')}` : ''].filter(Boolean).join('; ');
  const base = body?.message ?? undefined;
  const remoteMessage = base !== undefined || fields ? [base, fields ? `(${fields})` : ''].filter(Boolean).join(' ') : undefined;
  return statusError(REMOTE, res, what, {
    ...(remoteMessage !== undefined ? { remoteMessage } : {}),
    ...(body ? { details: { reference: body.reference ?? undefined, invalid, required } } : {}),
    ...(now !== undefined ? { now } : {}),
  });
}

export class AfostoClient {
  readonly tokens: TokenSource;
  private readonly http: HttpOptions;
  private readonly now: () => number;
  private readonly pageSize: number;
  private readonly taskPollMs: number;
  /** The token the remote last refused: never extended, only replaced. */
  private rejected: string | undefined;
  private realExpiry: { token: string; at: number } | undefined;

  constructor(
    private readonly config: AfostoConfig,
    opts: AfostoOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.pageSize = opts.pageSize ?? 25;
    this.taskPollMs = opts.taskPollMs ?? 250;
    this.http = {
      remote: REMOTE,
      baseUrl: config.baseUrl,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      now: this.now,
    };
    this.tokens = new TokenSource((prev) => this.issue(prev), this.now, RENEW_MARGIN_MS);
  }

  // ---- auth ---------------------------------------------------------------------------------

  /**
   * TokenSource renews a fixed minute before `expiresAt`; a short-lived token (a simulator run
   * with a small --token-ttl) would then be renewed on every call, so it is renewed at half its
   * life instead. `realExpiry` keeps the true end, for deciding whether it can still be extended.
   */
  private issued(token: string, lifetimeMs: number | undefined, at = this.now()): IssuedToken {
    if (lifetimeMs === undefined) return { token };
    this.realExpiry = { token, at: at + lifetimeMs };
    return { token, expiresAt: at + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 2) + RENEW_MARGIN_MS };
  }

  private fromReply(t: S.AccessToken): IssuedToken {
    if (t.expires_in != null) return this.issued(t.access_token, t.expires_in * 1000);
    const exp = jwtExpiry(t.access_token);
    return this.issued(t.access_token, exp !== undefined ? exp - this.now() : undefined);
  }

  private async issue(prev: IssuedToken | undefined): Promise<IssuedToken> {
    const pasted = 'accessToken' in this.config ? this.config.accessToken : undefined;
    if (!prev && pasted !== undefined) {
      const exp = jwtExpiry(pasted);
      return this.issued(pasted, exp !== undefined ? exp - this.now() : undefined);
    }
    // A live token nearing expiry is extended (the document's way); a refused or lapsed one cannot be.
    const end = this.realExpiry?.token === prev?.token ? this.realExpiry?.at : undefined;
    const live = prev && prev.token !== this.rejected && (end === undefined || end > this.now());
    if (prev && live) {
      const res = await send(this.http, { path: '/iam/jwt/extend', headers: { authorization: `Bearer ${prev.token}` } });
      if (res.status === 200) return this.fromReply(parseBody(REMOTE, res, S.accessTokenSchema, 'extend token'));
      if (res.status !== 401 || pasted !== undefined) throw afostoError(res, 'extend token', this.now());
    }
    if (!('clientId' in this.config)) {
      throw new RemoteError({ remote: REMOTE, kind: 'auth', status: 401, message: 'the pasted access token is no longer accepted; paste a new one' });
    }
    const res = await send(this.http, {
      method: 'POST',
      path: '/iam/oauth/authorize',
      json: {
        client_id: this.config.clientId,
        client_secret: this.config.clientSecret,
        grant_type: 'client_credentials',
        ...(this.config.scope ? { scope: this.config.scope } : {}),
      },
    });
    if (res.status !== 200) throw afostoError(res, 'obtain access token', this.now());
    return this.fromReply(parseBody(REMOTE, res, S.accessTokenSchema, 'access token'));
  }

  /** One authenticated request; a 401 refreshes the shared token once and retries once. */
  private async raw(req: HttpRequest, what: string): Promise<HttpResponse> {
    const go = (token: string) => send(this.http, { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
    const token = await this.tokens.get();
    let res = await go(token);
    if (res.status === 401) {
      this.rejected = token;
      res = await go((await this.tokens.refresh(token)).token);
    }
    if (res.status < 200 || res.status > 299) throw afostoError(res, what, this.now());
    return res;
  }

  private async json<T extends z.ZodType>(req: HttpRequest, schema: T, what: string): Promise<z.output<T>> {
    return parseBody(REMOTE, await this.raw(req, what), schema, what);
  }

  /** Calls documented as 204 (state changes): any body is ignored (`PUT /lcs/lists/{id}/items` documents both). */
  private async noContent(req: HttpRequest, what: string): Promise<void> {
    await this.raw(req, what);
  }

  /** Checks the credentials: gets (or extends) a token. */
  async connect(): Promise<void> {
    await this.tokens.get();
  }

  // ---- paging -------------------------------------------------------------------------------

  /**
   * One page by `x-page`/`x-page-size`. `counted`: the document promises `x-count` for this list,
   * so the last page is the one reaching it; otherwise (or if the header is missing) a short or
   * empty page is the last.
   */
  private async page<T extends z.ZodType>(req: HttpRequest, item: T, what: string, counted: boolean, o: PageOpts = {}): Promise<Page<z.output<T>>> {
    const page = o.page ?? 1;
    const size = o.pageSize ?? this.pageSize;
    const res = await this.raw({ ...req, headers: { ...req.headers, 'x-page': String(page), 'x-page-size': String(size) } }, what);
    const items = parseBody(REMOTE, res, z.array(item), what);
    const header = counted ? res.headers.get('x-count') : null;
    const total = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
    const last = items.length === 0 || (total !== undefined ? (page - 1) * size + items.length >= total : items.length < size);
    return { items, page, next: last ? undefined : page + 1, total };
  }

  /** Every page of a paged call, in order. */
  async all<T>(fetchPage: (o: PageOpts) => Promise<Page<T>>, o: PageOpts = {}): Promise<T[]> {
    const out: T[] = [];
    let page: number | undefined = o.page ?? 1;
    while (page !== undefined) {
      const p = await fetchPage({ ...o, page });
      out.push(...p.items);
      page = p.next;
    }
    return out;
  }

  // ---- orders -------------------------------------------------------------------------------

  /**
   * `GET /odr/orders` (documents only `x-page`, no count: paged to a short page). The document
   * offers no "updated since" filter (only `number` and `authorization_id`): a pull re-reads all.
   */
  orders(o: PageOpts & { number?: string } = {}): Promise<Page<S.Order>> {
    return this.page({ path: '/odr/orders', query: { number: o.number } }, S.orderSchema, 'list orders', false, o);
  }

  /** `GET /odr/orders/{id}/items` (grouped lines with unit ids; `x-count`). */
  orderItems(orderId: string, o: PageOpts = {}): Promise<Page<S.OrderGroup>> {
    return this.page({ path: `/odr/orders/${enc(orderId)}/items` }, S.orderGroupSchema, 'order items', true, o);
  }

  /** A page of orders, each with all its item lines. */
  async ordersWithItems(o: PageOpts = {}): Promise<Page<S.Order & { lines: S.OrderGroup[] }>> {
    const p = await this.orders(o);
    const items = await mapLimit(p.items, 4, async (order) => ({ ...order, lines: await this.all((q) => this.orderItems(order.id, q), { pageSize: 100 }) }));
    return { ...p, items };
  }

  /** `GET /odr/orders?number=` → the order, or undefined. */
  async orderByNumber(number: string): Promise<S.Order | undefined> {
    return (await this.orders({ number })).items.find((x) => x.number === number);
  }

  // ---- pick lists ---------------------------------------------------------------------------

  /** `GET /lcs/lists`: pick lists with their units (`x-count`). */
  pickLists(o: PageOpts = {}): Promise<Page<S.ListedPickList>> {
    return this.page({ path: '/lcs/lists' }, S.listedPickListSchema, 'list pick lists', true, o);
  }

  /** `GET /lcs/lists/{id}`: grouped items in walk order, with sorting labels. */
  pickList(id: string): Promise<S.PickList> {
    return this.json({ path: `/lcs/lists/${enc(id)}` }, S.pickListSchema, 'pick list');
  }

  /** `POST /lcs/lists/search` (keys `ids, sub, location_id, is_on_hold, is_in_progress, is_finished, is_assigned`; `values`). */
  searchPickLists(constraints: Record<string, string[]>, o: PageOpts = {}): Promise<Page<S.PickList>> {
    const body = { constraints: Object.entries(constraints).map(([key, values]) => ({ key, operator: 'in', values })) };
    return this.page({ method: 'POST', path: '/lcs/lists/search', json: body }, S.pickListSchema, 'search pick lists', true, o);
  }

  /** `PUT /lcs/lists/{id}/items` (204). Sets absolute states, so resending is harmless. */
  updatePickItems(listId: string, updates: PickItemUpdate[]): Promise<void> {
    return this.noContent({ method: 'PUT', path: `/lcs/lists/${enc(listId)}/items`, json: updates }, 'pick list progress');
  }

  /** `PUT /lcs/lists/{id}/state` (204). */
  setPickListState(listId: string, state: { is_on_hold?: boolean; sub?: string }): Promise<void> {
    return this.noContent({ method: 'PUT', path: `/lcs/lists/${enc(listId)}/state`, json: state }, 'pick list state');
  }

  // ---- shipments ----------------------------------------------------------------------------

  /** `GET /lcs/shipments` (listed form, no units; `x-count`). */
  shipments(o: PageOpts = {}): Promise<Page<S.ListedShipment>> {
    return this.page({ path: '/lcs/shipments' }, S.listedShipmentSchema, 'list shipments', true, o);
  }

  /** `GET /lcs/shipments/{id}`: units, backorders, overage, parcels. */
  shipment(id: string): Promise<S.Shipment> {
    return this.json({ path: `/lcs/shipments/${enc(id)}` }, S.shipmentSchema, 'shipment');
  }

  /** A page of shipments, each read in full (with units). */
  async shipmentsWithUnits(o: PageOpts = {}): Promise<Page<S.Shipment>> {
    const p = await this.shipments(o);
    return { ...p, items: await mapLimit(p.items, 4, (s) => this.shipment(s.id)) };
  }

  /** `PUT /lcs/shipments/{id}/items/missing` (204). Absolute flags: safe to resend. */
  setMissing(shipmentId: string, units: { id: string; is_missing: boolean }[]): Promise<void> {
    return this.noContent({ method: 'PUT', path: `/lcs/shipments/${enc(shipmentId)}/items/missing`, json: units }, 'mark units missing');
  }

  /** `PUT /lcs/shipments/{id}/items/backorders`: REPLACES the lines (send the whole set). */
  setBackorders(shipmentId: string, lines: CorrectionLine[]): Promise<S.Shipment> {
    return this.json({ method: 'PUT', path: `/lcs/shipments/${enc(shipmentId)}/items/backorders`, json: lines }, S.shipmentSchema, 'set backorders');
  }

  /** `PUT /lcs/shipments/{id}/items/overage`: REPLACES the lines (send the whole set). */
  setOverage(shipmentId: string, lines: CorrectionLine[]): Promise<S.Shipment> {
    return this.json({ method: 'PUT', path: `/lcs/shipments/${enc(shipmentId)}/items/overage`, json: lines }, S.shipmentSchema, 'set overage');
  }

  // ---- parcels ------------------------------------------------------------------------------

  /** `GET /lcs/parcels` (`x-count`). */
  parcels(o: PageOpts = {}): Promise<Page<S.Parcel>> {
    return this.page({ path: '/lcs/parcels' }, S.parcelSchema, 'list parcels', true, o);
  }

  parcel(id: string): Promise<S.Parcel> {
    return this.json({ path: `/lcs/parcels/${enc(id)}` }, S.parcelSchema, 'parcel');
  }

  /** `POST /lcs/parcels`. No idempotency key exists for lcs: after a lost reply use `findParcel` first. */
  createParcel(p: ParcelCreate): Promise<S.Parcel> {
    return this.json({ method: 'POST', path: '/lcs/parcels', json: p }, S.parcelSchema, 'create parcel');
  }

  /** `POST /lcs/parcels/{id}/items` → `{success, failed}`. */
  addParcelItems(parcelId: string, ids: string[]): Promise<z.output<typeof S.successCountSchema>> {
    return this.json({ method: 'POST', path: `/lcs/parcels/${enc(parcelId)}/items`, json: { ids } }, S.successCountSchema, 'add parcel items');
  }

  /** `DELETE /lcs/parcels/{id}/items` (a DELETE with a body). */
  removeParcelItems(parcelId: string, ids: string[]): Promise<z.output<typeof S.successCountSchema>> {
    return this.json({ method: 'DELETE', path: `/lcs/parcels/${enc(parcelId)}/items`, json: { ids } }, S.successCountSchema, 'remove parcel items');
  }

  /** `PUT /lcs/parcels/{id}` (204): weight, dimensions, tracking, position. */
  updateParcel(parcelId: string, u: ParcelUpdate): Promise<void> {
    return this.noContent({ method: 'PUT', path: `/lcs/parcels/${enc(parcelId)}`, json: u }, 'update parcel');
  }

  parcelTransit(parcelId: string): Promise<void> {
    return this.noContent({ method: 'PUT', path: `/lcs/parcels/${enc(parcelId)}/transit` }, 'parcel in transit');
  }

  parcelFinished(parcelId: string): Promise<void> {
    return this.noContent({ method: 'PUT', path: `/lcs/parcels/${enc(parcelId)}/finished` }, 'parcel finished');
  }

  /**
   * Lost-reply reconciliation for `createParcel`: lcs parcels carry no client reference, so the
   * parcel is found again through its shipment as the one holding any of the units we boxed.
   */
  async findParcel(shipmentId: string, itemIds: string[]): Promise<S.Parcel | undefined> {
    const want = new Set(itemIds);
    const ship = await this.shipment(shipmentId);
    for (const nested of ship.parcels ?? []) {
      const items = nested.items ?? (await this.parcel(nested.id)).items ?? [];
      if (items.some((i) => want.has(i.id))) return this.parcel(nested.id);
    }
    return undefined;
  }

  // ---- labels, slips, tasks, files ------------------------------------------------------------

  private async startTask(path: string, what: string): Promise<string> {
    const res = await this.raw({ method: 'POST', path }, what);
    const id = res.headers.get('x-task-id');
    if (!id) throw new RemoteError({ remote: REMOTE, kind: 'bad_response', status: res.status, message: `${what}: no x-task-id header` });
    return id;
  }

  /** `POST /lcs/parcels/{id}/label` → the task id. */
  requestLabel(parcelId: string): Promise<string> {
    return this.startTask(`/lcs/parcels/${enc(parcelId)}/label`, 'request label');
  }

  /** `POST /lcs/parcels/{id}/slip` → the task id. */
  requestSlip(parcelId: string): Promise<string> {
    return this.startTask(`/lcs/parcels/${enc(parcelId)}/slip`, 'request slip');
  }

  task(id: string): Promise<S.Task> {
    return this.json({ path: `/mes/tasks/${enc(id)}` }, S.taskSchema, 'task');
  }

  /** Polls `GET /mes/tasks/{id}` until `completed_at`; `timeout` when it takes longer than `timeoutMs`. */
  async waitTask(id: string, timeoutMs = 60_000): Promise<S.Task> {
    const until = this.now() + timeoutMs;
    for (;;) {
      const t = await this.task(id);
      if (t.completed_at) return t;
      if (this.now() >= until) throw new RemoteError({ remote: REMOTE, kind: 'timeout', message: `task ${id} not completed within ${timeoutMs} ms` });
      await new Promise((r) => setTimeout(r, this.taskPollMs));
    }
  }

  /** `GET /cnt/files/{id}` (an array of one in the seed's example). */
  file(id: string): Promise<S.FileMeta> {
    return this.json({ path: `/cnt/files/${enc(id)}` }, S.fileResponseSchema, 'file');
  }

  /** The file's bytes from its `url` (a pre-signed address: no bearer token is sent to it). */
  async download(meta: S.FileMeta): Promise<FetchedFile> {
    const url = new URL(meta.url, this.config.baseUrl.replace(/\/?$/, '/')).toString();
    let res: Response;
    try {
      res = await (this.http.fetch ?? fetch)(url, { signal: AbortSignal.timeout(this.http.timeoutMs ?? 15_000) });
    } catch (err) {
      const name = (err as { name?: string }).name;
      throw new RemoteError({ remote: REMOTE, kind: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network', message: `download ${meta.id}: ${String(err)}` });
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (!res.ok) throw statusError(REMOTE, { status: res.status, headers: res.headers, text: '' }, `download ${meta.id}`);
    return { meta, bytes };
  }

  /** The whole label flow: request, wait for the task, read the parcel's `label.file_id`, fetch the file. */
  async labelFile(parcelId: string, timeoutMs?: number): Promise<FetchedFile> {
    await this.waitTask(await this.requestLabel(parcelId), timeoutMs);
    const fileId = (await this.parcel(parcelId)).label?.file_id;
    if (!fileId) throw new RemoteError({ remote: REMOTE, kind: 'bad_response', message: `label of parcel ${parcelId}: task done but no label.file_id` });
    return this.download(await this.file(fileId));
  }

  /**
   * The slip flow. Where the slip lands is undocumented: the task's `result` when it is a file id,
   * else the parcel's top-level `file_id`.
   */
  async slipFile(parcelId: string, timeoutMs?: number): Promise<FetchedFile> {
    const task = await this.waitTask(await this.requestSlip(parcelId), timeoutMs);
    const fileId = typeof task.result === 'string' && task.result ? task.result : (await this.parcel(parcelId)).file_id;
    if (!fileId) throw new RemoteError({ remote: REMOTE, kind: 'bad_response', message: `slip of parcel ${parcelId}: task done but no file` });
    return this.download(await this.file(fileId));
  }

  // ---- locations, positions, barcodes --------------------------------------------------------

  /** `GET /lcs/locations` (`x-count`). */
  locations(o: PageOpts = {}): Promise<Page<S.Location>> {
    return this.page({ path: '/lcs/locations' }, S.locationSchema, 'list locations', true, o);
  }

  /** `GET /lcs/locations/{id}/positions` (documents only `x-page`: paged to a short page). */
  positions(locationId: string, o: PageOpts = {}): Promise<Page<S.Position>> {
    return this.page({ path: `/lcs/locations/${enc(locationId)}/positions` }, S.positionSchema, 'list positions', false, o);
  }

  /** `GET /cat/maps/collections/{id}/keys`: barcode → SKU pairs (`x-count`). */
  barcodes(collectionId: string, o: PageOpts = {}): Promise<Page<S.MapKey>> {
    return this.page({ path: `/cat/maps/collections/${enc(collectionId)}/keys` }, S.mapKeySchema, 'list barcodes', true, o);
  }

  /** `POST /cat/maps/collections/{id}/search` (body: the keys) → hits and misses. */
  resolveBarcodes(collectionId: string, keys: string[]): Promise<z.output<typeof S.mapSearchSchema>> {
    return this.json({ method: 'POST', path: `/cat/maps/collections/${enc(collectionId)}/search`, json: keys }, S.mapSearchSchema, 'resolve barcodes');
  }

  /** `GET /cat/maps/collections` (`x-count`): which collection holds the barcodes. */
  mapCollections(o: PageOpts = {}): Promise<Page<S.MapCollection>> {
    return this.page({ path: '/cat/maps/collections' }, S.mapCollectionSchema, 'list map collections', true, o);
  }

  /**
   * `GET /lcs/locations/{id}/skus` (unpaged): each SKU's default position. The reference has no
   * product catalogue call; a product here is its SKU, barcodes (the map above) and position.
   */
  locationSkus(locationId: string): Promise<S.LocationSku[]> {
    return this.json({ path: `/lcs/locations/${enc(locationId)}/skus` }, z.array(S.locationSkuSchema), 'location skus');
  }

  // ---- contacts, claims (only `x-page` documented: paged to a short page) -------------------

  /** `GET /rel/contacts`. */
  contacts(o: PageOpts = {}): Promise<Page<S.Contact>> {
    return this.page({ path: '/rel/contacts' }, S.contactSchema, 'list contacts', false, o);
  }

  /** `GET /wms/claims`. */
  claims(o: PageOpts = {}): Promise<Page<S.Claim>> {
    return this.page({ path: '/wms/claims' }, S.claimSchema, 'list claims', false, o);
  }

  // ---- printers and hubs -------------------------------------------------------------------

  /** `GET /spl/printers` (unpaged). */
  printers(hubId?: string): Promise<S.Printer[]> {
    return this.json({ path: '/spl/printers', query: { hub_id: hubId } }, z.array(S.printerSchema), 'list printers');
  }

  /** `GET /spl/hubs` (unpaged). */
  hubs(): Promise<S.Hub[]> {
    return this.json({ path: '/spl/hubs' }, z.array(S.hubSchema), 'list hubs');
  }

  hubStatus(hubId: string): Promise<S.HubStatus> {
    return this.json({ path: `/spl/hubs/${enc(hubId)}/status` }, S.hubStatusSchema, 'hub status');
  }

  /** `POST /spl/queue`. No idempotency key: after a lost reply use `findPrintJob(reference)` first. */
  queuePrintJob(job: PrintJobCreate): Promise<S.PrintJob> {
    return this.json({ method: 'POST', path: '/spl/queue', json: job }, S.printJobSchema, 'queue print job');
  }

  /** `GET /spl/queue/{reference}`: a job's status ("the id of the job … returned when pushed"). */
  printJob(idOrReference: string): Promise<S.PrintJob> {
    return this.json({ path: `/spl/queue/${enc(idOrReference)}` }, S.printJobSchema, 'print job');
  }

  /**
   * Lost-reply reconciliation for `queuePrintJob`: our `reference` is found again in the queue
   * history (cursor paging: the reply's `x-page` is the next token), per status.
   */
  async findPrintJob(reference: string, o: { tag?: string; statuses?: string[] } = {}): Promise<S.PrintJob | undefined> {
    for (const status of o.statuses ?? ['scheduled', 'received', 'printed', 'failed', 'cancelled']) {
      let cursor: string | undefined;
      const seen = new Set<string>();
      do {
        const res = await this.raw({ path: '/spl/queue', query: { status, tag: o.tag }, headers: cursor ? { 'x-page': cursor } : {} }, 'print queue');
        const jobs = parseBody(REMOTE, res, z.array(S.printJobSchema), 'print queue');
        const hit = jobs.find((j) => j.reference === reference);
        if (hit) return hit;
        const next = res.headers.get('x-page') ?? undefined;
        // stop on an empty page or a cursor that does not move
        cursor = jobs.length && next && !seen.has(next) ? next : undefined;
        if (cursor) seen.add(cursor);
      } while (cursor);
    }
    return undefined;
  }
}

const enc = encodeURIComponent;

async function mapLimit<T, R>(xs: T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(xs.length);
  let next = 0;
  const worker = async () => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await fn(xs[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, xs.length) }, worker));
  return out;
}
