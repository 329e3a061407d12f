// What Dockside pushes to Opentaps CRM-2: notes (activity.create), tasks (task.create) and task
// status changes (task.status) along the seed's machine. The local id is the create's client
// reference (attributes.docksideRef), so a create whose reply was lost is found before resending
// and a pull links its echo to the local row.
import type { PushAttempt, PushOp } from '../../sync/push';
import type { ConnectorDeps, PushDef } from '../../sync/types';
import { RemoteError } from '../shared/errors';
import { configuredClient, mayHaveCreated } from '../shared/push';
import type { OpentapsClient } from './client';
import { otNoteCreateSchema, otTaskCreateSchema, otTaskStatusSchema, remoteStatusOf, type OtNoteCreate, type OtTaskCreate, type OtTaskStatus } from './mappers';
import { ActivityStore, TaskStore } from './repo';

const REMOTE = 'opentaps' as const;
export const OT_OPS = { note: 'activity.create', task: 'task.create', status: 'task.status' } as const;

export function opentapsPushes(deps: ConnectorDeps<OpentapsClient>): PushDef[] {
  let taskStore: TaskStore | undefined;
  let activityStore: ActivityStore | undefined;
  const tasks = () => (taskStore ??= new TaskStore(deps.db, REMOTE));
  const activities = () => (activityStore ??= new ActivityStore(deps.db));
  const client = (): Promise<OpentapsClient> => configuredClient(deps, 'Opentaps');

  const note: PushDef<OtNoteCreate> = {
    operation: OT_OPS.note,
    schema: otNoteCreateSchema,
    async handler(op: PushOp<OtNoteCreate>, attempt: PushAttempt) {
      const p = op.payload;
      const a = await (
        await client()
      ).createNote(
        {
          clientRef: op.entityId,
          noteText: p.noteText,
          ...(p.activityType ? { activityType: p.activityType } : {}),
          ...(p.attributes ? { attributes: p.attributes } : {}),
          ...(p.contactId ? { contact: { contactId: p.contactId, ...(p.role ? { role: p.role } : {}) } } : {}),
        },
        { reconcile: mayHaveCreated(attempt) },
      );
      activities().writeBack(op.entityId, a.id, op.entityId);
      return a;
    },
  };

  const task: PushDef<OtTaskCreate> = {
    operation: OT_OPS.task,
    schema: otTaskCreateSchema,
    async handler(op: PushOp<OtTaskCreate>, attempt: PushAttempt) {
      const p = op.payload;
      const t = await (
        await client()
      ).createTask(
        {
          clientRef: op.entityId,
          noteText: p.noteText,
          scheduledDateTime: new Date(p.scheduledAt).toISOString(),
          assignedToContactId: p.assignedToContactId,
          ...(p.responsibleContactId ? { responsibleContactId: p.responsibleContactId } : {}),
          ...(p.attributes ? { attributes: p.attributes } : {}),
        },
        { reconcile: mayHaveCreated(attempt) },
      );
      tasks().writeBack(op.entityId, { remoteId: t.id, clientRef: op.entityId, remoteStatus: t.status });
      return t;
    },
  };

  const status: PushDef<OtTaskStatus> = {
    operation: OT_OPS.status,
    schema: otTaskStatusSchema,
    async handler(op: PushOp<OtTaskStatus>) {
      const activityId = tasks().remoteIdOf(op.entityId);
      if (!activityId) {
        throw new RemoteError({ remote: REMOTE, kind: 'validation', message: `task ${op.entityId} has no Opentaps id: it was never created there` });
      }
      // An illegal change throws 'validation' in the client before any request: dead, with the reason.
      const to = remoteStatusOf(op.payload.to);
      const t = await (await client()).changeTaskStatus({ activityId, from: remoteStatusOf(op.payload.from), to });
      tasks().writeBack(op.entityId, { remoteId: activityId, clientRef: op.entityId, remoteStatus: t?.status ?? to });
      return t;
    },
  };

  return [note, task, status] as PushDef[];
}
