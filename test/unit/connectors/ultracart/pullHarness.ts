// A stand-in for the sync engine's pull loop, just enough to drive a PullResource the way the
// seam (sync/types.ts) describes it: the stored cursor in, each page applied in one transaction
// with its cursor, isProtected = open outbox ops of the entity, conflicts into sync_conflicts.
import { openDatabase, type Db } from '../../../../src-main/core/db/database';
import { pushQueue } from '../../../../src-main/core/sync/outbox';
import type { ApplyContext, PullResource } from '../../../../src-main/core/sync/types';
import { newId } from '../../../../src-main/core/util/ids';

export function applyContext(db: Db, r: Pick<PullResource, 'remote' | 'resource'>, now = Date.now()): ApplyContext {
  return {
    db,
    now,
    isProtected: (entity, entityId) =>
      db
        .prepare(`SELECT 1 FROM jobs WHERE queue = ? AND ordering_key = ? AND status IN ('pending', 'inflight', 'dead') LIMIT 1`)
        .get(pushQueue(r.remote), JSON.stringify([entity, entityId])) !== undefined,
    conflict: (c) =>
      db
        .prepare(
          `INSERT INTO sync_conflicts (id, remote, resource, entity, entity_id, remote_id, remote_data, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (remote, resource, entity, entity_id) WHERE resolved_at IS NULL DO UPDATE SET remote_data = excluded.remote_data, detected_at = excluded.detected_at`,
        )
        .run(newId(), r.remote, r.resource, c.entity, c.entityId, c.remoteId ?? null, JSON.stringify(c.remoteData), now),
    resolved: (entity, entityId) =>
      db
        .prepare(`UPDATE sync_conflicts SET resolved_at = ?, resolution = 'applied' WHERE remote = ? AND resource = ? AND entity = ? AND entity_id = ? AND resolved_at IS NULL`)
        .run(now, r.remote, r.resource, entity, entityId),
  };
}

export interface PullRun<T> {
  /** Every item the run handed to apply, in order. */
  items: T[];
  pages: number;
  totals: (number | undefined)[];
}

/** One run of a resource from its stored cursor to `done`; chunks of `chunk` records. */
export async function runPull<T, C>(db: Db, resource: PullResource<T, C>, client: C, opts: { chunk?: number; maxPages?: number; stopAfterPages?: number } = {}): Promise<PullRun<T>> {
  const out: PullRun<T> = { items: [], pages: 0, totals: [] };
  const chunk = opts.chunk ?? 500;
  const read = () =>
    (db.prepare('SELECT cursor FROM sync_cursors WHERE remote = ? AND resource = ?').get(resource.remote, resource.resource) as { cursor: string | null } | undefined)?.cursor ?? null;
  for (;;) {
    const page = await resource.fetchPage(client, read(), new AbortController().signal);
    out.pages++;
    out.totals.push(page.total);
    db.tx(() => {
      for (let i = 0; i < page.items.length; i += chunk) resource.apply(page.items.slice(i, i + chunk), applyContext(db, resource));
      db.prepare(
        `INSERT INTO sync_cursors (remote, resource, cursor, records, last_success_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (remote, resource) DO UPDATE SET cursor = excluded.cursor, records = records + excluded.records, last_success_at = excluded.last_success_at`,
      ).run(resource.remote, resource.resource, page.cursor, page.items.length, Date.now());
    });
    out.items.push(...page.items);
    if (page.done) return out;
    // as if the process stopped here: the stored cursor is where the next run goes on
    if (opts.stopAfterPages !== undefined && out.pages >= opts.stopAfterPages) return out;
    if (out.pages >= (opts.maxPages ?? 10_000)) throw new Error('pull did not end');
  }
}

/** The resource of a connector module by name. */
export function resourceOf<T, C>(resources: PullResource<unknown, C>[], name: string): PullResource<T, C> {
  const r = resources.find((x) => x.resource === name);
  if (!r) throw new Error(`no resource ${name}`);
  return r as PullResource<T, C>;
}

/** "Sync now" until the remote's queue has nothing pending (a safety bound against a loop). */
export async function drain(outbox: { syncNow(remote: 'ultracart' | 'opentaps'): Promise<void>; counts(): { pending: number; inflight: number } }, remote: 'ultracart' | 'opentaps', max = 20): Promise<number> {
  let passes = 0;
  while (passes < max) {
    await outbox.syncNow(remote);
    passes++;
    const c = outbox.counts();
    if (c.pending === 0 && c.inflight === 0) return passes;
  }
  throw new Error(`outbox not drained after ${max} passes`);
}

/** A fresh in-memory database. */
export async function openTestDb(): Promise<Db> {
  return openDatabase({ file: ':memory:' });
}
