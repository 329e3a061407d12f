// What Dockside pushes to the UltraCart WorkflowApi: task insert and task update (entity 'task',
// entityId = the local task id). The local task id is the insert's client reference (a task
// property), so a create whose reply was lost is found again, and a pull links its echo.
import type { PushAttempt, PushOp } from '../../sync/push';
import type { ConnectorDeps, PushDef } from '../../sync/types';
import { RemoteError } from '../shared/errors';
import { configuredClient, mayHaveCreated } from '../shared/push';
import type { UltracartClient } from './client';
import { taskInputOf, ucTaskInsertSchema, ucTaskUpdateSchema, uuidV7Ms, type UcTaskInsert, type UcTaskUpdate } from './mappers';
import { TaskStore } from './repo';
import type { WorkflowTask } from './schemas';

const REMOTE = 'ultracart' as const;
export const UC_OPS = { insert: 'task.insert', update: 'task.update' } as const;

export function ultracartPushes(deps: ConnectorDeps<UltracartClient>): PushDef[] {
  let store: TaskStore | undefined;
  const tasks = () => (store ??= new TaskStore(deps.db, REMOTE));
  // Our own workflow user narrows the lost-reply search to tasks we created; asked once per client.
  const me = new WeakMap<UltracartClient, Promise<number | undefined>>();
  const myUserId = (c: UltracartClient): Promise<number | undefined> => {
    let p = me.get(c);
    if (!p) {
      p = c.getMe().then(
        (u) => u.user_id ?? undefined,
        () => {
          me.delete(c); // ask again next time; the search works without it
          return undefined;
        },
      );
      me.set(c, p);
    }
    return p;
  };
  const client = (): Promise<UltracartClient> => configuredClient(deps, 'UltraCart');
  const written = (localId: string, t: WorkflowTask): WorkflowTask => {
    tasks().writeBack(localId, { remoteId: t.workflow_task_uuid, clientRef: localId, remoteStatus: t.status ?? null, remoteUpdatedAt: t.last_update_dts ?? null });
    return t;
  };

  const insert: PushDef<UcTaskInsert> = {
    operation: UC_OPS.insert,
    schema: ucTaskInsertSchema,
    async handler(op: PushOp<UcTaskInsert>, attempt: PushAttempt) {
      const c = await client();
      const ref = op.entityId;
      if (mayHaveCreated(attempt)) {
        const createdBy = await myUserId(c);
        const found = await c.findByClientRef(ref, {
          // the op id is a uuid v7: when it was queued, so no task before it can be ours
          createdSince: uuidV7Ms(attempt.opId) ?? 0,
          ...(op.payload.orderId ? { objectType: 'order' as const, objectId: op.payload.orderId } : {}),
          ...(createdBy !== undefined ? { createdByUserId: createdBy } : {}),
        });
        if (found) return written(op.entityId, found);
      }
      return written(op.entityId, await c.insertTask(taskInputOf(op.payload), ref));
    },
  };

  const update: PushDef<UcTaskUpdate> = {
    operation: UC_OPS.update,
    schema: ucTaskUpdateSchema,
    async handler(op: PushOp<UcTaskUpdate>) {
      const uuid = tasks().remoteIdOf(op.entityId);
      if (!uuid) {
        throw new RemoteError({ remote: REMOTE, kind: 'validation', message: `task ${op.entityId} has no UltraCart id: it was never inserted there` });
      }
      const { note, ...fields } = op.payload;
      const t = await (await client()).updateTask(uuid, taskInputOf(fields), note !== undefined ? { addNote: note } : {});
      return written(op.entityId, t);
    },
  };

  return [insert, update] as PushDef[];
}
