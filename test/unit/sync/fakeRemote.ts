// Fake connector resources over an in-memory list, for the pull engine's tests: pages of
// `pageSize` after a numeric cursor (a delta high-water mark), applied into remote_records with the
// protection rule every connector follows (a row with open outbox ops becomes a conflict).
import type { Remote } from '../../../src-preload/contract';
import type { PullPage, PullResource } from '../../../src-main/core/sync/types';

export interface Item {
  id: string;
  v: number;
}

export interface FakeResource extends PullResource<Item, unknown> {
  all: Item[];
  /** Cursors asked for, in order. */
  fetched: (string | null)[];
  /** Sizes of the chunks apply got, in order. */
  applied: number[];
  /** Throws from apply on the n-th call (1-based) when set. */
  failApplyAt?: number;
  /** Thrown from fetchPage instead of answering while set. */
  fetchError?: unknown;
  /** Holds fetchPage until resolved when set. */
  gate?: Promise<void>;
  /** Total is given with pages when true. */
  withTotal?: boolean;
}

export function fakeResource(remote: Remote, resource: string, all: Item[], o: { pageSize?: number; mode?: 'delta' | 'sweep' } = {}): FakeResource {
  const pageSize = o.pageSize ?? 100;
  const r: FakeResource = {
    remote,
    resource,
    mode: o.mode ?? 'delta',
    all,
    fetched: [],
    applied: [],
    async fetchPage(_client, cursor): Promise<PullPage<Item>> {
      r.fetched.push(cursor);
      if (r.gate) await r.gate;
      if (r.fetchError) throw r.fetchError;
      const start = Number(cursor ?? 0);
      const items = r.all.slice(start, start + pageSize);
      const next = start + items.length;
      return { items, cursor: String(next), done: next >= r.all.length, ...(r.withTotal ? { total: r.all.length } : {}) };
    },
    apply(items, ctx) {
      r.applied.push(items.length);
      if (r.failApplyAt === r.applied.length) throw new Error('apply crashed');
      const put = ctx.db.prepare(
        `INSERT INTO remote_records (remote, resource, remote_id, data, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (remote, resource, remote_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
      );
      for (const it of items) {
        if (ctx.isProtected('item', it.id)) {
          ctx.conflict({ entity: 'item', entityId: it.id, remoteId: it.id, remoteData: it });
          continue;
        }
        put.run(remote, resource, it.id, JSON.stringify(it), ctx.now);
        ctx.resolved('item', it.id);
      }
    },
  };
  return r;
}

export const items = (n: number, v = 1, from = 0): Item[] => Array.from({ length: n }, (_, i) => ({ id: String(from + i), v }));
