// Packing through the whole core against the simulator over real HTTP, with the label printer a
// fake Zebra on a loopback port: a shipment packed OFFLINE prints Dockside's own ZPL label at the
// close, and when the network returns and the parcel_label op goes through, Afosto's carrier label
// is stored but not printed (one label per close). Packed ONLINE, nothing prints at the close and
// the carrier label Afosto renders reaches the printer exactly once, byte for byte. Either way
// Afosto ends up with the parcel, its units and its weight.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import { AfostoClient } from '../../../src-main/core/connectors/afosto/client';
import { AfostoRepo } from '../../../src-main/core/connectors/afosto/repo';
import { demoRemotes } from '../../../src-main/host/demo';
import type { RunningSim } from '../../../src-main/sim/server';
import { createTestCore, NO_INTERVAL_PULLS, type TestCore } from '../../helpers/core';
import { withSim } from '../../sim/helpers';
import type { FakeZebra } from '../printing/fakeZebra';
import { addPeople, addPrinters, labelsIn } from './fixture';

let sim: RunningSim;
let t: TestCore;
let core: Core;
let zebra: FakeZebra;
let client: AfostoClient;
let packer: string;

beforeAll(async () => {
  sim = await withSim({ taskDelayMs: 20 });
  client = new AfostoClient({ baseUrl: sim.urls.afosto, clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret });
  t = await createTestCore({ logLevel: 'warn', sync: NO_INTERVAL_PULLS });
  core = t.core;
  packer = (await addPeople(core)).packer;
  zebra = await addPrinters(core, t.dir);
  await core.connections.save({ remote: 'afosto', ...demoRemotes(sim).afosto }, null);
  await vi.waitFor(() => expect(core.sync.remotes().find((r) => r.remote === 'afosto')).toMatchObject({ state: 'connected', pulling: false }), { timeout: 40_000, interval: 100 });
}, 60_000);
afterAll(async () => {
  await t.dispose();
  await zebra.stop();
  await sim.close();
});

/** Pulled shipments nobody boxed yet, with a few units whose products have SKUs. */
function freshShipments(): { id: string; skus: string[] }[] {
  const rows = core.db
    .prepare(
      `SELECT s.id, group_concat(p.sku, '|') AS skus, COUNT(*) AS n FROM shipments s
         JOIN shipment_units su ON su.shipment_id = s.id JOIN products p ON p.id = su.product_id
        WHERE s.status IN ('open', 'listed', 'picked') AND s.remote_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM parcels x WHERE x.shipment_id = s.id)
        GROUP BY s.id HAVING n BETWEEN 1 AND 4 ORDER BY s.id LIMIT 5`,
    )
    .all() as { id: string; skus: string }[];
  return rows.map((r) => ({ id: r.id, skus: r.skus.split('|') }));
}

async function pack(s: { id: string; skus: string[] }, grams: number): Promise<string> {
  await core.packing.scan('BOX:S', s.id, packer);
  for (const sku of s.skus) expect(await core.packing.scan(sku, s.id, packer)).toMatchObject({ ok: true, code: 'item_verified' });
  const parcelId = core.packing.shipment(s.id).currentParcelId!;
  core.packing.setWeight(parcelId, grams, 'scale', packer);
  return parcelId;
}

async function drain(): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    await core.outbox.syncNow('afosto');
    const c = core.outbox.counts();
    if (c.pending + c.inflight === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(core.outbox.list({ status: 'open', limit: 50 })).toEqual([]);
}

describe('packing with Afosto', () => {
  it('offline: own ZPL label at the close; back online the carrier label is fetched and kept, not printed; Afosto has the parcel', async () => {
    const [s] = freshShipments();
    expect(s).toBeDefined();
    t.connectivity.set(false);
    const parcelId = await pack(s!, 730);
    const closed = await core.packing.closeParcel(parcelId, packer);
    expect(closed).toMatchObject({ labelSource: 'own', labelJob: { kind: 'shipping' }, slipJob: { kind: 'packing-slip' } });
    await core.printing.print.run();
    await zebra.waitFor((z) => labelsIn(z).length === 1);
    // the shipment knows only its method's id: the label must not print a uuid as the carrier
    const method = (core.db.prepare(`SELECT method FROM shipments WHERE id = ?`).get(s!.id) as { method: string | null }).method;
    expect(method).toBeTruthy();
    expect(labelsIn(zebra.received())[0]).not.toContain(method!.slice(0, 8)); // the template may break long text

    t.connectivity.set(true);
    await drain();
    // Afosto rendered its label for the parcel (kept locally), and it did not print
    const file = new AfostoRepo(core.db).latestFile('parcel', parcelId, 'label');
    expect(file).toBeDefined();
    await core.printing.print.run();
    await new Promise((r) => setTimeout(r, 300));
    expect(labelsIn(zebra.received())).toHaveLength(1);
    expect(zebra.received()).not.toContain(Buffer.from(file!.bytes).toString('utf8'));
    // the remote parcel holds our units and weight, and is finished
    const remoteId = (core.db.prepare(`SELECT remote_id FROM parcels WHERE id = ?`).get(parcelId) as { remote_id: string }).remote_id;
    const remote = await client.parcel(remoteId);
    expect(remote).toMatchObject({ weight: 730, is_finished: true });
    expect(remote.items?.length).toBe(s!.skus.length);
    expect(remote.label?.file_id).toBe(file!.remoteFileId);
  }, 60_000);

  it('online: the carrier label Afosto renders prints exactly once, as Afosto made it', async () => {
    const [, s] = freshShipments();
    expect(s).toBeDefined();
    zebra.clear();
    const parcelId = await pack(s!, 410);
    const closed = await core.packing.closeParcel(parcelId, packer);
    expect(closed).toMatchObject({ labelSource: 'carrier', labelJob: null });
    await drain();
    const file = new AfostoRepo(core.db).latestFile('parcel', parcelId, 'label')!;
    const zpl = Buffer.from(file.bytes).toString('utf8');
    await core.printing.print.run();
    await zebra.waitFor((z) => z.includes(zpl), 10_000);
    expect(zebra.received().split(zpl).length - 1).toBe(1);
    expect(labelsIn(zebra.received())).toHaveLength(labelsIn(zpl).length);
    expect(core.packing.shipment(s!.id).parcels[0]).toMatchObject({ status: 'closed', labelSource: 'carrier' });
  }, 60_000);
});
