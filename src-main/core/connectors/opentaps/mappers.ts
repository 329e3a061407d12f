// Opentaps activities and tasks ↔ local rows, and the push payloads in local terms. Pure: no I/O.
import { z } from 'zod';
import type { Activity, Task } from './schemas';
import { TASK_STATUSES, taskTransitionProblem, type TaskStatus } from './status';

export const LOCAL_TASK_STATUS = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type LocalTaskStatus = (typeof LOCAL_TASK_STATUS)[number];

// The seed's machine has exactly our four states, so the mapping is one to one.
const TO_LOCAL: Record<TaskStatus, LocalTaskStatus> = { CREATED: 'open', STARTED: 'in_progress', COMPLETED: 'done', CANCELLED: 'cancelled' };
const TO_REMOTE: Record<LocalTaskStatus, TaskStatus> = { open: 'CREATED', in_progress: 'STARTED', done: 'COMPLETED', cancelled: 'CANCELLED' };
export const localStatusOf = (s: TaskStatus): LocalTaskStatus => TO_LOCAL[s];
export const remoteStatusOf = (s: LocalTaskStatus): TaskStatus => TO_REMOTE[s];

/** Why a local task may not go from `from` to `to` on Opentaps (the seed's machine), or null. For screens, before enqueueing. */
export function statusChangeProblem(from: LocalTaskStatus, to: LocalTaskStatus): string | null {
  return taskTransitionProblem(TO_REMOTE[from], TO_REMOTE[to]);
}

export const isTask = (a: Activity): a is Task => a.type === 'TASK' && (TASK_STATUSES as readonly string[]).includes(a.status ?? '') && a.scheduledDateTime !== null;

function msOf(v: string | null | undefined): number | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/** Every remote contact an activity concerns: linked ones first (the customer), then assignees, then the responsible one. */
export function remoteContactsOf(a: Activity): string[] {
  const out = new Set<string>();
  for (const c of a.contacts) out.add(c.contactId);
  for (const c of a.assignedToContactIds) out.add(c);
  if (a.responsibleContactId) out.add(a.responsibleContactId);
  return [...out];
}

export interface ActivityRow {
  remoteId: string;
  type: string;
  body: string;
  status: string | null;
  remoteContacts: string;
  attributes: string;
  clientRef: string | null;
}

export function activityRowOf(a: Activity): ActivityRow {
  return {
    remoteId: a.id,
    type: a.type,
    body: a.noteText,
    status: a.status,
    remoteContacts: JSON.stringify(remoteContactsOf(a)),
    attributes: JSON.stringify(a.attributes),
    clientRef: a.clientRef,
  };
}

/** A task as the `tasks` table holds it (remote 'opentaps'); the local contact is resolved by the caller. */
export function taskRowOf(t: Task) {
  const orderId = t.attributes.orderId;
  return {
    remoteId: t.id,
    title: t.noteText.trim() || `Opentaps task ${t.id}`,
    description: null,
    status: localStatusOf(t.status),
    priority: 'normal' as const, // the document has no priority
    dueAt: msOf(t.scheduledDateTime),
    orderId: typeof orderId === 'string' && orderId ? orderId : null,
    remoteStatus: t.status,
    remoteAssignee: t.assignedToContactIds[0] ?? null,
    remoteGroup: null,
    tags: '[]',
    clientRef: t.clientRef,
    remoteUpdatedAt: null, // the document has no change stamp
    createdAt: null, // not in the document: the row's first sight
  };
}

// ---- push payloads (what the outbox stores) -------------------------------------------------

/** `activity.create` (entity 'activity', entityId = the local activity id, also the client reference). */
export const otNoteCreateSchema = z.object({
  noteText: z.string().trim().min(1),
  /** NOTE unless told otherwise (EMAIL, or a type the domain defines). */
  activityType: z.string().trim().min(1).optional(),
  attributes: z.record(z.string(), z.string()).optional(),
  /** The Opentaps contact to link, and its free-text role. */
  contactId: z.string().min(1).optional(),
  role: z.string().min(1).optional(),
});
export type OtNoteCreate = z.infer<typeof otNoteCreateSchema>;

/** `task.create` (entity 'task', entityId = the local task id, also the client reference). */
export const otTaskCreateSchema = z.object({
  noteText: z.string().trim().min(1),
  /** Epoch ms. */
  scheduledAt: z.number().int(),
  assignedToContactId: z.string().min(1),
  responsibleContactId: z.string().min(1).optional(),
  attributes: z.record(z.string(), z.string()).optional(),
});
export type OtTaskCreate = z.infer<typeof otTaskCreateSchema>;

/** `task.status` (entity 'task'): the status the person saw, and the one they chose. */
export const otTaskStatusSchema = z.object({ from: z.enum(LOCAL_TASK_STATUS), to: z.enum(LOCAL_TASK_STATUS) });
export type OtTaskStatus = z.infer<typeof otTaskStatusSchema>;
