// The one pull runner of the connector tests: a connector's resources run through the REAL
// PullEngine (chunking, cursor stored with its page, protection from the outbox's open ops,
// conflicts in sync_conflicts), so each connector test exercises the engine's code, not a copy of
// it. The runner only watches: it wraps fetchPage and apply to record what went through, and
// rethrows the error that ended a resource (the engine records it and carries on).
import type { Remote } from '../../../src-preload/contract';
import type { Db } from '../../../src-main/core/db/database';
import { JobRepo } from '../../../src-main/core/jobs/repo';
import type { Clock } from '../../../src-main/core/platform/ports';
import { orderingKeyOf, pushQueue } from '../../../src-main/core/sync/outbox';
import { PullEngine, type PullRunSummary } from '../../../src-main/core/sync/pull';
import type { ApplyContext, PullResource } from '../../../src-main/core/sync/types';

export interface Conflict {
  entity: string;
  entityId: string;
  remoteId?: string | undefined;
  remoteData: unknown;
}

export interface PullRunOptions {
  /** The engine's clock (ApplyContext.now, cursor times). A function is read as `now`. Default: Date.now. */
  clock?: Clock | (() => number);
  /** Records per transaction. Default: the engine's (500). */
  chunkSize?: number;
  /** Protected as if local ops of these entities waited, besides the outbox's real open ops: [entity, entityId]. */
  protect?: Iterable<readonly [string, string]>;
  /** As if the process stopped after this many pages (of the whole run): the stored cursors stay. */
  stopAfterPages?: number;
  /** A resource that pages longer than this fails (a connector that never says done). Default 10,000. */
  maxPages?: number;
}

/** What one resource did in the run. */
export interface ResourceRun<T = unknown> {
  /** Every item fetched and handed to apply, in order. */
  items: T[];
  pages: number;
  /** Records applied (the engine's count). */
  records: number;
  /** Each page's total (undefined where the remote gave none). */
  totals: (number | undefined)[];
  /** Each page's cursor as the connector returned it (the one stored with the page). */
  cursors: (string | null)[];
}

export interface PullRunResult {
  resources: Record<string, ResourceRun>;
  /** ApplyContext.conflict calls of this run, in order. */
  conflicts: Conflict[];
  /** ApplyContext.resolved calls of this run: `entity:entityId`. */
  resolved: string[];
  summary: PullRunSummary;
}

/** Thrown into the engine to stop a run as a process stop would: it aborts first, so nothing is recorded as failed. */
class Stopped extends Error {}

const asClock = (c: PullRunOptions['clock']): Clock => (c === undefined ? { now: () => Date.now() } : typeof c === 'function' ? { now: c } : c);

/**
 * Runs `resources` (all of one remote, in the given order) once through a fresh PullEngine, from
 * their stored cursors to done. Throws the error that failed a resource (a RemoteError as the
 * connector threw it), after the engine has recorded it — as the engine, it stops the run there.
 */
export async function runPullEngine<C>(db: Db, resources: readonly PullResource<unknown, C>[], client: C, opts: PullRunOptions = {}): Promise<PullRunResult> {
  const remote = resources[0]?.remote as Remote | undefined;
  const out: PullRunResult = { resources: {}, conflicts: [], resolved: [], summary: { records: {}, failed: {}, stopped: false } };
  if (remote === undefined) return out;
  if (resources.some((r) => r.remote !== remote)) throw new Error('runPullEngine: resources of one remote at a time');

  const jobs = new JobRepo(db);
  const extra = new Set([...(opts.protect ?? [])].map(([e, id]) => orderingKeyOf(e, id)));
  const engine = new PullEngine({
    db,
    clock: asClock(opts.clock),
    ...(opts.chunkSize !== undefined ? { chunkSize: opts.chunkSize } : {}),
    // What Outbox.openKeys reads (a standalone Outbox here would recover in-flight jobs as a restart does).
    openKeys: (r) => new Set([...jobs.openKeys(pushQueue(r)), ...extra]),
  });

  const errors = new Map<string, unknown>();
  const maxPages = opts.maxPages ?? 10_000;
  let pagesInRun = 0;
  const watched = resources.map((res): PullResource<unknown, C> => {
    const run: ResourceRun = { items: [], pages: 0, records: 0, totals: [], cursors: [] };
    out.resources[res.resource] = run;
    const failed = (e: unknown) => {
      if (!(e instanceof Stopped)) errors.set(res.resource, e);
      return e;
    };
    return {
      remote: res.remote,
      resource: res.resource,
      mode: res.mode,
      fetchPage: async (c, cursor, signal) => {
        if (opts.stopAfterPages !== undefined && pagesInRun >= opts.stopAfterPages) {
          engine.unregister(remote); // aborts the run: the engine stops without recording a failure
          throw new Stopped('stopped');
        }
        if (run.pages >= maxPages) throw failed(new Error(`pull of ${res.resource} did not end after ${maxPages} pages`));
        try {
          const page = await res.fetchPage(c, cursor, signal);
          run.pages++;
          pagesInRun++;
          run.totals.push(page.total);
          run.cursors.push(page.cursor);
          run.items.push(...page.items);
          return page;
        } catch (e) {
          throw failed(e);
        }
      },
      apply: (items, ctx) => {
        const seen: ApplyContext = {
          db: ctx.db,
          now: ctx.now,
          isProtected: (e, id) => ctx.isProtected(e, id),
          conflict: (c) => {
            out.conflicts.push(c);
            ctx.conflict(c);
          },
          resolved: (e, id) => {
            out.resolved.push(`${e}:${id}`);
            ctx.resolved(e, id);
          },
        };
        try {
          res.apply(items, seen);
        } catch (e) {
          throw failed(e);
        }
      },
    };
  });

  engine.register(remote, watched, async () => client);
  try {
    out.summary = await engine.run(remote);
  } finally {
    await engine.close();
  }
  for (const [name, n] of Object.entries(out.summary.records)) out.resources[name]!.records = n;
  for (const name of Object.keys(out.summary.failed)) {
    throw errors.get(name) ?? new Error(`pull of ${name} failed: ${out.summary.failed[name]}`);
  }
  return out;
}
