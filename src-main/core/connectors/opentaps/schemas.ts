// Opentaps CRM-2 shapes, from the digest (shared/api/opentaps-activities.md): the seed defines no
// schema, so the field names come from Opentaps' own client scripts [ext]. Strict on what Dockside
// reads (_id, type, status, dates, assignees, attributes), lenient on everything else.
import { z } from 'zod';
import { TASK_STATUSES, type TaskStatus } from './status';

/** The attribute that carries Dockside's client reference (lost-reply reconciliation). */
export const CLIENT_REF_ATTRIBUTE = 'docksideRef';

/** Success envelope [ext]: `{"result": {"resultValue": <object | array>}}`. */
export function envelope<S extends z.ZodType>(value: S) {
  return z.looseObject({ result: z.looseObject({ resultValue: value }) });
}

/** Error body [ext]: a non-200 status with `error` or `errors`, sometimes `message`; shape undocumented. */
export const errorBodySchema = z.looseObject({
  error: z.unknown().optional(),
  errors: z.unknown().optional(),
  message: z.unknown().optional(),
});

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The remote's own words from an error body, in the order Opentaps' scripts read them: error, message, errors. */
export function errorMessageOf(body: unknown): string | undefined {
  const b = errorBodySchema.safeParse(body);
  if (!b.success) return undefined;
  const { error, errors, message } = b.data;
  const fromError = text(error) ?? (error && typeof error === 'object' ? text((error as { message?: unknown }).message) : undefined);
  if (fromError) return fromError;
  if (text(message)) return text(message);
  const list = Array.isArray(errors) ? errors : errors !== undefined ? [errors] : [];
  const words = list.map((e) => text(e) ?? (e && typeof e === 'object' ? text((e as { message?: unknown }).message) : undefined)).filter((s): s is string => !!s);
  return words.length ? words.join('; ') : undefined;
}

/** True when a body says it is an error (used for a 200 that carries no `result`). */
export function looksLikeError(body: unknown): boolean {
  return !!body && typeof body === 'object' && !('result' in body) && ('error' in body || 'errors' in body);
}

const id = z.string().min(1);
// The date-time format is undocumented ("parseable ISO-like"): anything Date.parse reads.
const dateTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a date-time');

const rawActivitySchema = z
  .looseObject({
    _id: id,
    clientDomain: z.string().nullish(),
    // The seed says activityTypeId, the scripts activityType: either is accepted.
    activityType: z.string().min(1).nullish(),
    activityTypeId: z.string().min(1).nullish(),
    noteText: z.string().nullish(),
    status: z.string().nullish(),
    scheduledDateTime: dateTime.nullish(),
    // documented as string[]; a lone id is read as a list of one
    assignedToContact: z.union([z.array(id), id]).nullish(),
    responsibleContactId: z.string().nullish(),
    attributes: z.record(z.string(), z.unknown()).nullish(),
    // contact links (contact/add) are not described in any answer; read when present
    contacts: z.array(z.looseObject({ contactId: id, role: z.string().nullish() })).nullish(),
  })
  .refine((a) => !!(a.activityType ?? a.activityTypeId), { message: 'activityType is missing', path: ['activityType'] });

/** An activity as Dockside uses it. */
export const activitySchema = rawActivitySchema.transform((a) => {
  const attributes = a.attributes ?? {};
  const ref = attributes[CLIENT_REF_ATTRIBUTE];
  return {
    id: a._id,
    type: (a.activityType ?? a.activityTypeId ?? '').toUpperCase(),
    noteText: a.noteText ?? '',
    /** Upper-cased (the seed writes "Created", the wire "CREATED"). */
    status: a.status ? a.status.toUpperCase() : null,
    scheduledDateTime: a.scheduledDateTime ?? null,
    assignedToContactIds: a.assignedToContact == null ? [] : Array.isArray(a.assignedToContact) ? a.assignedToContact : [a.assignedToContact],
    responsibleContactId: a.responsibleContactId ?? null,
    attributes,
    contacts: (a.contacts ?? []).map((c) => ({ contactId: c.contactId, role: c.role ?? null })),
    clientRef: typeof ref === 'string' ? ref : null,
  };
});
export type Activity = z.infer<typeof activitySchema>;

/** A task: an activity of type TASK with a status on the machine and a scheduled date-time. */
export const taskSchema = activitySchema.pipe(
  z.custom<Activity & { type: 'TASK'; status: TaskStatus; scheduledDateTime: string }>(
    (a) => {
      const x = a as Activity;
      return x.type === 'TASK' && (TASK_STATUSES as readonly string[]).includes(x.status ?? '') && x.scheduledDateTime !== null;
    },
    { message: `a task needs activityType TASK, a status of ${TASK_STATUSES.join('/')} and a scheduledDateTime` },
  ),
);
export type Task = z.infer<typeof taskSchema>;

export const activityListSchema = envelope(z.array(activitySchema));
export const taskListSchema = envelope(z.array(taskSchema));
/** The create/update answer is undocumented; presumably the saved activity [inferred]. Read loosely. */
export const writeAnswerSchema = envelope(z.unknown());

/** Token service [ext]: `POST /oauth/temp-token` → `{"authToken": "<temp>"}` (enveloped or not). */
export const tempTokenSchema = z.union([
  z.looseObject({ authToken: z.string().min(1) }).transform((b) => b.authToken),
  envelope(z.looseObject({ authToken: z.string().min(1) })).transform((b) => b.result.resultValue.authToken),
]);
