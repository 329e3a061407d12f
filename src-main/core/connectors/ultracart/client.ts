// UltraCart REST v2 WorkflowApi client (shared/api/ultracart-workflow.md, seed 000): the calls the
// sync engine needs, every answer checked with zod, UltraCart's error style (status + `UC-REST-ERROR`
// header + ErrorResponse body) turned into RemoteError.
import type { z } from 'zod';
import { RemoteError } from '../shared/errors';
import { parseBody, send, statusError, tryJson, type HttpOptions, type HttpRequest, type HttpResponse } from '../shared/http';
import {
  envelopeSchema,
  groupsResponseSchema,
  openCountResponseSchema,
  tagsResponseSchema,
  taskInputSchema,
  taskResponseSchema,
  tasksRequestSchema,
  tasksResponseSchema,
  userResponseSchema,
  usersResponseSchema,
  type AssignableUser,
  type ResultSet,
  type TaskInput,
  type TasksRequest,
  type WorkflowGroup,
  type WorkflowTask,
  type WorkflowUser,
} from './schemas';

const REMOTE = 'ultracart' as const;

/** The task property that carries our outbox op id, so a create whose reply was lost can be found. */
export const CLIENT_REF_PROPERTY = 'dockside_client_ref';

/** Documented maxima: 200 for assignment users/groups, 500 for search (seed). */
export const MAX_ASSIGNMENT_PAGE = 200;
export const MAX_SEARCH_PAGE = 500;

export interface UltracartConfig {
  /** Ends in /rest/v2, e.g. http://127.0.0.1:4010/ultracart/rest/v2. */
  baseUrl: string;
  simpleKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface Page<T> {
  items: T[];
  /** The `_offset` this page was asked for. */
  offset: number;
  /** `result_set.total_records` when the remote gave it (the document allows null). */
  total: number | undefined;
}

export interface FindByClientRefHint {
  /** When the op was first tried (epoch ms): the task cannot have been created before it. */
  createdSince: number;
  /** The task's linked object, when it has one: one documented lookup instead of a search. */
  objectType?: NonNullable<TaskInput['object_type']>;
  objectId?: string;
  /** Our own workflow user id (getMe), to narrow the search to tasks we created. */
  createdByUserId?: number;
  /** Allowance for our clock against the remote's; default 15 minutes. */
  skewMs?: number;
}

/** What the search cursor needs: where to go next, or nothing when the document says we are done. */
export function nextOffset(offset: number, limit: number, count: number, rs: ResultSet | null | undefined): number | undefined {
  if (count === 0) return undefined;
  let next: number;
  if (rs?.more != null) {
    // The document's cursor: iterate while `more`, from `next_offset`.
    if (!rs.more) return undefined;
    next = rs.next_offset ?? offset + count;
  } else {
    // No result_set (the seed itself shows none): a short page is the last one.
    if (count < (rs?.limit ?? limit)) return undefined;
    next = offset + count;
  }
  // A cursor that does not move forward would loop for ever.
  return next > offset ? next : undefined;
}

/** Our own input checked before it leaves: a bad op is refused like the remote would (dead, with the reason). */
function checked<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new RemoteError({ remote: REMOTE, kind: 'validation', message: `${what}: ${issues.join('; ')}`, details: issues });
}

function hasRef(t: WorkflowTask, ref: string): boolean {
  return (t.properties ?? []).some((p) => p.name === CLIENT_REF_PROPERTY && p.value === ref);
}

export class UltracartClient {
  private readonly http: HttpOptions;

  constructor(private readonly cfg: UltracartConfig) {
    this.http = {
      remote: REMOTE,
      baseUrl: cfg.baseUrl,
      ...(cfg.timeoutMs !== undefined ? { timeoutMs: cfg.timeoutMs } : {}),
      ...(cfg.fetch ? { fetch: cfg.fetch } : {}),
      ...(cfg.now ? { now: cfg.now } : {}),
    };
  }

  // ---- reads ---------------------------------------------------------------------------------

  /** GET /workflow/me — the caller's own workflow user (for `created_by` and assignment). */
  async getMe(): Promise<WorkflowUser> {
    return (await this.call({ path: '/workflow/me' }, userResponseSchema, 'me')).user;
  }

  /** GET /workflow/assignment_users, every page; `myUserId` is the documented `my_user_id`. */
  async listUsers(pageSize = MAX_ASSIGNMENT_PAGE): Promise<{ users: AssignableUser[]; myUserId: number | undefined }> {
    const users: AssignableUser[] = [];
    let myUserId: number | undefined;
    for await (const page of this.paged(pageSize, async (q) => {
      const r = await this.call({ path: '/workflow/assignment_users', query: q }, usersResponseSchema, 'assignment users');
      myUserId ??= r.my_user_id ?? undefined;
      return { items: r.users, rs: r.metadata?.result_set };
    }))
      users.push(...page.items);
    return { users, myUserId };
  }

  /** GET /workflow/assignment_groups, every page. */
  async listGroups(pageSize = MAX_ASSIGNMENT_PAGE): Promise<WorkflowGroup[]> {
    const groups: WorkflowGroup[] = [];
    for await (const page of this.paged(pageSize, async (q) => {
      const r = await this.call({ path: '/workflow/assignment_groups', query: q }, groupsResponseSchema, 'assignment groups');
      return { items: r.groups, rs: r.metadata?.result_set };
    }))
      groups.push(...page.items);
    return groups;
  }

  /** GET /workflow/tasks/tags — every distinct tag in use (not paged in the document). */
  async listTags(): Promise<string[]> {
    return (await this.call({ path: '/workflow/tasks/tags' }, tagsResponseSchema, 'task tags')).tags;
  }

  /** GET /workflow/tasks/open_count — the badge counter. */
  async openCount(): Promise<number> {
    return (await this.call({ path: '/workflow/tasks/open_count' }, openCountResponseSchema, 'open count')).open_count;
  }

  /** GET /workflow/tasks/{uuid}. The document has no 404: an unknown uuid comes back as a 400. */
  async getTask(uuid: string): Promise<WorkflowTask> {
    return (await this.call({ path: `/workflow/tasks/${encodeURIComponent(uuid)}` }, taskResponseSchema, 'task')).task;
  }

  /** GET /workflow/tasks/by/{object_type}/{object_id} — a list, not paged in the document. */
  async tasksByObject(objectType: string, objectId: string): Promise<WorkflowTask[]> {
    const path = `/workflow/tasks/by/${encodeURIComponent(objectType)}/${encodeURIComponent(objectId)}`;
    return (await this.call({ path }, tasksResponseSchema, 'tasks by object')).tasks;
  }

  /**
   * POST /workflow/tasks/search, page by page with `_limit`/`_offset` until the document says the
   * end is reached. `_sort` is passed only when given: its syntax is not in the document.
   */
  searchTasks(query: TasksRequest, opts: { pageSize?: number; sort?: string } = {}): AsyncGenerator<Page<WorkflowTask>> {
    const body = checked(tasksRequestSchema, query, 'task search');
    return this.paged(Math.min(opts.pageSize ?? MAX_SEARCH_PAGE, MAX_SEARCH_PAGE), async (q) => {
      const r = await this.call(
        { method: 'POST', path: '/workflow/tasks/search', query: { ...q, _sort: opts.sort }, json: body },
        tasksResponseSchema,
        'task search',
      );
      return { items: r.tasks, rs: r.metadata?.result_set };
    });
  }

  /**
   * One page of POST /workflow/tasks/search at `offset` (`_limit`/`_offset` only), with where the
   * next page starts (undefined: the document says this was the last). A pull resumes from a
   * stored offset with this; searchTasks always starts at 0.
   */
  async searchTasksPage(query: TasksRequest, offset: number, limit = MAX_SEARCH_PAGE): Promise<Page<WorkflowTask> & { next: number | undefined }> {
    const body = checked(tasksRequestSchema, query, 'task search');
    const lim = Math.min(limit, MAX_SEARCH_PAGE);
    const r = await this.call({ method: 'POST', path: '/workflow/tasks/search', query: { _limit: lim, _offset: offset }, json: body }, tasksResponseSchema, 'task search');
    const rs = r.metadata?.result_set;
    return { items: r.tasks, offset, total: rs?.total_records ?? undefined, next: nextOffset(offset, lim, r.tasks.length, rs) };
  }

  /**
   * Tasks assigned to me directly or through one of my groups (`assigned_to_me`, as documented),
   * changed at or after `since` (an ISO date-time, inclusive: the engine dedupes by uuid). Without
   * `since`, all of them. Every status is included, so closes arrive too.
   */
  myTasks(opts: { since?: string; pageSize?: number } = {}): AsyncGenerator<Page<WorkflowTask>> {
    return this.searchTasks(
      { assigned_to_me: true, ...(opts.since ? { last_update_dts_begin: opts.since } : {}) },
      opts.pageSize !== undefined ? { pageSize: opts.pageSize } : {},
    );
  }

  // ---- pushes --------------------------------------------------------------------------------

  /** POST /workflow/tasks with our op id in the task's properties (see findByClientRef). */
  async insertTask(input: TaskInput, clientRef: string): Promise<WorkflowTask> {
    const task = checked(taskInputSchema, input, 'insert task');
    if (!task.task_name) throw new RemoteError({ remote: REMOTE, kind: 'validation', message: 'insert task: task_name is required' });
    const properties = [...(task.properties ?? []).filter((p) => p.name !== CLIENT_REF_PROPERTY), { name: CLIENT_REF_PROPERTY, value: clientRef }];
    return (await this.call({ method: 'POST', path: '/workflow/tasks', json: { ...task, properties } }, taskResponseSchema, 'insert task')).task;
  }

  /**
   * PUT /workflow/tasks/{uuid}. The document suggests the SDK sends the whole task, so this reads
   * the task, applies `patch` and sends it all back; a remote that replaces the whole task then
   * loses nothing. Setting fields is idempotent, so a retry after a lost reply is harmless;
   * `addNote` is appended only if the task does not already carry a note with that exact text.
   * Our client-ref property is kept even when `patch.properties` replaces the list.
   */
  async updateTask(uuid: string, patch: TaskInput, opts: { addNote?: string } = {}): Promise<WorkflowTask> {
    const p = checked(taskInputSchema, patch, 'update task');
    const current = await this.getTask(uuid);
    const next: Record<string, unknown> = { ...current, ...p };
    // The display names come back with the whole task; left in place they would contradict a
    // changed id (an unassign would keep the old name), so the remote derives them again.
    for (const [id, name] of [['assigned_to_user_id', 'assigned_to_user'], ['assigned_to_group_id', 'assigned_to_group']] as const) {
      if (!(id in p)) continue;
      if (p[id] === null) next[name] = null;
      else delete next[name];
      delete next.assigned_to_user_or_group;
    }
    if (p.properties) {
      const ref = (current.properties ?? []).find((x) => x.name === CLIENT_REF_PROPERTY);
      next.properties = [...p.properties.filter((x) => x.name !== CLIENT_REF_PROPERTY), ...(ref ? [ref] : [])];
    }
    if (opts.addNote !== undefined) {
      const notes = (next.notes as { note?: string | null }[] | null | undefined) ?? [];
      if (!notes.some((n) => n.note === opts.addNote)) next.notes = [...notes, { note: opts.addNote }];
    }
    const path = `/workflow/tasks/${encodeURIComponent(uuid)}`;
    return (await this.call({ method: 'PUT', path, json: next }, taskResponseSchema, 'update task')).task;
  }

  /**
   * The task an earlier insert created with `clientRef`, if any (lost-reply reconciliation).
   * The document's search has NO property filter, so: with the task's linked object, the
   * documented by-object lookup; otherwise a search for tasks created since the op was first tried
   * (and by us, when our user id is known), checking the property on each page and stopping at
   * the first hit.
   */
  async findByClientRef(clientRef: string, hint: FindByClientRefHint): Promise<WorkflowTask | undefined> {
    if (hint.objectType && hint.objectId) {
      const hit = (await this.tasksByObject(hint.objectType, hint.objectId)).find((t) => hasRef(t, clientRef));
      // The path format of object_type is undocumented: a miss falls through to the search.
      if (hit) return hit;
    }
    const begin = new Date(hint.createdSince - (hint.skewMs ?? 15 * 60_000)).toISOString();
    const query: TasksRequest = { created_dts_begin: begin, ...(hint.createdByUserId !== undefined ? { created_by: { user_id: hint.createdByUserId } } : {}) };
    for await (const page of this.searchTasks(query)) {
      const hit = page.items.find((t) => hasRef(t, clientRef));
      if (hit) return hit;
    }
    return undefined;
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private async *paged<T>(
    limit: number,
    fetchPage: (q: { _limit: number; _offset: number }) => Promise<{ items: T[]; rs: ResultSet | null | undefined }>,
  ): AsyncGenerator<Page<T>> {
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const { items, rs } = await fetchPage({ _limit: limit, _offset: offset });
      yield { items, offset, total: rs?.total_records ?? undefined };
      offset = nextOffset(offset, limit, items.length, rs);
    }
  }

  private async call<S extends z.ZodType>(req: HttpRequest, schema: S, what: string): Promise<z.output<S>> {
    const r: HttpRequest = {
      ...req,
      headers: { ...req.headers, 'x-ultracart-simple-key': this.cfg.simpleKey, 'x-ultracart-api-version': '2017-03-01' },
    };
    let res = await send(this.http, r);
    // The key is static, so there is nothing to refresh; one immediate retry rides out a passing
    // 401 (a 401 means the call was not applied, so this is safe even for an insert).
    if (res.status === 401) res = await send(this.http, r);
    if (res.status < 200 || res.status > 299) throw this.errorOf(res, what);
    // The envelope carries `success`; a 200 that says false is the remote refusing the data, and
    // its payload key may be missing, so look before checking the payload.
    // (A cheap look first: big search pages should not be parsed twice.)
    const refused = /"success"\s*:\s*false/.test(res.text) ? this.refusal(res, what) : undefined;
    if (refused) throw refused;
    return parseBody(REMOTE, res, schema, what);
  }

  private refusal(res: HttpResponse, what: string): RemoteError | undefined {
    // A body that is not JSON is no refusal: parseBody reports it as bad_response.
    const parsed = envelopeSchema.safeParse(tryJson(res.text));
    const env = parsed.success ? parsed.data : undefined;
    if (env?.success !== false) return undefined;
    const msg = res.headers.get('uc-rest-error')?.trim() || env.error?.user_message || env.error?.developer_message || undefined;
    return new RemoteError({
      remote: REMOTE,
      kind: 'validation',
      status: res.status,
      message: `${what}: ${msg ?? 'success:false'}`,
      ...(msg ? { remoteMessage: msg } : {}),
      ...(env.error ? { details: env.error } : {}),
    });
  }

  private errorOf(res: HttpResponse, what: string): RemoteError {
    // The header alone is documented; a body that is not JSON is fine.
    const parsed = envelopeSchema.safeParse(tryJson(res.text));
    const body = parsed.success ? parsed.data : undefined;
    const header = res.headers.get('uc-rest-error')?.trim() || undefined;
    const remoteMessage = header ?? body?.error?.user_message ?? body?.error?.developer_message ?? undefined;
    const err = statusError(REMOTE, res, what, {
      ...(remoteMessage !== undefined ? { remoteMessage } : {}),
      ...(body?.error ? { details: body.error } : {}),
      now: this.cfg.now?.() ?? Date.now(),
    });
    // 410 "your authorized application has been disabled": needs a person, like a refused key —
    // not a validation error that would park each op as dead.
    if (res.status === 410) {
      return new RemoteError({
        remote: REMOTE,
        kind: 'auth',
        status: 410,
        message: err.message.replace(/^ultracart: /, ''),
        ...(remoteMessage !== undefined ? { remoteMessage } : {}),
        ...(body?.error ? { details: body.error } : {}),
      });
    }
    return err;
  }
}
