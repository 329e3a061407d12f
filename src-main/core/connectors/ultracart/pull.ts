// What Dockside pulls from the UltraCart WorkflowApi: assignment users and groups, tags (sweeps
// into remote_records), my tasks (delta by last_update_dts into `tasks`), and the open count.
import type { Db } from '../../db/database';
import { newId } from '../../util/ids';
import type { ApplyContext, PullResource } from '../../sync/types';
import type { UltracartClient } from './client';
import { localStatusOf, readTaskCursor, stepTaskCursor, taskRowOf } from './mappers';
import { OPEN_COUNT_ID, RemoteRecords, TaskStore } from './repo';
import type { AssignableUser, WorkflowGroup, WorkflowTask } from './schemas';

const REMOTE = 'ultracart' as const;
/** The document's maximum for a search page. */
export const TASK_PAGE_SIZE = 500;

/** Stores built once per database (statements prepared once, not per chunk). */
function storesFor(cache: WeakMap<Db, { tasks: TaskStore; records: RemoteRecords }>, db: Db) {
  let s = cache.get(db);
  if (!s) {
    s = { tasks: new TaskStore(db, REMOTE), records: new RemoteRecords(db, REMOTE) };
    cache.set(db, s);
  }
  return s;
}

export interface UltracartUserRecord extends AssignableUser {
  /** This is the user our simple key acts as (`my_user_id`). */
  me: boolean;
}

export function ultracartResources(opts: { taskPageSize?: number } = {}): PullResource<unknown, UltracartClient>[] {
  const cache = new WeakMap<Db, { tasks: TaskStore; records: RemoteRecords }>();
  const stores = (ctx: ApplyContext) => storesFor(cache, ctx.db);
  const pageSize = opts.taskPageSize ?? TASK_PAGE_SIZE;

  // Small lists the client pages through itself (≤ 200 a page): one PullPage each, into
  // remote_records as `record` keys and shapes each item.
  const referenceList = <T>(resource: string, list: (c: UltracartClient) => Promise<T[]>, record: (x: T) => [remoteId: string, data: unknown]): PullResource<T, UltracartClient> => ({
    remote: REMOTE,
    resource,
    mode: 'sweep',
    async fetchPage(client) {
      const items = await list(client);
      return { items, cursor: null, done: true, total: items.length };
    },
    apply(items, ctx) {
      const { records } = stores(ctx);
      for (const x of items) {
        const [remoteId, data] = record(x);
        records.put(resource, remoteId, data, ctx.now);
      }
    },
  });

  const users = referenceList<UltracartUserRecord>(
    'users',
    async (client) => {
      const { users: list, myUserId } = await client.listUsers();
      return list.map((u) => ({ ...u, me: u.user_id === myUserId }));
    },
    (u) => [String(u.user_id), u],
  );
  const groups = referenceList<WorkflowGroup>('groups', (client) => client.listGroups(), (g) => [String(g.group_id), g]);
  const tags = referenceList<string>('tags', (client) => client.listTags(), (t) => [t, { tag: t }]);

  const tasks: PullResource<WorkflowTask, UltracartClient> = {
    remote: REMOTE,
    resource: 'tasks',
    mode: 'delta',
    async fetchPage(client, raw) {
      const c = readTaskCursor(raw);
      const offset = c.run?.offset ?? 0;
      const page = await client.searchTasksPage({ assigned_to_me: true, ...(c.since ? { last_update_dts_begin: c.since } : {}) }, offset, pageSize);
      const step = stepTaskCursor(c, page);
      return { items: step.items, cursor: JSON.stringify(step.cursor), done: step.done, ...(offset === 0 && page.total !== undefined ? { total: page.total } : {}) };
    },
    apply(items, ctx) {
      const { tasks: store } = stores(ctx);
      for (const t of items) {
        const row = taskRowOf(t);
        const existing = store.find(row.remoteId, row.clientRef);
        if (existing && ctx.isProtected('task', existing.id)) {
          // The echo of our own create, its reply not yet written back: link it, keep our data.
          if (existing.remote_id === null) store.link(existing.id, row.remoteId);
          else ctx.conflict({ entity: 'task', entityId: existing.id, remoteId: row.remoteId, remoteData: t });
          continue;
        }
        const write = { ...row, contactId: null, status: localStatusOf(row.remoteStatus, existing?.status) };
        if (existing) {
          store.update(existing.id, write, ctx.now);
          ctx.resolved('task', existing.id);
        } else store.insert(newId(), write, ctx.now);
      }
    },
  };

  const openCount: PullResource<{ openCount: number }, UltracartClient> = {
    remote: REMOTE,
    resource: 'open_count',
    mode: 'sweep',
    async fetchPage(client) {
      return { items: [{ openCount: await client.openCount() }], cursor: null, done: true };
    },
    apply(items, ctx) {
      const { records } = stores(ctx);
      for (const x of items) records.put('open_count', OPEN_COUNT_ID, x, ctx.now);
    },
  };

  return [users, groups, tags, tasks, openCount] as PullResource<unknown, UltracartClient>[];
}
