// UltraCart workflow tasks ↔ local task rows, and the delta cursor of the task pull. Pure: no I/O.
import { z } from 'zod';
import { CLIENT_REF_PROPERTY } from './client';
import type { PRIORITY, TASK_STATUS, TaskInput, WorkflowTask } from './schemas';

export const LOCAL_TASK_STATUS = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type LocalTaskStatus = (typeof LOCAL_TASK_STATUS)[number];
export const LOCAL_PRIORITY = ['low', 'normal', 'high', 'urgent'] as const;
export type LocalPriority = (typeof LOCAL_PRIORITY)[number];
type RemoteStatus = (typeof TASK_STATUS)[number];
type RemotePriority = (typeof PRIORITY)[number];

const CLOSED: ReadonlySet<string> = new Set(['closed', 'closed - system', 'closed - customer', 'closed - expiration']);

/**
 * Remote status → local. UltraCart has no "in progress" and no "cancelled", ours has no
 * "delayed": where the remote status is compatible with what the row already says locally, the
 * local one stays, so a task closed as cancelled here does not come back as done.
 */
export function localStatusOf(remote: string | null | undefined, previous?: string | null): LocalTaskStatus {
  if (remote && CLOSED.has(remote)) {
    if (previous === 'done' || previous === 'cancelled') return previous;
    return remote === 'closed - expiration' ? 'cancelled' : 'done';
  }
  if (remote === 'delayed' || remote === 'awaiting customer feedback') return 'in_progress';
  // open (or missing): an in-progress row stays in progress
  return previous === 'in_progress' ? 'in_progress' : 'open';
}

/** Local status → the remote's. In progress is still `open` there; cancelled is `closed`. */
export function remoteStatusOf(local: LocalTaskStatus): RemoteStatus {
  return local === 'done' || local === 'cancelled' ? 'closed' : 'open';
}

const PRIORITY_IN: Record<RemotePriority, LocalPriority> = { '1 - low': 'low', '2 - medium': 'normal', '3 - high': 'high', '4 - critical': 'urgent' };
const PRIORITY_OUT: Record<LocalPriority, RemotePriority> = { low: '1 - low', normal: '2 - medium', high: '3 - high', urgent: '4 - critical' };
export const localPriorityOf = (p: string | null | undefined): LocalPriority => PRIORITY_IN[p as RemotePriority] ?? 'normal';
export const remotePriorityOf = (p: LocalPriority): RemotePriority => PRIORITY_OUT[p];

/** Epoch ms of a remote date-time, or null (missing or unreadable). */
export function msOf(dts: string | null | undefined): number | null {
  if (!dts) return null;
  const t = Date.parse(dts);
  return Number.isNaN(t) ? null : t;
}

export function clientRefOf(t: WorkflowTask): string | null {
  return (t.properties ?? []).find((p) => p.name === CLIENT_REF_PROPERTY)?.value ?? null;
}

/** A task as the `tasks` table holds it (remote 'ultracart'); status needs the row's previous status. */
export interface TaskRow {
  remoteId: string;
  title: string;
  description: string | null;
  remoteStatus: string | null;
  priority: LocalPriority;
  dueAt: number | null;
  orderId: string | null;
  remoteAssignee: string | null;
  remoteGroup: string | null;
  tags: string;
  clientRef: string | null;
  remoteUpdatedAt: string | null;
  createdAt: number | null;
}

export function taskRowOf(t: WorkflowTask): TaskRow {
  return {
    remoteId: t.workflow_task_uuid,
    // a task without a name is possible in the SDK model; the table needs a title
    title: t.task_name?.trim() || t.task_context?.trim() || `UltraCart task ${t.global_task_number ?? t.workflow_task_uuid}`,
    description: t.task_details ?? null,
    remoteStatus: t.status ?? null,
    priority: localPriorityOf(t.priority),
    dueAt: msOf(t.due_dts),
    orderId: t.object_type === 'order' ? (t.object_id ?? null) : null,
    remoteAssignee: t.assigned_to_user_id != null ? String(t.assigned_to_user_id) : null,
    remoteGroup: t.assigned_to_group_id != null ? String(t.assigned_to_group_id) : null,
    tags: JSON.stringify(t.tags ?? []),
    clientRef: clientRefOf(t),
    remoteUpdatedAt: t.last_update_dts ?? null,
    createdAt: msOf(t.created_dts),
  };
}

// ---- push payloads (what the outbox stores, in local terms) ---------------------------------

const taskFields = {
  title: z.string().trim().min(1),
  description: z.string().nullable(),
  status: z.enum(LOCAL_TASK_STATUS),
  priority: z.enum(LOCAL_PRIORITY),
  /** Epoch ms. */
  dueAt: z.number().int().nullable(),
  /** UltraCart user id / group id (assignment_users / assignment_groups), not a station user. */
  assigneeUserId: z.number().int().nullable(),
  assigneeGroupId: z.number().int().nullable(),
  tags: z.array(z.string()),
  /** Links the task to an UltraCart order (object_type 'order'). */
  orderId: z.string().min(1).nullable(),
};

/** `task.insert`: entity 'task', entityId = the local task id (also the client reference). */
export const ucTaskInsertSchema = z.object({ ...taskFields }).partial().required({ title: true });
export type UcTaskInsert = z.infer<typeof ucTaskInsertSchema>;

/** `task.update`: the changed fields only, and optionally a note to add (added once, even when resent). */
export const ucTaskUpdateSchema = z
  .object({ ...taskFields, note: z.string().trim().min(1) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to update');
export type UcTaskUpdate = z.infer<typeof ucTaskUpdateSchema>;

/** Local fields → the remote's task input. Only what is given is set. */
export function taskInputOf(p: Partial<UcTaskInsert>): TaskInput {
  const out: TaskInput = {};
  if (p.title !== undefined) out.task_name = p.title;
  if (p.description !== undefined) out.task_details = p.description;
  if (p.status !== undefined) out.status = remoteStatusOf(p.status);
  if (p.priority !== undefined) out.priority = remotePriorityOf(p.priority);
  if (p.dueAt !== undefined) out.due_dts = p.dueAt === null ? null : new Date(p.dueAt).toISOString();
  if (p.assigneeUserId !== undefined) out.assigned_to_user_id = p.assigneeUserId;
  if (p.assigneeGroupId !== undefined) out.assigned_to_group_id = p.assigneeGroupId;
  if (p.tags !== undefined) out.tags = p.tags;
  if (p.orderId !== undefined) {
    out.object_type = p.orderId === null ? null : 'order';
    out.object_id = p.orderId;
  }
  return out;
}

/** When a uuid v7 op id was made (epoch ms), or undefined for any other id. */
export function uuidV7Ms(id: string): number | undefined {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-/i.exec(id);
  return m ? parseInt(`${m[1]}${m[2]}`, 16) : undefined;
}

// ---- the delta cursor of the task pull -------------------------------------------------------

/**
 * Task search pages overlap by this many records: the document promises no order, so a task that
 * changes (or leaves "mine") between two pages can shift the rest by one or more places; the
 * overlap absorbs small shifts, a larger one is detected and the run starts over.
 */
export const PAGE_OVERLAP = 5;
/** After this many restarts in one run, finish it but keep the old watermark (the next run repeats it). */
export const MAX_RESTARTS = 3;

export const taskCursorSchema = z.object({
  /** Watermark: `last_update_dts_begin` of the next run (inclusive), the remote's own string. */
  since: z.string().optional(),
  /**
   * Fingerprints (fingerprintOf) of the tasks already applied with exactly `since`: the inclusive
   * begin returns them again. A fingerprint, not the uuid: the stamp has whole seconds, and a task
   * changed twice within one second keeps its stamp but not its content.
   */
  sinceIds: z.array(z.string()).default([]),
  /** A run in progress. */
  run: z
    .object({
      offset: z.number().int().min(0),
      hw: z.string().optional(),
      hwIds: z.array(z.string()),
      /** Fingerprints of the previous page's last records (the overlap); the last one's uuid is `last`. */
      tail: z.array(z.string()),
      last: z.string().optional(),
      restarts: z.number().int().min(0),
      /** A run that gave up restarting: its watermark is not trusted. */
      unsafe: z.boolean(),
    })
    .optional(),
});
export type TaskCursor = z.infer<typeof taskCursorSchema>;

export function readTaskCursor(raw: string | null): TaskCursor {
  if (!raw) return { sinceIds: [] };
  const parsed = taskCursorSchema.safeParse(JSON.parse(raw));
  // An unreadable cursor (an older format) means a full read: safe, only slower.
  return parsed.success ? parsed.data : { sinceIds: [] };
}

/** uuid + a 32-bit FNV-1a hash of the whole record: equal only for a record already seen as it is. */
export function fingerprintOf(t: WorkflowTask): string {
  const text = JSON.stringify(t);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${t.workflow_task_uuid}#${(h >>> 0).toString(36)}`;
}

const lastUuid = (items: WorkflowTask[]): { last?: string } => {
  const t = items.at(-1);
  return t ? { last: t.workflow_task_uuid } : {};
};

export interface TaskPageStep {
  items: WorkflowTask[];
  cursor: TaskCursor;
  done: boolean;
}

/**
 * One page of the run folded into the cursor: drops what was already applied (the overlap, and
 * the records the inclusive watermark returns again, both by fingerprint), raises the high-water
 * mark (keeping the fingerprint of every record at the mark, so equal timestamps at a border are
 * neither lost nor doubled), and decides where the next page starts.
 */
export function stepTaskCursor(c: TaskCursor, page: { items: WorkflowTask[]; offset: number; next: number | undefined }): TaskPageStep {
  const run = c.run ?? { offset: 0, ...(c.since ? { hw: c.since } : {}), hwIds: [...c.sinceIds], tail: [], restarts: 0, unsafe: false };
  const sinceMs = msOf(c.since);
  const sinceIds = new Set(c.sinceIds);
  const tail = new Set(run.tail);
  const tailUuids = new Set(run.tail.map((k) => k.slice(0, k.lastIndexOf('#'))));
  const lastOfPrevious = run.last;
  // The previous page's last record must come back in this page (it was in the overlap): if it
  // does not, records shifted back past us (or it changed) and some may have been skipped.
  // A shift forward only repeats records, which apply takes again harmlessly.
  const shifted = page.offset > 0 && lastOfPrevious !== undefined && !page.items.some((t) => t.workflow_task_uuid === lastOfPrevious);

  const items: WorkflowTask[] = [];
  let hw = run.hw;
  let hwMs = msOf(hw);
  const hwIds = new Set(run.hwIds);
  for (const t of page.items) {
    const at = msOf(t.last_update_dts);
    // fingerprints only where a repeat is possible: the overlap, and the watermark's own second
    const fp = tailUuids.has(t.workflow_task_uuid) || (at !== null && (at === sinceMs || at === hwMs)) ? fingerprintOf(t) : undefined;
    if (fp !== undefined && tail.has(fp)) continue;
    if (fp !== undefined && at === sinceMs && sinceIds.has(fp)) continue;
    items.push(t);
    if (at === null) continue;
    if (hwMs === null || at > hwMs) {
      hw = t.last_update_dts ?? undefined;
      hwMs = at;
      hwIds.clear();
      hwIds.add(fingerprintOf(t));
    } else if (at === hwMs) hwIds.add(fp ?? fingerprintOf(t));
  }

  const base = { ...(hw ? { hw } : {}), hwIds: [...hwIds] };
  if (shifted && run.restarts < MAX_RESTARTS) {
    return { items, done: false, cursor: { ...c, run: { ...base, offset: 0, tail: [], restarts: run.restarts + 1, unsafe: run.unsafe } } };
  }
  const unsafe = run.unsafe || shifted;
  if (page.next === undefined) {
    // End of the run: the new watermark, or the old one again when the run could have missed records.
    const end: TaskCursor = unsafe ? { ...(c.since ? { since: c.since } : {}), sinceIds: c.sinceIds } : { ...(hw ? { since: hw } : {}), sinceIds: [...hwIds] };
    return { items, done: true, cursor: end };
  }
  const next = page.next - PAGE_OVERLAP > page.offset ? page.next - PAGE_OVERLAP : page.next;
  const overlapStart = Math.max(0, page.items.length - (page.next - next));
  return {
    items,
    done: false,
    cursor: {
      ...c,
      run: { ...base, offset: next, tail: page.items.slice(overlapStart).map(fingerprintOf), ...lastUuid(page.items), restarts: run.restarts, unsafe },
    },
  };
}
