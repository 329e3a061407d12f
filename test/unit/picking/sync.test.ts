// Picks, a short pick and an undo made offline, then pushed to the simulator by the real Afosto
// pushes through the real Outbox: the simulator's shipment units end up handled / missing with the
// backorder line, each op once; the next pull brings the handled flags back and the list counts
// every unit once — and a second station pulling the same lists sees them picked and short.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AfostoClient } from '../../../src-main/core/connectors/afosto/client';
import { afostoSync } from '../../../src-main/core/connectors/afosto/sync';
import { openDatabase, type Db } from '../../../src-main/core/db/database';
import { silentLogger } from '../../../src-main/core/log/logger';
import { systemClock } from '../../../src-main/core/platform/ports';
import { PickingService } from '../../../src-main/core/picking/service';
import { Outbox } from '../../../src-main/core/sync/outbox';
import type { RemoteSync } from '../../../src-main/core/sync/types';
import type { RunningSim } from '../../../src-main/sim/server';
import { withSim } from '../../sim/helpers';
import { tempDir } from '../../helpers/tmp';
import { runPull } from '../connectors/afosto/harness';

let sim: RunningSim;
let client: AfostoClient;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  sim = await withSim();
  client = new AfostoClient({ baseUrl: sim.urls.afosto, clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret });
}, 60_000);
afterAll(async () => {
  for (const c of cleanups) c();
  await sim.close();
});

async function station(name: string): Promise<{ db: Db; mod: RemoteSync<AfostoClient>; outbox: Outbox; picking: PickingService }> {
  const { dir, cleanup } = tempDir(`dockside-pick-${name}-`);
  const db = await openDatabase({ file: path.join(dir, 'dockside.sqlite') });
  cleanups.push(() => {
    db.close();
    cleanup();
  });
  const mod = afostoSync({ db, clock: systemClock, logger: silentLogger, stationId: name, client: async () => client });
  await runPull(db, mod.resources, client);
  const outbox = new Outbox(db, systemClock);
  const picking = new PickingService({ db, outbox, clock: systemClock, stationId: name });
  return { db, mod, outbox, picking };
}

describe('picking through sync', () => {
  it('offline picks reach the simulator once; pulled back they count once; another station sees them picked and short', async () => {
    const a = await station('bench-a');
    const id = (a.db.prepare(`SELECT id FROM pick_lists WHERE number = 'L-000001'`).get() as { id: string }).id;
    const code = (sku: string) => (a.db.prepare(`SELECT b.code FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE p.sku = ? LIMIT 1`).get(sku) as { code: string }).code;
    const v = a.picking.open(id);
    const [first, second] = v.lines as [(typeof v.lines)[0], (typeof v.lines)[0]];
    // offline: pick the first line, pick the second and undo it, then short the second
    a.picking.scan(id, first.position!, 'u1');
    expect(a.picking.scan(id, code(first.sku), 'u1').code).toBe('picked');
    a.picking.scan(id, second.position!, 'u1');
    a.picking.scan(id, code(second.sku), 'u1');
    expect(a.picking.undo(id, 'u1').code).toBe('undone');
    expect(a.picking.short(id, 'not_enough', 'u1').code).toBe('short_recorded');
    expect(a.outbox.counts().pending).toBe(5); // handled, handled, unhandled, missing, backorders

    // back online: the outbox drains through the real Afosto pushes
    for (const p of a.mod.pushes) a.outbox.registerPush('afosto', p.operation, p.handler, p.schema);
    for (let k = 0; k < 40 && a.outbox.counts().pending + a.outbox.counts().inflight > 0; k++) {
      await a.outbox.syncNow('afosto');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(a.outbox.counts()).toMatchObject({ pending: 0, inflight: 0, dead: 0 });

    // the simulator's shipments say what happened
    const remoteOf = (lineId: string) => a.db.prepare(`SELECT i.remote_id AS unit, s.remote_id AS ship FROM pick_list_items i JOIN shipment_units su ON su.remote_id = i.remote_id JOIN shipments s ON s.id = su.shipment_id WHERE i.id = ?`).get(lineId) as { unit: string; ship: string };
    const r1 = remoteOf(first.id);
    const r2 = remoteOf(second.id);
    const s1 = await client.shipment(r1.ship);
    expect(s1.items.find((u) => u.id === r1.unit)).toMatchObject({ is_handled: true });
    const s2 = await client.shipment(r2.ship);
    expect(s2.items.find((u) => u.id === r2.unit)).toMatchObject({ is_handled: false, is_missing: true });
    expect(s2.backorders).toEqual([expect.objectContaining({ sku: second.sku, quantity: 1 })]);

    // pulled again: the handled flag is back, and the unit still counts once
    await runPull(a.db, a.mod.resources, client);
    expect((a.db.prepare('SELECT remote_handled AS h FROM pick_list_items WHERE id = ?').get(first.id) as { h: number }).h).toBe(1);
    const p0 = v.progress; // before: the units Afosto had handled already
    expect(a.picking.open(id).progress).toMatchObject({ total: 8, picked: p0.picked + 1, short: 1, remaining: p0.remaining - 2 });
    expect(a.picking.list({ state: 'all', assignee: 'any', due: 'any', text: 'L-000001', limit: 5 }).lists[0]!.progress).toMatchObject({ picked: p0.picked + 1, short: 1 });

    // a second station that never scanned this list sees the handled unit as picked
    const b = await station('bench-b');
    const idB = (b.db.prepare(`SELECT id FROM pick_lists WHERE number = 'L-000001'`).get() as { id: string }).id;
    const vb = b.picking.open(idB);
    expect(vb.progress).toMatchObject({ picked: p0.picked + 1, short: 1, remaining: p0.remaining - 2 });
    expect(b.picking.list({ state: 'all', assignee: 'any', due: 'any', text: 'L-000001', limit: 5 }).lists[0]!.progress).toMatchObject({ picked: p0.picked + 1, short: 1 });
    expect(vb.lines.find((l) => l.sku === first.sku && l.position === first.position)!.remaining).toBe(0);
    expect(vb.expect!.lineId).not.toBe(vb.lines.find((l) => l.sku === first.sku)!.id);
  }, 120_000);
});
