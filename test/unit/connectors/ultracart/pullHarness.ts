// UltraCart and Opentaps test scaffolding: runPull — one resource through the real PullEngine
// (../pullRunner) from its stored cursor — a resource by name, "Sync now" until drained, a database.
import { openDatabase, type Db } from '../../../../src-main/core/db/database';
import type { PullResource } from '../../../../src-main/core/sync/types';
import { runPullEngine } from '../pullRunner';

export interface PullRun<T> {
  /** Every item the run handed to apply, in order. */
  items: T[];
  pages: number;
  totals: (number | undefined)[];
}

/** One engine run of a resource from its stored cursor to `done`; chunks of `chunk` records. */
export async function runPull<T, C>(db: Db, resource: PullResource<T, C>, client: C, opts: { chunk?: number; maxPages?: number; stopAfterPages?: number } = {}): Promise<PullRun<T>> {
  const run = await runPullEngine(db, [resource as PullResource<unknown, C>], client, {
    ...(opts.chunk !== undefined ? { chunkSize: opts.chunk } : {}),
    ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
    ...(opts.stopAfterPages !== undefined ? { stopAfterPages: opts.stopAfterPages } : {}),
  });
  const r = run.resources[resource.resource]!;
  return { items: r.items as T[], pages: r.pages, totals: r.totals };
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
