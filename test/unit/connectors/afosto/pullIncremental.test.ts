// The Afosto sweep reads per-record details only for what changed, counted in the simulator's
// request log: a second pass reads no shipment detail and no order items; a shipment changed
// remotely (units flagged missing) is read again, alone; a parcel labeled remotely makes its
// shipment's detail (is_labeled is not in the listed header) read again on the following pass; a
// shipment held back by a conflict keeps being read until it is applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AfostoClient } from '../../../../src-main/core/connectors/afosto/client';
import { afostoSync } from '../../../../src-main/core/connectors/afosto/sync';
import type { Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import { systemClock } from '../../../../src-main/core/platform/ports';
import type { PullResource } from '../../../../src-main/core/sync/types';
import type { RunningSim } from '../../../../src-main/sim/server';
import { call, withSim, type Json } from '../../../sim/helpers';
import { runPull, tempDb } from './harness';

let sim: RunningSim;
let client: AfostoClient;
let db: Db;
let done: () => void;
let resources: PullResource<unknown, AfostoClient>[];

beforeAll(async () => {
  sim = await withSim({ taskDelayMs: 20 });
  client = new AfostoClient({ baseUrl: sim.urls.afosto, clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret }, { taskPollMs: 20 });
  ({ db, done } = await tempDb());
  resources = afostoSync({ db, clock: systemClock, logger: silentLogger, stationId: 'st-1', client: async () => client }).resources;
});
afterAll(async () => {
  done();
  await sim.close();
});

/** One pull pass; the Afosto requests it made, from the simulator's request log. */
async function pass(protect = new Set<string>()): Promise<{ details: string[]; orderItems: number; total: number; conflicts: string[] }> {
  const since = ((await call(`${sim.urls.control}/requests?system=afosto&limit=1`)).json as Json[])[0]?.seq ?? 0;
  const { conflicts } = await runPull(db, resources, client, protect);
  const log = (await call(`${sim.urls.control}/requests?system=afosto&since=${since}&limit=20000`)).json as Json[];
  return {
    details: log.filter((r) => r.route === '/lcs/shipments/:id' && r.method === 'GET').map((r) => String(r.path).split('/').pop() as string),
    orderItems: log.filter((r) => r.route === '/odr/orders/:id/items').length,
    total: log.length,
    conflicts: conflicts.map((c) => `${c.entity}:${c.remoteId}`),
  };
}
const one = <T>(sql: string, ...args: unknown[]): T => db.prepare(sql).get(...args) as T;

describe('afosto incremental sweep', () => {
  it('the second pass reads no shipment detail and no order items; only what changed is read again', async () => {
    const first = await pass();
    const shipments = (await client.shipments({ pageSize: 1000 })).items;
    expect(first.details).toHaveLength(shipments.length);
    expect(first.orderItems).toBe(300);

    const second = await pass();
    expect(second.details).toEqual([]);
    expect(second.orderItems).toBe(0);
    expect(second.total).toBeLessThan(first.total / 10);

    // a unit flagged missing at Afosto moves the shipment's updated_at: that shipment alone is read
    const ship = await client.shipment(one<{ remote_id: string }>(`SELECT remote_id FROM shipments WHERE status NOT IN ('cancelled', 'finished') LIMIT 1`).remote_id);
    await client.setMissing(ship.id, [{ id: ship.items[0]!.id, is_missing: true }]);
    expect((await pass()).details).toEqual([ship.id]);
    expect((await pass()).details).toEqual([]);
  }, 60_000);

  it('a parcel labeled at Afosto: its shipment is read again on the pass after the parcel changed, and shows labeled', async () => {
    const row = one<{ parcel: string; shipment: string }>(
      `SELECT p.remote_id AS parcel, s.remote_id AS shipment FROM parcels p JOIN shipments s ON s.id = p.shipment_id
        WHERE p.status = 'open' AND s.status NOT IN ('cancelled', 'finished', 'in_transit', 'labeled')
          AND (SELECT COUNT(*) FROM parcels q WHERE q.shipment_id = s.id) = 1 LIMIT 1`,
    );
    await client.labelFile(row.parcel);
    const seen = await pass(); // the shipments resource runs before parcels: this pass learns of the label
    expect(seen.details).toEqual([]);
    expect(one<{ status: string }>('SELECT status FROM parcels WHERE remote_id = ?', row.parcel).status).toBe('labeled');
    expect((await pass()).details).toEqual([row.shipment]);
    expect(one<{ status: string }>('SELECT status FROM shipments WHERE remote_id = ?', row.shipment).status).toBe('labeled');
  }, 60_000);

  it('a changed shipment kept back by waiting local work (conflict) is read again until it is applied', async () => {
    const local = one<{ id: string; remote_id: string }>(`SELECT id, remote_id FROM shipments WHERE status NOT IN ('cancelled', 'finished') ORDER BY remote_id DESC LIMIT 1`);
    const ship = await client.shipment(local.remote_id);
    await client.setMissing(ship.id, [{ id: ship.items[0]!.id, is_missing: true }]);
    const held = await pass(new Set([`shipment:${local.id}`]));
    expect(held.details).toEqual([ship.id]);
    expect(held.conflicts).toEqual([`shipment:${ship.id}`]);
    expect((await pass(new Set([`shipment:${local.id}`]))).details).toEqual([ship.id]);
    expect((await pass()).details).toEqual([ship.id]); // applied now
    expect((await pass()).details).toEqual([]);
  }, 60_000);
});
