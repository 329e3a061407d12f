// UCS test scaffolding: the file's simulator and client (useUcsSim), and a stand-in for the sync
// engine in connector tests: runs a PullResource page by page, applies chunks of 500 inside one
// transaction each (with the cursor), and answers isProtected from the outbox's open ops (jobs rows
// keyed [entity, entityId]) as the engine does.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { UcsClient, type UcsClientOptions } from '../../../../src-main/core/connectors/ucs/client';
import { newId } from '../../../../src-main/core/util/ids';
import { openDatabase, type Db } from '../../../../src-main/core/db/database';
import type { ApplyContext, PullResource } from '../../../../src-main/core/sync/types';
import type { RunningSim } from '../../../../src-main/sim/server';
import { call, withSim, type Res } from '../../../sim/helpers';

/** A UCS client of a simulator, with its demo credentials. */
export function ucsClientOf(sim: RunningSim, opts: UcsClientOptions = {}): UcsClient {
  return new UcsClient({ baseUrl: sim.urls.ucs, clientId: sim.credentials.ucs.client_id, clientSecret: sim.credentials.ucs.client_secret }, opts);
}

export interface UcsSim {
  readonly sim: RunningSim;
  readonly ucs: UcsClient;
  /** A call to the simulator's control API (/_sim…). */
  control(path: string, init?: { method?: string; json?: unknown }): Promise<Res>;
  /** Empties the simulator's request log (also done before each test). */
  clearLog(): Promise<Res>;
}

/** Call at the top of a test file: one simulator and UCS client for the file; faults and request log cleared before each test. */
export function useUcsSim(clientOpts: UcsClientOptions = {}): UcsSim {
  let sim: RunningSim;
  let ucs: UcsClient;
  const control: UcsSim['control'] = (path, init = {}) => call(`${sim.urls.control}${path}`, init);
  const clearLog = () => control('/requests', { method: 'DELETE' });
  beforeAll(async () => {
    sim = await withSim();
    ucs = ucsClientOf(sim, clientOpts);
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await control('/faults', { method: 'DELETE' });
    await clearLog();
  });
  return {
    get sim() {
      return sim;
    },
    get ucs() {
      return ucs;
    },
    control,
    clearLog,
  };
}

export function applyContext(db: Db, remote: string, resource: string, now = Date.now()): ApplyContext {
  return {
    db,
    now,
    isProtected: (entity, entityId) =>
      db
        .prepare(`SELECT 1 FROM jobs WHERE queue = ? AND ordering_key = ? AND status IN ('pending', 'inflight', 'dead') LIMIT 1`)
        .get(`push:${remote}`, JSON.stringify([entity, entityId])) !== undefined,
    conflict: (c) => {
      db.prepare(
        `INSERT INTO sync_conflicts (id, remote, resource, entity, entity_id, remote_id, remote_data, detected_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (remote, resource, entity, entity_id) WHERE resolved_at IS NULL DO UPDATE SET remote_data = excluded.remote_data, detected_at = excluded.detected_at`,
      ).run(newId(), remote, resource, c.entity, c.entityId, c.remoteId ?? null, JSON.stringify(c.remoteData), now);
    },
    resolved: (entity, entityId) => {
      db.prepare(
        `UPDATE sync_conflicts SET resolved_at = ?, resolution = 'applied' WHERE remote = ? AND resource = ? AND entity = ? AND entity_id = ? AND resolved_at IS NULL`,
      ).run(now, remote, resource, entity, entityId);
    },
  };
}

export interface RunResult {
  pages: number;
  records: number;
  totals: (number | undefined)[];
}

export async function runResource<C>(db: Db, res: PullResource<unknown, C>, client: C): Promise<RunResult> {
  const signal = new AbortController().signal;
  const row = db.prepare(`SELECT cursor FROM sync_cursors WHERE remote = ? AND resource = ?`).get(res.remote, res.resource) as { cursor: string | null } | undefined;
  let cursor = row?.cursor ?? null;
  const out: RunResult = { pages: 0, records: 0, totals: [] };
  for (;;) {
    const page = await res.fetchPage(client, cursor, signal);
    out.pages++;
    out.totals.push(page.total);
    for (let i = 0; i < Math.max(1, page.items.length); i += 500) {
      const chunk = page.items.slice(i, i + 500);
      const last = i + 500 >= page.items.length;
      db.tx(() => {
        res.apply(chunk, applyContext(db, res.remote, res.resource));
        if (last) {
          db.prepare(
            `INSERT INTO sync_cursors (remote, resource, cursor, records) VALUES (?, ?, ?, ?)
             ON CONFLICT (remote, resource) DO UPDATE SET cursor = excluded.cursor, records = records + excluded.records`,
          ).run(res.remote, res.resource, page.cursor, page.items.length);
        }
      });
    }
    out.records += page.items.length;
    cursor = page.cursor;
    if (page.done) return out;
  }
}

export async function runAll<C>(db: Db, resources: PullResource<unknown, C>[], client: C): Promise<Record<string, RunResult>> {
  const out: Record<string, RunResult> = {};
  for (const r of resources) out[r.resource] = await runResource(db, r, client);
  return out;
}

/** An in-memory database with every migration. */
export async function openTestDb(): Promise<Db> {
  return openDatabase({ file: ':memory:' });
}
