// Test scaffolding for the HOMS connector: a client on the simulator, runPull (the module's
// resources through the real PullEngine, see ../pullRunner), and an outbox with the HOMS pushes.
import { HomsClient, type HomsClientOptions } from '../../../../src-main/core/connectors/homs';
import { homsSync } from '../../../../src-main/core/connectors/homs/sync';
import type { HomsPushOptions } from '../../../../src-main/core/connectors/homs/push';
import type { HomsOrderRow } from '../../../../src-main/core/connectors/homs/repo';
import { openDatabase, type Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import { systemClock, type Clock } from '../../../../src-main/core/platform/ports';
import { Outbox } from '../../../../src-main/core/sync/outbox';
import type { RemoteSync } from '../../../../src-main/core/sync/types';
import type { RunningSim } from '../../../../src-main/sim/server';
import { afterAll, beforeAll } from 'vitest';
import { tempDir } from '../../../helpers/tmp';
import { withSim } from '../../../sim/helpers';
import { runPullEngine } from '../pullRunner';

/** Call at the top of a test file: one simulator, and one temp folder for its store files, for the whole file. */
export function useHomsSim(): { readonly sim: RunningSim; readonly dir: string } {
  let sim: RunningSim;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    sim = await withSim();
    ({ dir, cleanup } = tempDir('dockside-homs-'));
  });
  afterAll(async () => {
    await sim.close();
    cleanup();
  });
  return {
    get sim() {
      return sim;
    },
    get dir() {
      return dir;
    },
  };
}

export const openTestDb = (file: string): Promise<Db> => openDatabase({ file });

export function homsClient(sim: RunningSim, opts: HomsClientOptions = {}): HomsClient {
  return new HomsClient({ baseUrl: sim.urls.homs, email: sim.credentials.homs.email, token: sim.credentials.homs.apiToken }, { timeoutMs: 3000, ...opts });
}

export function homsModule(db: Db, client: HomsClient | (() => HomsClient | undefined), clock: Clock = systemClock, opts: HomsPushOptions = {}): RemoteSync<HomsClient> {
  const get = typeof client === 'function' ? client : () => client;
  return homsSync({ db, clock, logger: silentLogger, stationId: 'st-test', client: async () => get() }, opts);
}

/** A standalone outbox (never started) with the module's pushes registered. */
export function homsOutbox(db: Db, mod: RemoteSync<HomsClient>, clock: Clock = systemClock): Outbox {
  const outbox = new Outbox(db, clock);
  for (const p of mod.pushes) outbox.registerPush('homs', p.operation, p.handler, p.schema);
  return outbox;
}

/** A clock the test moves: the outbox and the create's settle window read it. */
export class TestClock implements Clock {
  constructor(public t = Date.now()) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * "Sync now" until nothing waits (Retry-After and backoff are skipped, as Sync now does). With a
 * TestClock, time moves a minute per pass so a create waiting out its settle window goes on.
 */
export async function drain(outbox: Outbox, clock?: TestClock, max = 60): Promise<void> {
  let last = '';
  for (let i = 0; i < max; i++) {
    const c = outbox.counts();
    if (c.pending + c.inflight === 0) return;
    // Ops behind a dead one of their entity wait for a person (retry / edit / discard).
    const now = JSON.stringify(c);
    if (c.dead > 0 && now === last) return;
    last = now;
    await outbox.syncNow('homs');
    if (clock) clock.advance(61_000);
    else await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`outbox did not drain: ${JSON.stringify(outbox.counts())}`);
}

export interface PullRun {
  pages: number;
  records: number;
  cursors: (string | null)[];
}

/** Runs every resource of the module once through the real PullEngine; `now` is its clock. */
export async function runPull(db: Db, mod: RemoteSync<HomsClient>, client: HomsClient, now: () => number = Date.now): Promise<Record<string, PullRun>> {
  const run = await runPullEngine(db, mod.resources, client, { clock: now });
  const out: Record<string, PullRun> = {};
  for (const [name, r] of Object.entries(run.resources)) out[name] = { pages: r.pages, records: r.records, cursors: r.cursors };
  return out;
}

export const localOrders = (db: Db): HomsOrderRow[] => db.prepare('SELECT * FROM homs_orders ORDER BY remote_id DESC').all() as HomsOrderRow[];

export const openConflicts = (db: Db) =>
  db.prepare(`SELECT entity, entity_id, remote_id, remote_data FROM sync_conflicts WHERE remote = 'homs' AND resolved_at IS NULL`).all() as { entity: string; entity_id: string; remote_id: string; remote_data: string }[];

/** Every order the simulator holds, newest first, read over HTTP. */
export async function simOrders(client: HomsClient) {
  const all = [];
  for await (const page of client.orderPages({ pageSize: 1000 })) all.push(...page);
  return all;
}
