// UltraCart and Opentaps test scaffolding: the module bench (simulator, client, store, module),
// runPull — one resource through the real PullEngine (../pullRunner) from its stored cursor — a
// resource by name, "Sync now" until drained, a database.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openDatabase, type Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import { systemClock } from '../../../../src-main/core/platform/ports';
import { Outbox } from '../../../../src-main/core/sync/outbox';
import type { ConnectorDeps, PullResource, RemoteSync } from '../../../../src-main/core/sync/types';
import type { RunningSim } from '../../../../src-main/sim/server';
import { call, withSim, type Json } from '../../../sim/helpers';
import { runPullEngine } from '../pullRunner';

export interface ModuleBench<C> {
  /** The file's simulator and this remote's client of it. */
  readonly sim: RunningSim;
  readonly client: C;
  /** This test's fresh in-memory store, and the connector module over it. */
  readonly db: Db;
  readonly mod: RemoteSync<C>;
  /** The simulator's log of requests to this remote since it was last cleared (before each test). */
  requests(): Promise<Json[]>;
  clearRequests(): Promise<unknown>;
  /** An outbox over this test's store with the module's pushes registered. */
  outbox(): Outbox;
}

/**
 * Call at the top of a connector module's test file: one simulator and client for the file; per
 * test a fresh store with the module over it, the request log cleared before and faults after.
 */
export function useModuleBench<C>(remote: 'ultracart' | 'opentaps', make: { client(sim: RunningSim): C; module(deps: ConnectorDeps<C>): RemoteSync<C> }): ModuleBench<C> {
  let sim: RunningSim;
  let client: C;
  let db: Db;
  let mod: RemoteSync<C>;
  const control = (route: string, method?: string) => call(`${sim.urls.control}${route}`, method ? { method } : {});
  const bench: ModuleBench<C> = {
    get sim() {
      return sim;
    },
    get client() {
      return client;
    },
    get db() {
      return db;
    },
    get mod() {
      return mod;
    },
    requests: async () => (await control(`/requests?system=${remote}`)).json as Json[],
    clearRequests: () => control('/requests', 'DELETE'),
    outbox() {
      const outbox = new Outbox(db, systemClock);
      for (const p of mod.pushes) outbox.registerPush(remote, p.operation, p.handler, p.schema);
      return outbox;
    },
  };
  beforeAll(async () => {
    sim = await withSim();
    client = make.client(sim);
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    db = await openTestDb();
    mod = make.module({ db, clock: systemClock, logger: silentLogger, stationId: 'st-1', client: async () => client });
    await bench.clearRequests();
  });
  afterEach(async () => {
    await control('/faults', 'DELETE');
    db.close();
  });
  return bench;
}

export interface PullRun<T> {
  /** Every item the run handed to apply, in order. */
  items: T[];
  pages: number;
  totals: (number | undefined)[];
}

/** The simulator faults every push must survive with exactly one object created ("applied": the remote acted, the reply failed). */
export const PUSH_FAULTS: [name: string, fault: Record<string, unknown>][] = [
  ['429 + Retry-After', { kind: 'error', status: 429, retryAfter: 1 }],
  ['500', { kind: 'error', status: 500 }],
  ['connection reset', { kind: 'reset' }],
  ['malformed body (applied)', { kind: 'malformed' }],
  ['lost reply (applied)', { kind: 'lost_reply' }],
];

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
