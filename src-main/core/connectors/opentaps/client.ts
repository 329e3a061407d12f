// Opentaps CRM-2 Activities & Task API client (seed 004 + digest shared/api/opentaps-activities.md).
// Every call carries `authToken` + `clientDomain` as parameters (query on GET/DELETE, form body on
// POST/PUT, as Opentaps' own scripts send them). By default the permanent token is exchanged for a
// temporary one at the token service [ext], renewed once for a burst of 401s; the permanent token
// then travels only to /oauth/temp-token.
import { z } from 'zod';
import { RemoteError } from '../shared/errors';
import { checkShape, jsonBody, send, statusError, tryJson, type HttpOptions, type HttpRequest, type HttpResponse } from '../shared/http';
import { TokenSource } from '../shared/token';
import {
  activityListSchema,
  activitySchema,
  CLIENT_REF_ATTRIBUTE,
  errorMessageOf,
  looksLikeError,
  taskListSchema,
  taskSchema,
  tempTokenSchema,
  writeAnswerSchema,
  type Activity,
  type Task,
} from './schemas';
import { isOpenTaskStatus, taskStatusSchema, taskTransitionProblem, type TaskStatus } from './status';

const REMOTE = 'opentaps' as const;

export const opentapsConfigSchema = z.object({
  /** Up to where the document's paths begin, e.g. http://127.0.0.1:4010/opentaps (crm2.opentaps.com). */
  baseUrl: z.url(),
  authToken: z.string().min(1),
  clientDomain: z.string().min(1),
});
export type OpentapsConfig = z.infer<typeof opentapsConfigSchema>;

export interface OpentapsClientOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  /** Exchange the permanent token at /oauth/temp-token (default true). False sends the permanent token on every call. */
  useTempToken?: boolean;
  /** numberOfActivities per page (default 200). */
  pageSize?: number;
}

export interface ActivityPage {
  activities: Activity[];
  /** The sequence number this page was asked from. */
  startFrom: number;
  /** Where the next page starts (startFrom + what came). */
  nextStartFrom: number;
  /** A short (or empty) page: the end. */
  last: boolean;
}

export const noteInputSchema = z.object({
  /** Dockside's client reference, stored in `attributes.docksideRef` so a lost reply can be found again. */
  clientRef: z.string().min(1),
  noteText: z.string().min(1),
  /** NOTE by default; EMAIL or a domain-defined type also work. */
  activityType: z.string().min(1).default('NOTE'),
  attributes: z.record(z.string(), z.string()).default({}),
  /** Linked after the create with /activities/contact/add. */
  contact: z.object({ contactId: z.string().min(1), role: z.string().optional() }).optional(),
});
export type NoteInput = z.input<typeof noteInputSchema>;

export const taskInputSchema = z.object({
  clientRef: z.string().min(1),
  noteText: z.string().min(1),
  /** ISO 8601 (the format is undocumented; ISO is what the scripts send). */
  scheduledDateTime: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a date-time'),
  assignedToContactId: z.string().min(1),
  responsibleContactId: z.string().min(1).optional(),
  attributes: z.record(z.string(), z.string()).default({}),
});
export type TaskInput = z.input<typeof taskInputSchema>;

export interface TaskSearch {
  /** seed: "an Array of Contact IDs your task has been assigned to, or leave empty for any". */
  assignedToContactIds?: string[];
  fromScheduledDateTime?: string;
  toScheduledDateTime?: string;
  /** [ext] comma list; also applied locally in case the remote ignores it. */
  statuses?: TaskStatus[];
}

/** Does the activity concern this contact (linked in any role, assigned to, or responsible)? */
export function activityConcernsContact(a: Activity, contactId: string): boolean {
  return a.contacts.some((c) => c.contactId === contactId) || a.assignedToContactIds.includes(contactId) || a.responsibleContactId === contactId;
}

type Params = Record<string, string | string[]>;

export class OpentapsClient {
  private readonly http: HttpOptions;
  private readonly tokens: TokenSource | undefined;
  private readonly pageSize: number;
  private readonly now: () => number;
  /** Set when the remote has no token service (404/405): the permanent token is used directly. */
  private tempTokensUnavailable = false;

  constructor(
    private readonly config: OpentapsConfig,
    opts: OpentapsClientOptions = {},
  ) {
    opentapsConfigSchema.parse(config);
    this.now = opts.now ?? Date.now;
    this.http = { remote: REMOTE, baseUrl: config.baseUrl, now: this.now, ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}) };
    // No lifetime is documented for temporary tokens: renewed only when refused (expiresAt unknown).
    this.tokens = opts.useTempToken === false ? undefined : new TokenSource(() => this.issueTempToken(), this.now);
    this.pageSize = opts.pageSize ?? 200;
  }

  // ------------------------------------------------------------------ reads

  /** A cheap authenticated call for "Test connection". */
  async ping(): Promise<void> {
    await this.exchange({ method: 'GET', path: '/activities/1/0' }, activityListSchema, 'test connection');
  }

  /**
   * Every activity, page by page: `GET /activities/{numberOfActivities}/{startFrom}` from sequence
   * number 0 (seed), until a short or empty page — never a request past it.
   */
  async *activityPages(opts: { pageSize?: number; startFrom?: number } = {}): AsyncGenerator<ActivityPage> {
    const size = opts.pageSize ?? this.pageSize;
    const seen = new Set<string>();
    for (let start = opts.startFrom ?? 0; ; ) {
      const body = await this.exchange({ method: 'GET', path: `/activities/${size}/${start}` }, activityListSchema, `activities from ${start}`);
      const page = body.result.resultValue;
      const fresh = page.filter((a) => !seen.has(a.id));
      // A full page of nothing new means the remote ignores startFrom: stop instead of looping.
      if (page.length > 0 && fresh.length === 0) {
        throw new RemoteError({ remote: REMOTE, kind: 'bad_response', message: `activities from ${start}: the page repeats earlier activities (startFrom ignored?)` });
      }
      for (const a of fresh) seen.add(a.id);
      // More than asked for means the remote answered everything at once: that is the end too.
      const last = page.length !== size;
      yield { activities: fresh, startFrom: start, nextStartFrom: start + page.length, last };
      if (last) return;
      start += page.length;
    }
  }

  async listActivities(opts: { pageSize?: number } = {}): Promise<Activity[]> {
    const out: Activity[] = [];
    for await (const p of this.activityPages(opts)) out.push(...p.activities);
    return out;
  }

  /**
   * Activities of one contact. The document has no contact filter on GET (the widget's tag filter
   * is undocumented), so this pages through all activities and keeps the contact's.
   */
  async activitiesForContact(contactId: string, opts: { pageSize?: number } = {}): Promise<Activity[]> {
    const out: Activity[] = [];
    for await (const p of this.activityPages(opts)) out.push(...p.activities.filter((a) => activityConcernsContact(a, contactId)));
    return out;
  }

  /**
   * `GET /task` (seed: no paging). `per_page=9999` as Opentaps' own script sends it [ext]; the
   * filters are applied again locally, so a remote that ignores one still answers correctly.
   */
  async searchTasks(q: TaskSearch = {}): Promise<Task[]> {
    const params: Params = { per_page: '9999' };
    if (q.assignedToContactIds?.length) params.assignedToContactId = q.assignedToContactIds;
    if (q.fromScheduledDateTime) params.fromScheduledDateTime = q.fromScheduledDateTime;
    if (q.toScheduledDateTime) params.toScheduledDateTime = q.toScheduledDateTime;
    if (q.statuses?.length) params.status = q.statuses.join(',');
    const body = await this.exchange({ method: 'GET', path: '/task', params }, taskListSchema, 'task search');
    const from = q.fromScheduledDateTime ? Date.parse(q.fromScheduledDateTime) : -Infinity;
    const to = q.toScheduledDateTime ? Date.parse(q.toScheduledDateTime) : Infinity;
    return body.result.resultValue.filter((t) => {
      if (q.assignedToContactIds?.length && !t.assignedToContactIds.some((c) => q.assignedToContactIds?.includes(c))) return false;
      if (q.statuses?.length && !q.statuses.includes(t.status)) return false;
      const at = Date.parse(t.scheduledDateTime);
      return at >= from && at <= to;
    });
  }

  /** Tasks assigned to a contact. */
  tasksForContact(contactId: string): Promise<Task[]> {
    return this.searchTasks({ assignedToContactIds: [contactId] });
  }

  /** Open (CREATED or STARTED) tasks assigned to me. The API has no "who am I": the station knows its contact id. */
  async myOpenTasks(myContactId: string): Promise<Task[]> {
    const tasks = await this.searchTasks({ assignedToContactIds: [myContactId], statuses: ['CREATED', 'STARTED'] });
    return tasks.filter((t) => isOpenTaskStatus(t.status));
  }

  /**
   * The activity carrying `clientRef` in its attributes, if it exists (a create whose reply was
   * lost). The document offers no search by attribute, so every activity is paged through.
   */
  async findByClientRef(clientRef: string): Promise<Activity | undefined> {
    for await (const p of this.activityPages()) {
      const hit = p.activities.find((a) => a.clientRef === clientRef);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The task carrying `clientRef`, found with the task search of its assignee (cheaper than paging everything). */
  async findTaskByClientRef(clientRef: string, assignedToContactId: string): Promise<Task | undefined> {
    return (await this.tasksForContact(assignedToContactId)).find((t) => t.clientRef === clientRef);
  }

  // ------------------------------------------------------------------ pushes

  /**
   * Create a note (or another activity type): `POST /activities` with `note_field_` fields, then link
   * the contact. `reconcile` (a retry after a lost reply) looks for the client reference first and
   * creates only when it is not there.
   */
  async createNote(input: NoteInput, opts: { reconcile?: boolean } = {}): Promise<Activity> {
    const n = noteInputSchema.parse(input);
    let activity = opts.reconcile ? await this.findByClientRef(n.clientRef) : undefined;
    if (!activity) {
      const body = await this.exchange(
        { method: 'POST', path: '/activities', params: { note_field_activityType: n.activityType, note_field_noteText: n.noteText, ...attributeFields({ ...n.attributes, [CLIENT_REF_ATTRIBUTE]: n.clientRef }) } },
        writeAnswerSchema,
        'create activity',
      );
      activity = await this.savedOrFound(body.result.resultValue, activitySchema, () => this.findByClientRef(n.clientRef), 'create activity');
    }
    if (n.contact && !activity.contacts.some((c) => c.contactId === n.contact?.contactId && (c.role ?? undefined) === n.contact.role)) {
      activity = await this.addContact(activity.id, n.contact.contactId, n.contact.role, activity);
    }
    return activity;
  }

  /** Create a task: `POST /task` (activityType forced to TASK by the remote). `reconcile` as in createNote. */
  async createTask(input: TaskInput, opts: { reconcile?: boolean } = {}): Promise<Task> {
    const t = taskInputSchema.parse(input);
    const find = () => this.findTaskByClientRef(t.clientRef, t.assignedToContactId);
    if (opts.reconcile) {
      const found = await find();
      if (found) return found;
    }
    const params: Params = {
      note_field_noteText: t.noteText,
      ...attributeFields({ ...t.attributes, [CLIENT_REF_ATTRIBUTE]: t.clientRef }),
      // the seed names these two as the task's own fields, without the note_field_ prefix
      scheduledDateTime: t.scheduledDateTime,
      assignedToContactId: t.assignedToContactId,
    };
    if (t.responsibleContactId) params.note_field_responsibleContactId = t.responsibleContactId;
    const body = await this.exchange({ method: 'POST', path: '/task', params }, writeAnswerSchema, 'create task');
    return this.savedOrFound(body.result.resultValue, taskSchema, find, 'create task');
  }

  /**
   * Move a task along the seed's status machine: `PUT /activities/{id}` with `partial=Yes` and the
   * new status [ext]. An illegal transition is refused here (kind 'validation') without a request,
   * because the API would accept it. `from` is the status the caller last saw; the document has no
   * read-one call to check it against. Replaying the same change is harmless (same status again).
   */
  async changeTaskStatus(change: { activityId: string; from: TaskStatus; to: TaskStatus }): Promise<Task | null> {
    const from = taskStatusSchema.parse(change.from);
    const to = taskStatusSchema.parse(change.to);
    const problem = taskTransitionProblem(from, to);
    if (problem) {
      throw new RemoteError({ remote: REMOTE, kind: 'validation', message: `task ${change.activityId}: ${problem}`, details: { from, to, local: true } });
    }
    const body = await this.exchange(
      { method: 'PUT', path: `/activities/${encodeURIComponent(change.activityId)}`, params: { partial: 'Yes', status: to } },
      writeAnswerSchema,
      `task ${change.activityId} status`,
    );
    // The answer is undocumented: the task when the remote returns it, else null.
    const task = taskSchema.safeParse(body.result.resultValue);
    return task.success ? task.data : null;
  }

  /** `POST /activities/contact/add` (seed): link a contact in an optional free-text role. */
  async addContact(activityId: string, contactId: string, role?: string, known?: Activity): Promise<Activity> {
    const params: Params = { activityId, contactId };
    if (role !== undefined) params.role = role;
    const body = await this.exchange({ method: 'POST', path: '/activities/contact/add', params }, writeAnswerSchema, `link contact to ${activityId}`);
    const a = activitySchema.safeParse(body.result.resultValue);
    if (a.success) return a.data;
    // Undocumented answer: report the link we asked for on what we knew.
    const base = known ?? null;
    if (!base) throw new RemoteError({ remote: REMOTE, kind: 'bad_response', message: `link contact to ${activityId}: the answer is not an activity` });
    return { ...base, contacts: [...base.contacts, { contactId, role: role ?? null }] };
  }

  // ------------------------------------------------------------------ plumbing

  /** The create answer is undocumented ("presumably the saved activity"): when it is not, find it by reference. */
  private async savedOrFound<S extends z.ZodType<Activity>>(value: unknown, schema: S, find: () => Promise<z.output<S> | undefined>, what: string): Promise<z.output<S>> {
    const saved = schema.safeParse(value);
    if (saved.success) return saved.data;
    const found = await find();
    if (found) return found;
    throw new RemoteError({ remote: REMOTE, kind: 'bad_response', message: `${what}: the answer is not the saved activity, and its client reference is not found` });
  }

  private async issueTempToken(): Promise<{ token: string }> {
    if (this.tempTokensUnavailable) return { token: this.config.authToken };
    const res = await send(this.http, { method: 'POST', path: '/oauth/temp-token', form: { authToken: this.config.authToken } });
    // The token service is from the wiki, not the seed: without one, the permanent token is the token.
    if (res.status === 404 || res.status === 405) {
      this.tempTokensUnavailable = true;
      return { token: this.config.authToken };
    }
    if (res.status < 200 || res.status >= 300) throw this.failure(res, 'temporary token');
    return { token: this.check(res, tempTokenSchema, 'temporary token') };
  }

  private async currentToken(): Promise<string> {
    return this.tokens ? this.tokens.get() : this.config.authToken;
  }

  private build(req: { method: NonNullable<HttpRequest['method']>; path: string; params?: Params }, token: string): HttpRequest {
    const auth = { authToken: token, clientDomain: this.config.clientDomain };
    const all: Params = { ...req.params, ...auth };
    if (req.method === 'GET' || req.method === 'DELETE') {
      // repeated keys (assignedToContactId) go into the path's own query string
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(all)) for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
      return { method: req.method, path: `${req.path}?${q.toString()}` };
    }
    const form: Record<string, string> = {};
    for (const [k, v] of Object.entries(all)) form[k] = Array.isArray(v) ? v.join(',') : v;
    return { method: req.method, path: req.path, form };
  }

  /** One call with auth; a 401 renews the temporary token once (shared by a burst) and retries once. */
  private async exchange<S extends z.ZodType>(req: { method: NonNullable<HttpRequest['method']>; path: string; params?: Params }, schema: S, what: string): Promise<z.output<S>> {
    const token = await this.currentToken();
    let res = await send(this.http, this.build(req, token));
    if (res.status === 401 && this.tokens && !this.tempTokensUnavailable) {
      const fresh = await this.tokens.refresh(token);
      res = await send(this.http, this.build(req, fresh.token));
    }
    if (res.status < 200 || res.status >= 300) throw this.failure(res, what);
    return this.check(res, schema, what);
  }

  /** JSON checked against the document's shape; a 200 that carries only an error envelope is the remote refusing. */
  private check<S extends z.ZodType>(res: HttpResponse, schema: S, what: string): z.output<S> {
    const json = jsonBody(REMOTE, res, what);
    if (looksLikeError(json)) {
      const remoteMessage = errorMessageOf(json);
      throw new RemoteError({ remote: REMOTE, kind: 'validation', status: res.status, message: `${what}: refused${remoteMessage ? ` — ${remoteMessage}` : ''}`, details: json, ...(remoteMessage ? { remoteMessage } : {}) });
    }
    return checkShape(REMOTE, json, schema, what, res.status);
  }

  /** A non-2xx answer in Opentaps' envelope (`error` / `errors` / `message`) as a RemoteError. */
  private failure(res: HttpResponse, what: string): RemoteError {
    const body = tryJson(res.text);
    const remoteMessage = errorMessageOf(body);
    return statusError(REMOTE, res, what, { now: this.now(), ...(remoteMessage !== undefined ? { remoteMessage } : {}), ...(body !== undefined ? { details: body } : {}) });
  }
}

/** Attributes as `note_field_attribute_<key>` (the Contacts API's `attribute_<key>` under the seed's prefix). */
function attributeFields(attrs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`note_field_attribute_${k}`, v]));
}
