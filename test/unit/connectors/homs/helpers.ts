// Test scaffolding for the HOMS connector: a client on the simulator, a minimal pull runner that
// keeps the seam's contract (cursor and page in one transaction, chunks of 500, protection from
// the outbox's open ops, conflicts in sync_conflicts), and an outbox with the HOMS pushes.
import { HomsClient, type HomsClientOptions } from '../../../../src-main/core/connectors/homs';
import { homsSync } from '../../../../src-main/core/connectors/homs/sync';
import type { HomsPushOptions } from '../../../../src-main/core/connectors/homs/push';
import { openDatabase, type Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import { systemClock, type Clock } from '../../../../src-main/core/platform/ports';
import { Outbox } from '../../../../src-main/core/sync/outbox';
import type { ApplyContext, RemoteSync } from '../../../../src-main/core/sync/types';
import type { RunningSim } from '../../../../src-main/sim/server';

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

/** Runs every resource of the module once, the way the engine does. */
export async function runPull(db: Db, mod: RemoteSync<HomsClient>, client: HomsClient, now: () => number = Date.now): Promise<Record<string, PullRun>> {
  const open = db.prepare(`SELECT 1 FROM jobs WHERE queue = 'push:homs' AND ordering_key = json_array(?, ?) AND status IN ('pending', 'inflight', 'dead')`);
  const out: Record<string, PullRun> = {};
  for (const r of mod.resources) {
    const run: PullRun = { pages: 0, records: 0, cursors: [] };
    out[r.resource] = run;
    let cursor = (db.prepare(`SELECT cursor FROM sync_cursors WHERE remote = 'homs' AND resource = ?`).get(r.resource) as { cursor: string | null } | undefined)?.cursor ?? null;
    for (;;) {
      const page = await r.fetchPage(client, cursor, new AbortController().signal);
      const t = now();
      const ctx: ApplyContext = {
        db,
        now: t,
        isProtected: (entity, id) => open.get(entity, id) !== undefined,
        conflict: (c) => {
          db.prepare(`DELETE FROM sync_conflicts WHERE remote = 'homs' AND resource = ? AND entity = ? AND entity_id = ? AND resolved_at IS NULL`).run(r.resource, c.entity, c.entityId);
          db.prepare(`INSERT INTO sync_conflicts (id, remote, resource, entity, entity_id, remote_id, remote_data, detected_at) VALUES (?, 'homs', ?, ?, ?, ?, ?, ?)`).run(
            `${r.resource}:${c.entity}:${c.entityId}:${t}:${Math.random()}`, r.resource, c.entity, c.entityId, c.remoteId ?? null, JSON.stringify(c.remoteData), t,
          );
        },
        resolved: (entity, id) => {
          db.prepare(`UPDATE sync_conflicts SET resolved_at = ?, resolution = 'applied' WHERE remote = 'homs' AND resource = ? AND entity = ? AND entity_id = ? AND resolved_at IS NULL`).run(t, r.resource, entity, id);
        },
      };
      db.tx(() => {
        for (let i = 0; i < page.items.length; i += 500) r.apply(page.items.slice(i, i + 500), ctx);
        db.prepare(
          `INSERT INTO sync_cursors (remote, resource, cursor, records, last_success_at) VALUES ('homs', ?, ?, ?, ?)
           ON CONFLICT(remote, resource) DO UPDATE SET cursor = excluded.cursor, records = records + excluded.records, last_success_at = excluded.last_success_at`,
        ).run(r.resource, page.cursor, page.items.length, t);
      });
      run.pages++;
      run.records += page.items.length;
      run.cursors.push(page.cursor);
      cursor = page.cursor;
      if (page.done) break;
    }
  }
  return out;
}

export interface OrderRowView {
  id: string;
  code: string | null;
  ref: string | null;
  ext_code: string | null;
  remote_id: number | null;
  order_type_code: string;
  state: string;
  bp_id: string | null;
  bp_state: string | null;
  archived: number;
  done_at: string | null;
  user_email: string | null;
  data: string;
  updated_at: number;
}

export const localOrders = (db: Db): OrderRowView[] => db.prepare('SELECT * FROM homs_orders ORDER BY remote_id DESC').all() as OrderRowView[];

export const openConflicts = (db: Db) =>
  db.prepare(`SELECT entity, entity_id, remote_id, remote_data FROM sync_conflicts WHERE remote = 'homs' AND resolved_at IS NULL`).all() as { entity: string; entity_id: string; remote_id: string; remote_data: string }[];

/** Every order the simulator holds, newest first, read over HTTP. */
export async function simOrders(client: HomsClient) {
  const all = [];
  for await (const page of client.orderPages({ pageSize: 1000 })) all.push(...page);
  return all;
}
