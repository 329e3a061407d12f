// The UCS client: OAuth2 client credentials at `/login/oauth2/token` (outside /api/v1.0), one
// shared bearer token, and the `{success, data}` envelope on every answer — expected errors come
// back as HTTP 200 `success:false`, so every call checks `success` before trusting `data`.
import { z } from 'zod';
import { RemoteError, type RemoteErrorKind } from '../shared/errors';
import { checkShape, parseBody, send, statusError, tryJson, type HttpOptions, type HttpRequest, type HttpResponse } from '../shared/http';
import { TokenSource, type IssuedToken } from '../shared/token';
import {
  agentQueuesResultSchema,
  agentQueuesSchema,
  callMetadataSchema,
  callSchema,
  companySchema,
  companySummarySchema,
  createdIdSchema,
  envelopeHeadSchema,
  groupSchema,
  oauthErrorSchema,
  personSchema,
  personSummarySchema,
  queueSchema,
  roleSchema,
  statusSchema,
  teamSchema,
  tokenResponseSchema,
  userSchema,
  userSummarySchema,
  type UcsAgentQueues,
  type UcsAgentQueuesResult,
  type UcsAgentQueuesUpdate,
  type UcsCall,
  type UcsCallMetadata,
  type UcsCompany,
  type UcsCompanyCreate,
  type UcsCompanyPatch,
  type UcsCompanySummary,
  type UcsConfig,
  type UcsGroup,
  type UcsMetadataPatch,
  type UcsPerson,
  type UcsPersonCreate,
  type UcsPersonPatch,
  type UcsPersonSummary,
  type UcsQueue,
  type UcsQueueMembership,
  type UcsRole,
  type UcsStatus,
  type UcsTeam,
  type UcsUser,
  type UcsUserSummary,
} from './schemas';

const REMOTE = 'ucs' as const;
const API = '/api/v1.0';

export interface UcsClientOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  /** Renew this long before the token lapses (default 60 s). */
  tokenMarginMs?: number;
}

/** One page of a µCRM list, with where the next one starts (the sync engine's cursor). */
export interface UcsPage<T> {
  items: T[];
  offset: number;
  /** Offset of the next page; equals `total` (or more) on the last one. */
  nextOffset: number;
  total: number;
  done: boolean;
}

/** The result of a create that may be a retry after a lost reply. */
export interface UcsCreated {
  id: number;
  /** True when the record was already there (the earlier attempt had landed): nothing was sent. */
  existed: boolean;
}

// ---- error normalisation (pure, exported for tests) -------------------------------------------

/** "field: message; field: message" from a `success:false` `data`, whatever its shape. */
export function messageOf(data: unknown): string | undefined {
  if (data === null || data === undefined) return undefined;
  if (typeof data === 'string') return data;
  if (Array.isArray(data)) return data.map(messageOf).filter(Boolean).join('; ') || undefined;
  if (typeof data === 'object') {
    const parts = Object.entries(data as Record<string, unknown>).map(([k, v]) => {
      const m = typeof v === 'string' ? v : messageOf(v);
      return k === 'error' || k === 'message' ? m : `${k}: ${m ?? JSON.stringify(v)}`;
    });
    return parts.filter(Boolean).join('; ') || undefined;
  }
  return String(data);
}

// The document shows only validation failures; a missing record is our reading of its wording.
const NOT_FOUND = /\bnot found\b|does ?n[o']t exist|\bno such\b|neexistuje|nenalezen/i;

/**
 * A `success:false` answer (HTTP 200) as a RemoteError. A read carries no data to refuse, so its
 * refusal means the record is not there (`not_found`); a write's is `validation` — unless the
 * remote says "not found" (a PATCH of a deleted record).
 */
export function envelopeError(what: string, status: number, data: unknown, method: HttpRequest['method'] = 'GET'): RemoteError {
  const remoteMessage = messageOf(data) ?? 'the request was refused (success: false)';
  const kind: RemoteErrorKind = method === 'GET' || method === 'DELETE' || NOT_FOUND.test(remoteMessage) ? 'not_found' : 'validation';
  return new RemoteError({ remote: REMOTE, kind, status, message: `${what}: ${remoteMessage}`, remoteMessage, details: data });
}

/** The remote's words from a non-2xx body: OAuth `error_description`, or the envelope's `data`. */
function bodyMessage(res: HttpResponse): { remoteMessage?: string; details?: unknown } {
  const body = tryJson(res.text);
  const oauth = oauthErrorSchema.safeParse(body);
  if (oauth.success) {
    const m = oauth.data.error_description ? `${oauth.data.error}: ${oauth.data.error_description}` : oauth.data.error;
    return { remoteMessage: m, details: body };
  }
  const env = envelopeHeadSchema.safeParse(body);
  if (env.success) {
    const m = messageOf(env.data.data);
    return { ...(m ? { remoteMessage: m } : {}), details: body };
  }
  return {};
}

const check = <S extends z.ZodType>(schema: S, value: unknown, what: string, status: number): z.output<S> =>
  checkShape(REMOTE, value, schema, what, status);

// ---- client ---------------------------------------------------------------------------------

export class UcsClient {
  readonly tokens: TokenSource;
  private readonly http: HttpOptions;
  private readonly config: UcsConfig;

  constructor(config: UcsConfig, opts: UcsClientOptions = {}) {
    this.config = config;
    this.http = {
      remote: REMOTE,
      baseUrl: config.baseUrl,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    };
    const now = opts.now ?? Date.now;
    this.tokens = new TokenSource(() => this.issueToken(now), now, opts.tokenMarginMs ?? 60_000);
  }

  /** `POST /login/oauth2/token` (JSON body). 400 `invalid_request` / 401 `invalid_client` → `auth`. */
  private async issueToken(now: () => number): Promise<IssuedToken> {
    const res = await send(this.http, {
      method: 'POST',
      path: '/login/oauth2/token',
      json: { client_id: this.config.clientId, client_secret: this.config.clientSecret, grant_type: 'client_credentials' },
    });
    if (res.status === 400 || res.status === 401) {
      const { remoteMessage, details } = bodyMessage(res);
      throw new RemoteError({
        remote: REMOTE,
        kind: 'auth',
        status: res.status,
        message: `token: HTTP ${res.status}${remoteMessage ? ` — ${remoteMessage}` : ''}`,
        ...(remoteMessage ? { remoteMessage } : {}),
        ...(details !== undefined ? { details } : {}),
      });
    }
    if (res.status < 200 || res.status > 299) throw statusError(REMOTE, res, 'token', { ...bodyMessage(res), now: now() });
    const t = parseBody(REMOTE, res, tokenResponseSchema, 'token');
    return { token: t.access_token, ...(t.expires_in !== undefined ? { expiresAt: now() + t.expires_in * 1000 } : {}) };
  }

  /** Test connection: a token and `GET /status` (which has no `data`: its fields are top level). */
  async status(): Promise<UcsStatus> {
    const body = await this.request({ path: `${API}/status` }, 'status');
    return check(statusSchema, body, 'status', 200);
  }

  /**
   * One authorised call: a 401 refreshes the shared token once (a burst of 401s → one token
   * request) and the call is sent again; a non-2xx is our RemoteError; a `success:false` envelope
   * is `validation` / `not_found` with the remote's message. Returns the whole envelope.
   */
  private async request(req: HttpRequest, what: string): Promise<z.infer<typeof envelopeHeadSchema>> {
    let token = await this.tokens.get();
    let res = await send(this.http, { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
    if (res.status === 401) {
      token = (await this.tokens.refresh(token)).token;
      res = await send(this.http, { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
    }
    if (res.status < 200 || res.status > 299) throw statusError(REMOTE, res, what, { ...bodyMessage(res), now: (this.http.now ?? Date.now)() });
    const head = parseBody(REMOTE, res, envelopeHeadSchema, what);
    if (!head.success) throw envelopeError(what, res.status, head.data, req.method ?? 'GET');
    return head;
  }

  /** `data` of a successful envelope, checked against `schema`. */
  private async data<S extends z.ZodType>(req: HttpRequest, schema: S, what: string): Promise<z.output<S>> {
    const body = await this.request(req, what);
    return check(schema, body.data, what, 200);
  }

  // ---- enumerations ----

  groups(): Promise<UcsGroup[]> {
    return this.data({ path: `${API}/groups` }, z.array(groupSchema), 'groups');
  }

  roles(): Promise<UcsRole[]> {
    return this.data({ path: `${API}/roles` }, z.array(roleSchema), 'roles');
  }

  /** Teams with their AUX ("not available") reasons. */
  teams(): Promise<UcsTeam[]> {
    return this.data({ path: `${API}/teams` }, z.array(teamSchema), 'teams');
  }

  queues(): Promise<UcsQueue[]> {
    return this.data({ path: `${API}/queues` }, z.array(queueSchema), 'queues');
  }

  // ---- users and memberships ----

  users(): Promise<UcsUserSummary[]> {
    return this.data({ path: `${API}/users` }, z.array(userSummarySchema), 'users');
  }

  user(id: number): Promise<UcsUser> {
    return this.data({ path: `${API}/user/${id}` }, userSchema, `user ${id}`);
  }

  /** `external_id` is case-sensitive in UCS. */
  userByExternalId(externalId: string): Promise<UcsUser> {
    return this.data({ path: `${API}/user/external/${encodeURIComponent(externalId)}` }, userSchema, `user external ${externalId}`);
  }

  /** Every agent's queue memberships (one list, not paged). */
  agentQueues(): Promise<UcsAgentQueues[]> {
    return this.data({ path: `${API}/queues/agents` }, z.array(agentQueuesSchema), 'queue memberships');
  }

  /** The station's agent's memberships, by UCS user id or external id; [] when the agent has none. */
  async myQueueMemberships(me: { id: number } | { externalId: string }): Promise<UcsQueueMembership[]> {
    const all = await this.agentQueues();
    const mine = all.find((a) => ('id' in me ? a.id === me.id : a.external_id === me.externalId));
    return mine?.queues ?? [];
  }

  /**
   * `POST /queues/agents`: bulk membership update. Each agent's `queues` is their COMPLETE list (a
   * queue left out is removed). Per-item refusals come back inside a `success:true` envelope:
   * callers check each result's `success`.
   */
  updateAgentQueues(update: readonly UcsAgentQueuesUpdate[]): Promise<UcsAgentQueuesResult[]> {
    return this.data({ method: 'POST', path: `${API}/queues/agents`, json: update }, z.array(agentQueuesResultSchema), 'update queue memberships');
  }

  // ---- µCRM lists (the only paged resources: limit/offset, `total` beside `data`) ----

  /** One page. Advance by what came back, not by `limit`: the server's maximum is undocumented. */
  private async page<S extends z.ZodType>(path: string, schema: S, what: string, offset: number, limit: number): Promise<UcsPage<z.output<S>>> {
    const body = await this.request({ path, query: { limit, offset } }, what);
    const items = check(z.array(schema), body.data, what, 200);
    const total = check(z.number().int().nonnegative(), body.total, `${what} total`, 200);
    const nextOffset = offset + items.length;
    return { items, offset, nextOffset, total, done: items.length === 0 || nextOffset >= total };
  }

  personsPage(offset = 0, limit = 500): Promise<UcsPage<UcsPersonSummary>> {
    return this.page(`${API}/crm/persons`, personSummarySchema, 'persons', offset, limit);
  }

  companiesPage(offset = 0, limit = 500): Promise<UcsPage<UcsCompanySummary>> {
    return this.page(`${API}/crm/companies`, companySummarySchema, 'companies', offset, limit);
  }

  /** Every page from `from` until `total` is reached (or a page comes back empty), and no further. */
  async *allPersons(opts: { from?: number; limit?: number } = {}): AsyncGenerator<UcsPage<UcsPersonSummary>> {
    yield* this.pages((o, l) => this.personsPage(o, l), opts);
  }

  async *allCompanies(opts: { from?: number; limit?: number } = {}): AsyncGenerator<UcsPage<UcsCompanySummary>> {
    yield* this.pages((o, l) => this.companiesPage(o, l), opts);
  }

  private async *pages<T>(get: (offset: number, limit: number) => Promise<UcsPage<T>>, opts: { from?: number; limit?: number }): AsyncGenerator<UcsPage<T>> {
    let offset = opts.from ?? 0;
    for (;;) {
      const p = await get(offset, opts.limit ?? 500);
      yield p;
      if (p.done) return;
      offset = p.nextOffset;
    }
  }

  // ---- µCRM records ----

  person(id: number): Promise<UcsPerson> {
    return this.data({ path: `${API}/crm/person/${id}` }, personSchema, `person ${id}`);
  }

  /**
   * Details (with contacts) of many persons, `concurrency` at a time, in the order asked. The list
   * has no contacts and there is no search by phone, so the local phone index needs one call per
   * person (the document's N+1). A person deleted since the list was read is left out.
   */
  async persons(ids: readonly number[], concurrency = 8): Promise<UcsPerson[]> {
    const out: (UcsPerson | null)[] = new Array<UcsPerson | null>(ids.length).fill(null);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const i = next++;
        out[i] = await orNull(this.person(ids[i] as number));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, ids.length)) }, worker));
    return out.filter((p): p is UcsPerson => p !== null);
  }

  /** The person holding our client reference, or null (lost-reply reconciliation). */
  findPersonByExternalId(externalId: string): Promise<UcsPerson | null> {
    return orNull(this.data({ path: `${API}/crm/person/external/${encodeURIComponent(externalId)}` }, personSchema, `person external ${externalId}`));
  }

  async createPerson(person: UcsPersonCreate): Promise<number> {
    return this.data({ method: 'POST', path: `${API}/crm/person`, json: person }, createdIdSchema, 'create person');
  }

  /** Partial update; `contacts`, when sent, replace the whole list. */
  async updatePerson(id: number, patch: UcsPersonPatch): Promise<void> {
    await this.request({ method: 'PATCH', path: `${API}/crm/person/${id}`, json: patch }, `update person ${id}`);
  }

  /**
   * Create, unless a previous attempt whose reply was lost already did: with `retry` the person is
   * first looked up by `external_id`; an "already exists" refusal on `external_id` is checked too.
   */
  async createPersonOnce(person: UcsPersonCreate & { external_id: string }, opts: { retry?: boolean } = {}): Promise<UcsCreated> {
    return this.createOnce(person.external_id, opts.retry ?? false, () => this.createPerson(person), (ext) => this.findPersonByExternalId(ext));
  }

  company(id: number): Promise<UcsCompany> {
    return this.data({ path: `${API}/crm/company/${id}` }, companySchema, `company ${id}`);
  }

  findCompanyByExternalId(externalId: string): Promise<UcsCompany | null> {
    return orNull(this.data({ path: `${API}/crm/company/external/${encodeURIComponent(externalId)}` }, companySchema, `company external ${externalId}`));
  }

  async createCompany(company: UcsCompanyCreate): Promise<number> {
    return this.data({ method: 'POST', path: `${API}/crm/company`, json: company }, createdIdSchema, 'create company');
  }

  /** Partial update; `persons`, when sent, replace the whole list. */
  async updateCompany(id: number, patch: UcsCompanyPatch): Promise<void> {
    await this.request({ method: 'PATCH', path: `${API}/crm/company/${id}`, json: patch }, `update company ${id}`);
  }

  async createCompanyOnce(company: UcsCompanyCreate & { external_id: string }, opts: { retry?: boolean } = {}): Promise<UcsCreated> {
    return this.createOnce(company.external_id, opts.retry ?? false, () => this.createCompany(company), (ext) => this.findCompanyByExternalId(ext));
  }

  private async createOnce(externalId: string, retry: boolean, create: () => Promise<number>, find: (ext: string) => Promise<{ id: number } | null>): Promise<UcsCreated> {
    if (retry) {
      const found = await find(externalId);
      if (found) return { id: found.id, existed: true };
    }
    try {
      return { id: await create(), existed: false };
    } catch (err) {
      // The refusal may be our own earlier create (a uniqueness check on external_id).
      if (err instanceof RemoteError && err.kind === 'validation' && isObject(err.details) && 'external_id' in err.details) {
        const found = await find(externalId);
        if (found) return { id: found.id, existed: true };
      }
      throw err;
    }
  }

  // ---- calls ----

  /** The CDR of a call (there is no list or search of calls: the uniqueid comes from the agent bar). */
  callRecord(uniqueid: string): Promise<UcsCall> {
    return this.data({ path: `${API}/call/${encodeURIComponent(uniqueid)}` }, callSchema, `call ${uniqueid}`);
  }

  metadata(uniqueid: string): Promise<UcsCallMetadata> {
    return this.data({ path: `${API}/metadata/${encodeURIComponent(uniqueid)}` }, callMetadataSchema, `metadata ${uniqueid}`);
  }

  /**
   * Differential merge: keys sent are created or overwritten, keys left out stay, `null` deletes.
   * Idempotent, so a retry after a lost reply is safe. Returns the resulting metadata.
   */
  mergeMetadata(uniqueid: string, patch: UcsMetadataPatch): Promise<UcsCallMetadata> {
    return this.data({ method: 'POST', path: `${API}/metadata/${encodeURIComponent(uniqueid)}`, json: patch }, callMetadataSchema, `metadata ${uniqueid}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof RemoteError && err.kind === 'not_found') return null;
    throw err;
  }
}
