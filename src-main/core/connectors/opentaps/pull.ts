// What Dockside pulls from Opentaps CRM-2. The document has no contact filter on activities and
// no "who am I", so: (1) `activities`, a sweep of every activity (GET /activities/{n}/{startFrom}
// until a short page) — tasks go to `tasks`, the rest to `activities`, each linked to the local
// contact whose opentaps_contact_id it concerns; (2) `tasks`, the documented task search for the
// contacts known here (assignedToContactId = their ids), which keeps their tasks fresh. "My open
// tasks" need the station user's contact id, which the connection config does not have: they are
// the rows of (1) whose remote_assignee is that id, once someone knows it.
import type { Db } from '../../db/database';
import type { ApplyContext, ConnectorDeps, PullResource } from '../../sync/types';
import { newId } from '../../util/ids';
import type { OpentapsClient } from './client';
import { activityRowOf, isTask, remoteContactsOf, taskRowOf } from './mappers';
import { ActivityStore, ContactIndex, TaskStore } from './repo';
import type { Activity, Task } from './schemas';

const REMOTE = 'opentaps' as const;
export const ACTIVITY_PAGE_SIZE = 200;
/** Contact ids per task search (they travel in the query string). */
export const CONTACTS_PER_SEARCH = 50;

interface Stores {
  tasks: TaskStore;
  activities: ActivityStore;
  contacts: ContactIndex;
}

export function opentapsResources(deps: Pick<ConnectorDeps<OpentapsClient>, 'db'>, opts: { activityPageSize?: number } = {}): PullResource<unknown, OpentapsClient>[] {
  const cache = new WeakMap<Db, Stores>();
  const stores = (db: Db): Stores => {
    let s = cache.get(db);
    if (!s) {
      s = { tasks: new TaskStore(db, REMOTE), activities: new ActivityStore(db), contacts: new ContactIndex(db) };
      cache.set(db, s);
    }
    return s;
  };
  const pageSize = opts.activityPageSize ?? ACTIVITY_PAGE_SIZE;

  function applyTask(t: Task, s: Stores, ctx: ApplyContext): void {
    const row = taskRowOf(t);
    const existing = s.tasks.find(row.remoteId, row.clientRef);
    if (existing && ctx.isProtected('task', existing.id)) {
      // our own create's echo before its write-back: link it, keep our data
      if (existing.remote_id === null) s.tasks.link(existing.id, row.remoteId);
      else ctx.conflict({ entity: 'task', entityId: existing.id, remoteId: row.remoteId, remoteData: t });
      return;
    }
    const write = { ...row, contactId: s.contacts.firstLocal(t.contacts.map((c) => c.contactId)) };
    if (existing) {
      s.tasks.update(existing.id, write, ctx.now);
      ctx.resolved('task', existing.id);
    } else s.tasks.insert(newId(), write, ctx.now);
  }

  function applyActivity(a: Activity, s: Stores, ctx: ApplyContext): void {
    const row = activityRowOf(a);
    const existing = s.activities.find(row.remoteId, row.clientRef);
    if (existing && ctx.isProtected('activity', existing.id)) {
      if (existing.remote_id === null) s.activities.link(existing.id, row.remoteId);
      else ctx.conflict({ entity: 'activity', entityId: existing.id, remoteId: row.remoteId, remoteData: a });
      return;
    }
    const contactId = s.contacts.firstLocal(remoteContactsOf(a));
    if (existing) {
      s.activities.update(existing.id, row, contactId, ctx.now);
      ctx.resolved('activity', existing.id);
    } else s.activities.insert(newId(), row, contactId, ctx.now);
  }

  const activities: PullResource<Activity, OpentapsClient> = {
    remote: REMOTE,
    resource: 'activities',
    mode: 'sweep',
    async fetchPage(client, cursor) {
      // `startFrom` is a sequence number whose meaning the document leaves open: no delta, a sweep.
      const gen = client.activityPages({ pageSize, startFrom: cursor ? Number(cursor) : 0 });
      try {
        const r = await gen.next();
        if (r.done) return { items: [], cursor: null, done: true };
        const p = r.value;
        return { items: p.activities, cursor: p.last ? null : String(p.nextStartFrom), done: p.last };
      } finally {
        await gen.return(undefined);
      }
    },
    apply(items, ctx) {
      const s = stores(ctx.db);
      for (const a of items) {
        if (isTask(a)) applyTask(a, s, ctx);
        else applyActivity(a, s, ctx);
      }
    },
  };

  const tasks: PullResource<Task, OpentapsClient> = {
    remote: REMOTE,
    resource: 'tasks',
    mode: 'sweep',
    async fetchPage(client, cursor) {
      const known = stores(deps.db).contacts.knownRemoteIds();
      const from = cursor ? Number(cursor) : 0;
      // No contact known here: nothing to ask for (an empty list would mean "any contact").
      if (from >= known.length) return { items: [], cursor: null, done: true, total: 0 };
      const chunk = known.slice(from, from + CONTACTS_PER_SEARCH);
      const items = await client.searchTasks({ assignedToContactIds: chunk });
      const next = from + chunk.length;
      const done = next >= known.length;
      return { items, cursor: done ? null : String(next), done };
    },
    apply(items, ctx) {
      const s = stores(ctx.db);
      for (const t of items) applyTask(t, s, ctx);
    },
  };

  return [activities, tasks] as PullResource<unknown, OpentapsClient>[];
}
