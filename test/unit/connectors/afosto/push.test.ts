// The Afosto pushes through a real Outbox (core/jobs) against the simulator over real HTTP, each
// under a fault from the simulator's control API: every operation ends up in the simulator's state
// exactly once (one parcel, one print job, one label task …), and the local rows learn the remote ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AfostoClient } from '../../../../src-main/core/connectors/afosto/client';
import { afostoHubJobState, afostoHubPort } from '../../../../src-main/core/connectors/afosto/hubPort';
import { AFOSTO_OPS } from '../../../../src-main/core/connectors/afosto/push';
import { AfostoRepo } from '../../../../src-main/core/connectors/afosto/repo';
import type * as S from '../../../../src-main/core/connectors/afosto/schemas';
import { afostoSync } from '../../../../src-main/core/connectors/afosto/sync';
import type { Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import { systemClock } from '../../../../src-main/core/platform/ports';
import { AfostoHubPrinter } from '../../../../src-main/core/printing/drivers/afostoHub';
import { Outbox, type OutboxOp } from '../../../../src-main/core/sync/outbox';
import type { RemoteSync } from '../../../../src-main/core/sync/types';
import { newId } from '../../../../src-main/core/util/ids';
import type { RunningSim } from '../../../../src-main/sim/server';
import { addFault, call, withSim, type Json } from '../../../sim/helpers';
import { runPull, tempDb } from './harness';

let sim: RunningSim;
let client: AfostoClient;
let db: Db;
let done: () => void;
let outbox: Outbox;
let mod: RemoteSync<AfostoClient>;
const files: { kind: string; parcelId: string; format: string }[] = [];

beforeAll(async () => {
  sim = await withSim({ taskDelayMs: 30 });
  client = new AfostoClient({ baseUrl: sim.urls.afosto, clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret }, { taskPollMs: 20, timeoutMs: 3000 });
  ({ db, done } = await tempDb());
  mod = afostoSync({ db, clock: systemClock, logger: silentLogger, stationId: 'st-1', client: async () => client }, { reconcileWaitMs: 2000, onFile: (f) => files.push({ kind: f.kind, parcelId: f.parcelId, format: f.format }) });
  await runPull(db, mod.resources, client);
  outbox = new Outbox(db, systemClock);
  for (const p of mod.pushes) outbox.registerPush('afosto', p.operation, p.handler, p.schema);
}, 60_000);
afterAll(async () => {
  done();
  await sim.close();
});

const snapshot = (): Json => sim.state.systems.afosto.snapshot() as Json;
const one = <T>(sql: string, ...args: unknown[]): T => db.prepare(sql).get(...args) as T;
async function requests(route: string, method: string): Promise<Json[]> {
  const r = await call(`${sim.urls.control}/requests?system=afosto&limit=5000`);
  return (r.json as Json[]).filter((x) => x.route === route && x.method === method);
}
const enqueue = (ops: Omit<OutboxOp, 'remote'>[]) => outbox.transact((e) => ops.map((op) => e({ remote: 'afosto', ...op })));

/** "Sync now" until nothing is pending (a 429's Retry-After or a backoff only delays). */
async function drain(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await outbox.syncNow('afosto');
    const c = outbox.counts();
    if (c.pending + c.inflight === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(outbox.list({ status: 'open', limit: 50 })).toEqual([]);
}

describe('afosto push under faults', () => {
  it('pick-list item progress survives a 500: the unit is handled, one applied PUT', async () => {
    const list = (await client.pickLists({ pageSize: 100 })).items.find((l) => l.items.some((u) => !u.is_handled))!;
    const unit = list.items.find((u) => !u.is_handled)!;
    const local = one<{ id: string }>('SELECT id FROM pick_list_items WHERE remote_id = ?', unit.id).id;
    await addFault(sim, { system: 'afosto', route: '/lcs/lists/:id/items', method: 'PUT', kind: 'error', status: 500 });
    enqueue([{ entity: 'pick_list_item', entityId: local, operation: AFOSTO_OPS.pickProgress, payload: { handled: true } }]);
    await drain();
    const detail = (await client.pickList(list.id)) as S.PickList;
    expect(detail.items.flatMap((i) => i.handled_ids ?? [])).toContain(unit.id);
    const puts = (await requests('/lcs/lists/:id/items', 'PUT')).filter((r) => r.path.includes(list.id));
    expect(puts.map((r) => r.status)).toEqual([500, 204]);
  });

  it('shipment missing (connection reset) and backorders / overage (429 + Retry-After) land once', async () => {
    const ship = (await client.shipment(one<{ remote_id: string }>(`SELECT s.remote_id FROM shipments s WHERE status NOT IN ('cancelled') AND (SELECT COUNT(*) FROM shipment_units u WHERE u.shipment_id = s.id) >= 2 LIMIT 1`).remote_id));
    const local = one<{ id: string }>('SELECT id FROM shipments WHERE remote_id = ?', ship.id).id;
    const unit = one<{ id: string }>('SELECT id FROM shipment_units WHERE remote_id = ?', ship.items[0]!.id).id;
    await addFault(sim, { system: 'afosto', route: '/lcs/shipments/:id/items/missing', kind: 'reset' });
    await addFault(sim, { system: 'afosto', route: '/lcs/shipments/:id/items/backorders', kind: 'error', status: 429, retryAfter: 1 });
    await addFault(sim, { system: 'afosto', route: '/lcs/shipments/:id/items/overage', kind: 'malformed' });
    const backorders = [{ sku: ship.items[0]!.sku, quantity: 1, description: 'short on shelf' }];
    const overage = [{ sku: 'EXTRA-1', quantity: 2 }];
    enqueue([
      { entity: 'shipment', entityId: local, operation: AFOSTO_OPS.shipmentMissing, payload: { units: [{ unitId: unit, missing: true }] } },
      { entity: 'shipment', entityId: local, operation: AFOSTO_OPS.shipmentBackorders, payload: { lines: backorders } },
      { entity: 'shipment', entityId: local, operation: AFOSTO_OPS.shipmentOverage, payload: { lines: overage } },
    ]);
    await drain();
    const after = await client.shipment(ship.id);
    expect(after.items.find((u) => u.id === ship.items[0]!.id)?.is_missing).toBe(true);
    expect(after.backorders).toEqual([expect.objectContaining(backorders[0])]);
    expect(after.overage).toEqual([expect.objectContaining(overage[0])]); // replaced, not appended, on the resend
    expect((await requests('/lcs/shipments/:id/items/backorders', 'PUT')).map((r) => r.status)).toEqual([429, 200]);
  });

  it('a parcel through its life: create (lost reply), items (malformed), weight (token expiry), label (lost reply), slip (500), transit (reset), finished', async () => {
    const row = one<{ id: string; order_id: string; remote_id: string }>(
      `SELECT s.id, s.order_id, s.remote_id FROM shipments s WHERE status IN ('listed', 'picked', 'open')
         AND NOT EXISTS (SELECT 1 FROM parcels p WHERE p.shipment_id = s.id)
         AND (SELECT COUNT(*) FROM shipment_units u WHERE u.shipment_id = s.id) >= 2 LIMIT 1`,
    );
    const units = db.prepare('SELECT id, remote_id FROM shipment_units WHERE shipment_id = ? ORDER BY remote_id').all(row.id) as { id: string; remote_id: string }[];
    const parcelId = newId();
    const createdBefore = snapshot().parcels.created.length;
    const tasksBefore = snapshot().tasks.length;
    await addFault(sim, [
      { system: 'afosto', route: '/lcs/parcels', method: 'POST', kind: 'lost_reply' },
      { system: 'afosto', route: '/lcs/parcels/:id/items', method: 'POST', kind: 'malformed' },
      { system: 'afosto', route: '/lcs/parcels/:id', method: 'PUT', kind: 'token_expiry' },
      { system: 'afosto', route: '/lcs/parcels/:id/label', kind: 'lost_reply' },
      { system: 'afosto', route: '/lcs/parcels/:id/slip', kind: 'error', status: 500 },
      { system: 'afosto', route: '/lcs/parcels/:id/transit', kind: 'reset' },
      { system: 'afosto', route: '/lcs/parcels/:id/finished', kind: 'error', status: 503 },
    ] as unknown as Record<string, unknown>); // the control API takes an array of specs too
    outbox.transact((e) => {
      db.prepare(`INSERT INTO parcels (id, shipment_id, order_id, seq, status, created_at, updated_at) VALUES (?, ?, ?, 99, 'open', ?, ?)`).run(parcelId, row.id, row.order_id, Date.now(), Date.now());
      const op = (operation: string, payload: unknown) => e({ remote: 'afosto', entity: 'parcel', entityId: parcelId, operation, payload });
      op(AFOSTO_OPS.parcelCreate, { unitIds: [units[0]!.id], weight: 500 });
      op(AFOSTO_OPS.parcelItems, { add: units.slice(1).map((u) => u.id) });
      op(AFOSTO_OPS.parcelWeight, { weight: 1234, length: 30, width: 20, height: 10 });
      op(AFOSTO_OPS.parcelLabel, {});
      op(AFOSTO_OPS.parcelSlip, {});
      op(AFOSTO_OPS.parcelTransit, {});
      op(AFOSTO_OPS.parcelFinished, {});
    });
    await drain();

    const created = (snapshot().parcels.created as Json[]).slice(createdBefore);
    expect(created).toHaveLength(1); // the lost reply was found again, not resent
    const remoteId = one<{ remote_id: string }>('SELECT remote_id FROM parcels WHERE id = ?', parcelId).remote_id;
    expect(remoteId).toBe(created[0].id);
    const p = await client.parcel(remoteId);
    expect(p.shipment_id).toBe(row.remote_id);
    expect((p.items ?? []).map((i) => i.id).sort()).toEqual(units.map((u) => u.remote_id)); // each unit once
    expect(p).toMatchObject({ weight: 1234, length: 30, is_in_transit: true, is_finished: true });
    expect(p.label?.file_id).toBeTruthy();
    const tasks = (snapshot().tasks as Json[]).slice(tasksBefore);
    expect(tasks.filter((t) => t.name === 'lcs.parcel.label')).toHaveLength(1);
    expect(tasks.filter((t) => t.name === 'lcs.parcel.slip')).toHaveLength(1);
    // the files are stored locally for printing, and announced
    const stored = db.prepare(`SELECT kind, format, bytes FROM remote_files WHERE entity = 'parcel' AND entity_id = ? ORDER BY kind`).all(parcelId) as { kind: string; format: string; bytes: Buffer }[];
    expect(stored.map((f) => [f.kind, f.format])).toEqual([
      ['label', 'zpl'],
      ['slip', 'pdf'],
    ]);
    expect(stored[0]!.bytes.toString('latin1')).toMatch(/^\^XA[\s\S]*\^XZ\s*$/);
    expect(stored[1]!.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(files.filter((f) => f.parcelId === parcelId).map((f) => f.kind)).toEqual(['label', 'slip']);
    expect(new AfostoRepo(db).latestFile('parcel', parcelId, 'label')).toMatchObject({ format: 'zpl', remoteFileId: p.label?.file_id });
    expect(one('SELECT status, tracking_number IS NOT NULL AS tracked FROM parcels WHERE id = ?', parcelId)).toEqual({ status: 'labeled', tracked: 1 });
    // the next pull keeps the same local row (matched by the remote id written back)
    await runPull(db, mod.resources.filter((r) => r.resource === 'parcels'), client);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM parcels WHERE remote_id = ?', remoteId).n).toBe(1);
    expect(one('SELECT id, status FROM parcels WHERE remote_id = ?', remoteId)).toEqual({ id: parcelId, status: 'finished' });
  }, 30_000);

  it('an empty box whose create reply was lost is adopted, not created twice', async () => {
    const row = one<{ id: string; order_id: string; remote_id: string }>(
      `SELECT s.id, s.order_id, s.remote_id FROM shipments s WHERE status IN ('listed', 'picked', 'open') AND NOT EXISTS (SELECT 1 FROM parcels p WHERE p.shipment_id = s.id) LIMIT 1`,
    );
    const parcelId = newId();
    const before = snapshot().parcels.created.length;
    await addFault(sim, { system: 'afosto', route: '/lcs/parcels', method: 'POST', kind: 'lost_reply' });
    outbox.transact((e) => {
      db.prepare(`INSERT INTO parcels (id, shipment_id, order_id, seq, status, created_at, updated_at) VALUES (?, ?, ?, 98, 'open', ?, ?)`).run(parcelId, row.id, row.order_id, Date.now(), Date.now());
      e({ remote: 'afosto', entity: 'parcel', entityId: parcelId, operation: AFOSTO_OPS.parcelCreate, payload: {} });
    });
    await drain();
    const created = (snapshot().parcels.created as Json[]).slice(before);
    expect(created).toHaveLength(1);
    expect(one<{ remote_id: string }>('SELECT remote_id FROM parcels WHERE id = ?', parcelId).remote_id).toBe(created[0].id);
  });

  it('a print-hub job whose reply was lost is found by its reference: one job in the queue', async () => {
    const hub = (await client.hubs())[0]!;
    const jobId = newId();
    await addFault(sim, { system: 'afosto', route: '/spl/queue', method: 'POST', kind: 'lost_reply' });
    enqueue([{ entity: 'print_job', entityId: jobId, operation: AFOSTO_OPS.printJob, payload: { hubId: hub.id, job: '^XA^FO50,50^FDDockside^FS^XZ', tag: 'label', description: 'Test label' } }]);
    await drain();
    const jobs = (snapshot().queue as Json[]).filter((j) => j.reference === jobId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ hub_id: hub.id, job: '^XA^FO50,50^FDDockside^FS^XZ', tag: 'label' });
  });

  it('creates answered with a malformed body (applied by the remote) are not made twice either', async () => {
    const row = one<{ id: string; order_id: string; remote_id: string }>(
      `SELECT s.id, s.order_id, s.remote_id FROM shipments s WHERE status IN ('listed', 'picked', 'open') AND NOT EXISTS (SELECT 1 FROM parcels p WHERE p.shipment_id = s.id) LIMIT 1`,
    );
    const unit = one<{ id: string }>('SELECT id FROM shipment_units WHERE shipment_id = ? LIMIT 1', row.id).id;
    const parcelId = newId();
    const jobId = newId();
    const hub = (await client.hubs())[0]!;
    const before = snapshot().parcels.created.length;
    const tasksBefore = snapshot().tasks.length;
    await addFault(sim, [
      { system: 'afosto', route: '/lcs/parcels', method: 'POST', kind: 'malformed' },
      { system: 'afosto', route: '/lcs/parcels/:id/label', kind: 'malformed' },
      { system: 'afosto', route: '/spl/queue', method: 'POST', kind: 'malformed' },
    ] as unknown as Record<string, unknown>);
    outbox.transact((e) => {
      db.prepare(`INSERT INTO parcels (id, shipment_id, order_id, seq, status, created_at, updated_at) VALUES (?, ?, ?, 97, 'open', ?, ?)`).run(parcelId, row.id, row.order_id, Date.now(), Date.now());
      e({ remote: 'afosto', entity: 'parcel', entityId: parcelId, operation: AFOSTO_OPS.parcelCreate, payload: { unitIds: [unit] } });
      e({ remote: 'afosto', entity: 'parcel', entityId: parcelId, operation: AFOSTO_OPS.parcelLabel, payload: {} });
      e({ remote: 'afosto', entity: 'print_job', entityId: jobId, operation: AFOSTO_OPS.printJob, payload: { hubId: hub.id, job: '^XA^XZ' } });
    });
    await drain();
    expect((snapshot().parcels.created as Json[]).slice(before)).toHaveLength(1);
    expect((snapshot().tasks as Json[]).slice(tasksBefore).filter((t) => t.name === 'lcs.parcel.label')).toHaveLength(1);
    expect((snapshot().queue as Json[]).filter((j) => j.reference === jobId)).toHaveLength(1);
  }, 30_000);

  it('a local reference Afosto never knew parks the op as dead with a reason', async () => {
    enqueue([{ entity: 'pick_list_item', entityId: 'no-such-item', operation: AFOSTO_OPS.pickProgress, payload: { handled: true } }]);
    await outbox.syncNow('afosto');
    const [dead] = outbox.list({ status: 'dead', limit: 5 });
    expect(dead).toMatchObject({ errorCode: 'validation' });
    expect(dead?.errorMessage).toMatch(/no Afosto id/);
    outbox.discard(dead!.id);
  });

  it('a payload that does not match its schema is refused before sending', async () => {
    enqueue([{ entity: 'parcel', entityId: 'x', operation: AFOSTO_OPS.parcelWeight, payload: { weight: 'heavy' } }]);
    await outbox.syncNow('afosto');
    const [dead] = outbox.list({ status: 'dead', limit: 5 });
    expect(dead?.errorCode).toBe('bad_payload');
    outbox.discard(dead!.id);
  });
});

describe('afosto print-hub driver over the port', () => {
  it('prints ZPL through the hub queue; a lost reply is reconciled on the retry (one job)', async () => {
    const hub = (await client.hubs())[0]!;
    const printer = (await client.printers(hub.id))[0]!;
    const drv = new AfostoHubPrinter(afostoHubPort(async () => client), hub.id, printer.id);
    expect(await drv.status()).toMatchObject({ reachable: true, ready: true });
    const job = { id: newId(), format: 'zpl' as const, bytes: new TextEncoder().encode('^XA^FDhub^FS^XZ'), title: 'Label 1' };
    await addFault(sim, { system: 'afosto', route: '/spl/queue', method: 'POST', kind: 'lost_reply' });
    expect(await drv.print(job)).toMatchObject({ ok: false, retryable: true });
    expect(await drv.print(job)).toMatchObject({ ok: true, state: 'sent' });
    const jobs = (snapshot().queue as Json[]).filter((j) => j.reference === job.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ job: '^XA^FDhub^FS^XZ', hub_id: hub.id });
    expect(await drv.print({ ...job, format: 'pdf' })).toMatchObject({ ok: false, code: 'format_unsupported' });
    // the hub prints it after the simulator's task delay
    for (let i = 0; i < 50 && (await afostoHubJobState(client, jobs[0].id)) === 'pending'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await afostoHubJobState(client, jobs[0].id)).toBe('printed');
  });
});
