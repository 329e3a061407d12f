// HOMS pull: orders → homs_orders, users → remote_records. The document gives no delta, no
// filter and no total, so both are sweeps: each run pages from page 1 until a short page.
//
// Cursor semantics. Orders come newest first by position (page/page_size), so an order created
// during a sweep pushes every later one a place down: the next page repeats an order already
// read (harmless, apply is idempotent) and none is skipped. The new order itself is read by the
// next run, which starts at page 1 again. A mid-run cursor ({page, size}) only resumes a run that
// stopped (error, shutdown); the run's last page stores null. An order DELETED during a sweep
// pulls later ones a place up, so one may be skipped until the next run (deletion is not in the
// seed; the next sweep heals it). Cost: every run reads every order, ceil(N / 500) requests and
// N validated records; rows that did not change are compared, not written.
import type { Db } from '../../db/database';
import { RemoteError } from '../shared/errors';
import type { ApplyContext, PullPage, PullResource } from '../../sync/types';
import type { HomsClient } from './client';
import { fieldsOfOrder, HOMS_ORDER_ENTITY, sameFields, userRecord } from './mappers';
import { fieldsOfRow, HomsOrderRepo, ORDERS_RESOURCE, rowHolds, USERS_RESOURCE, type HomsOrderRow } from './repo';
import type { Order, User } from './schemas';

/** Records per request: the engine applies chunks of 500, so one page is one chunk. */
export const HOMS_PULL_PAGE_SIZE = 500;

interface SweepCursor {
  page: number;
  size: number;
  /** First key of the previous page: a server that ignores `page` repeats it. */
  prev?: string;
}

function readCursor(cursor: string | null, size: number): SweepCursor {
  if (cursor === null) return { page: 1, size };
  try {
    const c = JSON.parse(cursor) as Partial<SweepCursor>;
    // A cursor written with another page size points elsewhere: start over.
    if (typeof c.page === 'number' && Number.isInteger(c.page) && c.page >= 1 && c.size === size) return { page: c.page, size, ...(typeof c.prev === 'string' ? { prev: c.prev } : {}) };
  } catch {
    // Unreadable: start over.
  }
  return { page: 1, size };
}

async function sweepPage<T>(
  cursor: string | null,
  size: number,
  signal: AbortSignal,
  list: (page: number, size: number) => Promise<T[]>,
  keyOf: (t: T) => string,
): Promise<PullPage<T>> {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('pull aborted');
  const c = readCursor(cursor, size);
  const items = await list(c.page, size);
  const first = items[0] === undefined ? undefined : keyOf(items[0]);
  if (first !== undefined && first === c.prev) {
    throw new RemoteError({ remote: 'homs', kind: 'bad_response', message: `page ${c.page} repeats page ${c.page - 1}` });
  }
  const done = items.length < size;
  return { items, done, cursor: done ? null : JSON.stringify({ page: c.page + 1, size, ...(first !== undefined ? { prev: first } : {}) }) };
}

const repos = new WeakMap<Db, HomsOrderRepo>();
/** One repo (its prepared statements) per database. */
export function homsRepo(db: Db): HomsOrderRepo {
  let r = repos.get(db);
  if (!r) repos.set(db, (r = new HomsOrderRepo(db)));
  return r;
}

/** The local row an order belongs to: by code, else our own order not yet linked (ext_code = ref). */
function localRowOf(repo: HomsOrderRepo, o: Order, unlinked: boolean): HomsOrderRow | undefined {
  const byCode = repo.byCode(o.code);
  if (byCode) return byCode;
  if (!unlinked || o.ext_code === null) return undefined;
  const mine = repo.byRef(o.ext_code);
  return mine && mine.code === null ? mine : undefined;
}

/** Orders upserted by code; a protected row is not overwritten (only its code is learned). */
export function applyOrders(items: readonly Order[], ctx: ApplyContext): void {
  const repo = homsRepo(ctx.db);
  const conflicted = repo.openConflicts(HOMS_ORDER_ENTITY);
  const unlinked = repo.anyUnlinked();
  for (const o of items) {
    const remote = fieldsOfOrder(o);
    const row = localRowOf(repo, o, unlinked);
    if (!row) {
      repo.insertPulled(o.code, o.id, remote, ctx.now);
      continue;
    }
    if (ctx.isProtected(HOMS_ORDER_ENTITY, row.id)) {
      // HOMS's code for our own order is identity, not a field the user edited: keep it.
      if (row.code === null) repo.linkCode(row.id, o.code, o.id, ctx.now);
      if (!sameFields(fieldsOfRow(row), remote)) ctx.conflict({ entity: HOMS_ORDER_ENTITY, entityId: row.id, remoteId: o.code, remoteData: o });
      continue;
    }
    if (row.code !== o.code || row.remote_id !== o.id || !rowHolds(row, remote)) repo.savePulled(row.id, o.code, o.id, remote, ctx.now);
    if (conflicted.has(row.id)) ctx.resolved(HOMS_ORDER_ENTITY, row.id);
  }
}

export function applyUsers(items: readonly User[], ctx: ApplyContext): void {
  const repo = homsRepo(ctx.db);
  for (const u of items) {
    const r = userRecord(u);
    repo.upsertUser(r.remoteId, r.data, ctx.now);
  }
}

export function homsOrdersResource(prime: (c: HomsClient) => void, pageSize = HOMS_PULL_PAGE_SIZE): PullResource<Order, HomsClient> {
  return {
    remote: 'homs',
    resource: ORDERS_RESOURCE,
    mode: 'sweep',
    fetchPage: (client, cursor, signal) => {
      prime(client);
      return sweepPage(cursor, pageSize, signal, (page, size) => client.listOrders(page, { pageSize: size }), (o) => o.code);
    },
    apply: applyOrders,
  };
}

export function homsUsersResource(pageSize = HOMS_PULL_PAGE_SIZE): PullResource<User, HomsClient> {
  return {
    remote: 'homs',
    resource: USERS_RESOURCE,
    mode: 'sweep',
    fetchPage: (client, cursor, signal) => sweepPage(cursor, pageSize, signal, (page, size) => client.listUsers(page, { pageSize: size }), (u) => u.email),
    apply: applyUsers,
  };
}
