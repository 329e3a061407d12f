/**
 * UltraCart REST v2 WorkflowApi simulator — seed 000 + digest ultracart-workflow.md.
 * Auth: `x-ultracart-simple-key` header. Errors: status + `UC-REST-ERROR` header + ErrorResponse body.
 * Paging: `_limit` / `_offset` query, `metadata.result_set {count, limit, more, next_offset, offset, total_records}`.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { indexFromUuid, OverlayCollection, uuidFor, ultracart as U } from '../generator/index';
import { bodyJson, header, intParam, json, PARSE_ERROR, Router, type Ctx, type Json, type Reply } from '../http';
import type { SimState, SystemModule } from '../state';

export const ULTRACART_CREDENTIALS = { header: 'x-ultracart-simple-key' as const, key: 'uc-demo-simple-key-508b3e' };

const STATUS = ['open', 'closed', 'delayed', 'awaiting customer feedback', 'closed - system', 'closed - customer', 'closed - expiration'] as const;
const SEARCH_STATUS = ['open', 'closed', 'delayed', 'awaiting customer feedback'] as const;
const PRIORITY = ['1 - low', '2 - medium', '3 - high', '4 - critical'] as const;
const OBJECT_TYPE = ['order', 'auto order', 'item', 'customer profile', 'storefront'] as const;

const UserSchema = z.object({ user: z.string().nullable().optional(), user_id: z.number().int().nullable().optional(), user_icon_url: z.string().nullable().optional() });
const Attachment = z.object({ file_uuid: z.string().nullable().optional(), file_name: z.string().nullable().optional(), mime_type: z.string().nullable().optional(), upload_key: z.string().nullable().optional(), download_key: z.string().nullable().optional() });
const Note = z.object({ note: z.string().nullable().optional(), original_note: z.string().nullable().optional(), note_dts: z.string().nullable().optional(), edit_dts: z.string().nullable().optional(), user: UserSchema.nullable().optional(), attachments: z.array(Attachment).nullable().optional() });
const TaskSchema = z.looseObject({
  workflow_task_uuid: z.string().nullable().optional(),
  task_name: z.string().nullable().optional(),
  task_details: z.string().nullable().optional(),
  task_context: z.string().nullable().optional(),
  status: z.enum(STATUS).nullable().optional(),
  priority: z.enum(PRIORITY).nullable().optional(),
  object_type: z.enum(OBJECT_TYPE).nullable().optional(),
  object_id: z.string().nullable().optional(),
  object_email: z.string().nullable().optional(),
  object_url: z.string().nullable().optional(),
  assigned_to_user: z.string().nullable().optional(),
  assigned_to_user_id: z.number().int().nullable().optional(),
  assigned_to_group: z.string().nullable().optional(),
  assigned_to_group_id: z.number().int().nullable().optional(),
  due_dts: z.string().nullable().optional(),
  delay_until_dts: z.string().nullable().optional(),
  expiration_dts: z.string().nullable().optional(),
  dependant_workflow_task_uuid: z.string().nullable().optional(),
  related_workflow_task_uuid: z.string().nullable().optional(),
  tags: z.array(z.string()).nullable().optional(),
  properties: z.array(z.object({ name: z.string(), value: z.string().nullable() })).nullable().optional(),
  notes: z.array(Note).nullable().optional(),
  attachments: z.array(Attachment).nullable().optional(),
});
const SearchSchema = z.looseObject({
  assigned_to_group: z.string().nullable().optional(),
  assigned_to_group_id: z.number().int().nullable().optional(),
  assigned_to_me: z.boolean().nullable().optional(),
  assigned_to_user: z.string().nullable().optional(),
  assigned_to_user_id: z.number().int().nullable().optional(),
  created_by: UserSchema.nullable().optional(),
  created_dts_begin: z.string().nullable().optional(),
  created_dts_end: z.string().nullable().optional(),
  delay_until_dts_begin: z.string().nullable().optional(),
  delay_until_dts_end: z.string().nullable().optional(),
  due_dts_begin: z.string().nullable().optional(),
  due_dts_end: z.string().nullable().optional(),
  last_update_dts_begin: z.string().nullable().optional(),
  last_update_dts_end: z.string().nullable().optional(),
  object_email: z.string().nullable().optional(),
  object_type: z.enum(['order', 'auto order', 'item', 'customer profile']).nullable().optional(),
  priority: z.enum(PRIORITY).nullable().optional(),
  status: z.enum(SEARCH_STATUS).nullable().optional(),
  tags: z.array(z.string()).nullable().optional(),
  unassigned: z.boolean().nullable().optional(),
});

function resultSet(count: number, limit: number, offset: number, total: number): Json {
  const more = offset + count < total;
  return { payload_name: null, result_set: { count, limit, more, next_offset: offset + count, offset, total_records: total } };
}

function inRange(v: string | null | undefined, begin: string | null | undefined, end: string | null | undefined): boolean {
  if (!begin && !end) return true;
  if (!v) return false;
  const t = Date.parse(v);
  if (begin && t < Date.parse(begin)) return false;
  if (end && t > Date.parse(end)) return false;
  return true;
}

export function createUltracart(state: SimState): SystemModule {
  const ds = state.ds;
  const seed = state.seed;
  const tasks = new OverlayCollection<Json>({
    baseCount: ds.ultracart.tasks.count,
    gen: (i) => ds.ultracart.tasks.get(i),
    indexOf: (id) => indexFromUuid(seed, 'ucTask', id),
    cacheBase: true,
  });
  const me = ds.ultracart.me;
  const myGroups = U.ucUserGroups(me.user_id);
  const uploads = new Map<string, { bytes: number; at: string }>();
  let nextGlobal = 5000 + ds.ultracart.tasks.count;
  const r = new Router();

  const err = (status: number, message: string): Reply => ({
    status,
    headers: { 'UC-REST-ERROR': message },
    body: { success: false, error: { developer_message: message, error_code: String(status), more_info: null, object_id: null, user_message: message }, metadata: {}, warning: null },
  });
  const ok = (payload: Json, metadata: Json = {}): Reply => json(200, { success: true, ...payload, error: null, warning: null, metadata });
  const dts = (): string => U.ucDts(state.now());

  const parseBody = <T>(ctx: Ctx, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; reply: Reply } => {
    const b = bodyJson(ctx);
    if (b === PARSE_ERROR) return { ok: false, reply: err(400, 'Invalid JSON in request body') };
    if (b === undefined) return { ok: false, reply: err(400, 'Request body is required') };
    const v = schema.safeParse(b);
    if (!v.success) return { ok: false, reply: err(400, `Invalid ${v.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`) };
    return { ok: true, value: v.data };
  };

  // Only the documented `_limit`/`_offset` (digest: "Query params on the wire are _limit, _offset, _sort");
  // the SDK argument names `limit`/`offset` are ignored like any unknown parameter.
  const limits = (ctx: Ctx, def: number, max: number): { limit: number; offset: number } => ({
    limit: intParam(ctx.query.get('_limit'), def, 1, max),
    offset: intParam(ctx.query.get('_offset'), 0, 0),
  });

  const userName = (id: number | null | undefined): string | null => (id == null ? null : (ds.ultracart.users.find((u: Json) => u.user_id === id)?.user ?? null));
  const groupName = (id: number | null | undefined): string | null => (id == null ? null : (ds.ultracart.groups.find((g: Json) => g.group_id === id)?.group ?? null));

  r.put('/workflow/agent/auth', () =>
    ok({ agent_auth: { jwt: `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: me.user_id, merchant_id: U.UC_MERCHANT_ID, exp: Math.floor(state.now() / 1000) + 3600 })).toString('base64url')}.sim`, merchant_id: U.UC_MERCHANT_ID, websocket_url: `${state.baseUrl.replace(/^http/, 'ws')}/ultracart/ws` } }),
  );

  r.get('/workflow/assignment_groups', (ctx) => {
    const { limit, offset } = limits(ctx, 100, 200);
    const page = ds.ultracart.groups.slice(offset, offset + limit);
    return ok({ groups: page }, resultSet(page.length, limit, offset, ds.ultracart.groups.length));
  });
  r.get('/workflow/assignment_users', (ctx) => {
    const { limit, offset } = limits(ctx, 100, 200);
    const page = ds.ultracart.users.slice(offset, offset + limit);
    return ok({ users: page, my_user_id: me.user_id }, resultSet(page.length, limit, offset, ds.ultracart.users.length));
  });
  r.get('/workflow/me', () => ok({ user: me }));

  const assignedToMe = (t: Json): boolean => t.assigned_to_user_id === me.user_id || (t.assigned_to_group_id != null && myGroups.includes(t.assigned_to_group_id));

  r.get('/workflow/tasks/open_count', () => {
    let n = 0;
    tasks.scan((t) => {
      if (t.status === 'open' && assignedToMe(t)) n++;
    });
    return ok({ open_count: n });
  });
  r.get('/workflow/tasks/tags', () => {
    const set = new Set<string>();
    tasks.scan((t) => {
      for (const g of t.tags ?? []) set.add(g);
    });
    return ok({ tags: [...set].sort() });
  });
  r.get('/workflow/tasks/attachments/:extension', (ctx) => {
    const key = `tmp/${randomUUID()}.${ctx.params.extension}`;
    return ok({ workflow_attachment_upload_url: { key, url: `${state.baseUrl}/ultracart/rest/v2/_upload/${encodeURIComponent(key)}` } });
  });
  // presigned-URL stand-in: accepts the bytes (no auth, like a presigned S3 URL)
  r.put(
    '/_upload/:key',
    (ctx) => {
      uploads.set(ctx.params.key as string, { bytes: ctx.rawBody.length, at: dts() });
      return { status: 200 };
    },
    { public: true },
  );

  r.get('/workflow/tasks/by/:object_type/:object_id', (ctx) => {
    const out: Json[] = [];
    tasks.scan((t) => {
      if (t.object_type === ctx.params.object_type && t.object_id === ctx.params.object_id) out.push(structuredClone(t));
    });
    return ok({ tasks: out, task_context: out[0]?.task_context ?? `${ctx.params.object_type} ${ctx.params.object_id}` });
  });

  r.get('/workflow/tasks/:task_uuid', (ctx) => {
    const t = tasks.get(ctx.params.task_uuid as string);
    return t ? ok({ task: t }) : err(400, `Workflow task ${ctx.params.task_uuid} not found`);
  });

  r.post('/workflow/tasks/search', (ctx) => {
    const p = parseBody(ctx, SearchSchema);
    if (!p.ok) return p.reply;
    const q = p.value;
    const { limit, offset } = limits(ctx, 100, 500);
    const matches: Json[] = [];
    tasks.scan((t) => {
      if (q.status && t.status !== q.status) return;
      if (q.priority && t.priority !== q.priority) return;
      if (q.object_type && t.object_type !== q.object_type) return;
      if (q.object_email && t.object_email?.toLowerCase() !== q.object_email.toLowerCase()) return;
      if (q.assigned_to_user_id != null && t.assigned_to_user_id !== q.assigned_to_user_id) return;
      if (q.assigned_to_user && t.assigned_to_user !== q.assigned_to_user) return;
      if (q.assigned_to_group_id != null && t.assigned_to_group_id !== q.assigned_to_group_id) return;
      if (q.assigned_to_group && t.assigned_to_group !== q.assigned_to_group) return;
      if (q.assigned_to_me && !assignedToMe(t)) return;
      if (q.unassigned && (t.assigned_to_user_id != null || t.assigned_to_group_id != null)) return;
      if (q.created_by?.user_id != null && t.created_by?.user_id !== q.created_by.user_id) return;
      if (q.tags?.length && !q.tags.some((g) => (t.tags ?? []).includes(g))) return;
      if (!inRange(t.created_dts, q.created_dts_begin, q.created_dts_end)) return;
      if (!inRange(t.last_update_dts, q.last_update_dts_begin, q.last_update_dts_end)) return;
      if (!inRange(t.due_dts, q.due_dts_begin, q.due_dts_end)) return;
      if (!inRange(t.delay_until_dts, q.delay_until_dts_begin, q.delay_until_dts_end)) return;
      matches.push(t);
    });
    const sort = ctx.query.get('_sort');
    if (sort) {
      const keys = sort.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (s.startsWith('-') ? { k: s.slice(1), d: -1 } : { k: s.replace(/^\+/, ''), d: 1 }));
      matches.sort((a, b) => {
        for (const { k, d } of keys) {
          const av = a[k] ?? '';
          const bv = b[k] ?? '';
          if (av < bv) return -d;
          if (av > bv) return d;
        }
        return 0;
      });
    }
    const page = matches.slice(offset, offset + limit).map((t) => structuredClone(t));
    return ok({ tasks: page }, resultSet(page.length, limit, offset, matches.length));
  });

  const normaliseAssignment = (t: Json): void => {
    if (t.assigned_to_user_id != null) t.assigned_to_user = userName(t.assigned_to_user_id) ?? t.assigned_to_user ?? null;
    if (t.assigned_to_group_id != null) t.assigned_to_group = groupName(t.assigned_to_group_id) ?? t.assigned_to_group ?? null;
    t.assigned_to_user_or_group = t.assigned_to_user ?? t.assigned_to_group ?? null;
  };
  const stampNotes = (notes: Json[] | null | undefined): Json[] =>
    (notes ?? []).map((n: Json) => ({ note: n.note ?? null, original_note: n.original_note ?? n.note ?? null, note_dts: n.note_dts ?? dts(), edit_dts: n.edit_dts ?? null, user: n.user ?? me, attachments: n.attachments ?? [] }));

  r.post('/workflow/tasks', (ctx) => {
    const p = parseBody(ctx, TaskSchema);
    if (!p.ok) return p.reply;
    const b = p.value as Json;
    if (!b.task_name) return err(400, 'task_name is required');
    let objectCount = 0;
    if (b.object_type && b.object_id) tasks.scan((t) => void (t.object_type === b.object_type && t.object_id === b.object_id && objectCount++));
    const now = dts();
    const task = tasks.create((i) => {
      const t: Json = {
        workflow_task_uuid: uuidFor(seed, 'ucTask', i),
        merchant_id: U.UC_MERCHANT_ID,
        task_name: b.task_name,
        task_details: b.task_details ?? null,
        task_context: b.task_context ?? (b.object_type && b.object_id ? `${b.object_type === 'order' ? 'Order' : b.object_type} ${b.object_id}` : null),
        status: b.status ?? 'open',
        priority: b.priority ?? '2 - medium',
        object_type: b.object_type ?? null,
        object_id: b.object_id ?? null,
        object_email: b.object_email ?? null,
        object_url: b.object_url ?? null,
        object_task_number: b.object_id ? objectCount + 1 : null,
        global_task_number: nextGlobal++,
        system_task_type: null,
        assigned_to_user: b.assigned_to_user ?? null,
        assigned_to_user_id: b.assigned_to_user_id ?? null,
        assigned_to_group: b.assigned_to_group ?? null,
        assigned_to_group_id: b.assigned_to_group_id ?? null,
        assigned_to_user_or_group: null,
        created_by: me,
        created_dts: now,
        last_update_dts: now,
        due_dts: b.due_dts ?? null,
        delay_until_dts: b.delay_until_dts ?? null,
        expiration_dts: b.expiration_dts ?? null,
        dependant_workflow_task_uuid: b.dependant_workflow_task_uuid ?? null,
        related_workflow_task_uuid: b.related_workflow_task_uuid ?? null,
        tags: b.tags ?? [],
        properties: b.properties ?? [],
        notes: stampNotes(b.notes),
        attachments: b.attachments ?? [],
        histories: [{ activity_dts: now, description: 'Task created', ip_address: '127.0.0.1', user: me }],
      };
      normaliseAssignment(t);
      return t;
    });
    return ok({ task });
  });

  r.put('/workflow/tasks/:task_uuid', (ctx) => {
    const p = parseBody(ctx, TaskSchema);
    if (!p.ok) return p.reply;
    const b = p.value as Json;
    const id = ctx.params.task_uuid as string;
    if (!tasks.has(id)) return err(400, `Workflow task ${id} not found`);
    const now = dts();
    const updated = tasks.update(id, (t) => {
      const hist: string[] = [];
      const ro = new Set(['workflow_task_uuid', 'merchant_id', 'global_task_number', 'object_task_number', 'created_by', 'created_dts', 'last_update_dts', 'histories', 'system_task_type']);
      if (b.status != null && b.status !== t.status) hist.push(`Status changed from ${t.status} to ${b.status}`);
      if ('assigned_to_user_id' in b && b.assigned_to_user_id !== t.assigned_to_user_id) hist.push(`Assigned to ${userName(b.assigned_to_user_id) ?? 'nobody'}`);
      if ('assigned_to_group_id' in b && b.assigned_to_group_id !== t.assigned_to_group_id) hist.push(`Assigned to group ${groupName(b.assigned_to_group_id) ?? 'none'}`);
      for (const [k, v] of Object.entries(b)) {
        if (ro.has(k)) continue;
        if (k === 'notes') {
          const before = (t.notes ?? []).length;
          t.notes = stampNotes(v as Json[]);
          if (t.notes.length > before) hist.push('Note added');
          continue;
        }
        t[k] = v;
      }
      if ('assigned_to_user_id' in b && b.assigned_to_user_id == null && !('assigned_to_user' in b)) t.assigned_to_user = null;
      if ('assigned_to_group_id' in b && b.assigned_to_group_id == null && !('assigned_to_group' in b)) t.assigned_to_group = null;
      normaliseAssignment(t);
      t.last_update_dts = now;
      for (const d of hist.length ? hist : ['Task updated']) t.histories.push({ activity_dts: now, description: d, ip_address: '127.0.0.1', user: me });
    });
    return ok({ task: updated });
  });

  return {
    name: 'ultracart',
    prefix: '/ultracart/rest/v2',
    router: r,
    hasTokens: false,
    credentials: ULTRACART_CREDENTIALS,
    authenticate(ctx: Ctx) {
      const key = header(ctx, 'x-ultracart-simple-key');
      if (!key) return err(401, 'Missing credentials: supply the x-ultracart-simple-key header');
      if (key !== ULTRACART_CREDENTIALS.key) return err(401, 'Invalid credentials supplied');
      ctx.principal = String(me.user_id);
      return null;
    },
    errorReply: err,
    expireTokens() {},
    snapshot() {
      const ch = tasks.changes();
      return { tasks: { count: tasks.size, created: ch.created, updated: ch.updated, deleted: ch.deleted }, uploads: Object.fromEntries(uploads) };
    },
  };
}
