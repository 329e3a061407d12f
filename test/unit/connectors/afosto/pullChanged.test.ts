// What an Afosto pull tells the open Pick and Pack screens (onApplied → picking.changed /
// packing.changed): the pick lists and shipments a chunk really changed, each once per chunk —
// nothing for a sweep that finds everything as stored; exactly the list another station worked on;
// the shipment whose parcel another station weighed. Real simulator over HTTP, real PullEngine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AfostoClient } from '../../../../src-main/core/connectors/afosto/client';
import type { AfostoApplied } from '../../../../src-main/core/connectors/afosto/pull';
import { afostoSync } from '../../../../src-main/core/connectors/afosto/sync';
import type { Db } from '../../../../src-main/core/db/database';
import { silentLogger } from '../../../../src-main/core/log/logger';
import { systemClock } from '../../../../src-main/core/platform/ports';
import type { RemoteSync } from '../../../../src-main/core/sync/types';
import type { RunningSim } from '../../../../src-main/sim/server';
import { withSim } from '../../../sim/helpers';
import { runPull, tempDb } from './harness';

let sim: RunningSim;
let client: AfostoClient;
let db: Db;
let done: () => void;
let mod: RemoteSync<AfostoClient>;
let reports: AfostoApplied[] = [];

beforeAll(async () => {
  sim = await withSim();
  client = new AfostoClient({ baseUrl: sim.urls.afosto, clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret });
  ({ db, done } = await tempDb());
  mod = afostoSync({ db, clock: systemClock, logger: silentLogger, stationId: 'bench', client: async () => client }, { onApplied: (c) => reports.push(c) });
}, 60_000);
afterAll(async () => {
  done();
  await sim.close();
});

/** One pull; the reports it made. */
async function pull(): Promise<AfostoApplied[]> {
  reports = [];
  await runPull(db, mod.resources, client);
  return reports;
}
const all = (rs: AfostoApplied[], k: keyof AfostoApplied) => rs.flatMap((r) => r[k]);

describe('Afosto pull reports what it changed', () => {
  it('first pull: every list and shipment once per chunk; a sweep that changes nothing reports nothing; another station’s pick reports that list only', async () => {
    const first = await pull();
    const lists = (db.prepare('SELECT COUNT(*) AS n FROM pick_lists').get() as { n: number }).n;
    expect(lists).toBe(58);
    // each report names an id once (not per item: a list of 8 units is one id)
    for (const r of first) {
      expect(new Set(r.pickLists).size).toBe(r.pickLists.length);
      expect(new Set(r.shipments).size).toBe(r.shipments.length);
    }
    expect(new Set(all(first, 'pickLists')).size).toBe(lists);
    expect(all(first, 'pickLists')).toHaveLength(lists); // 58 lists fit one chunk: one report, each once
    expect(all(first, 'shipments').length).toBeGreaterThan(0);

    // nothing changed remotely: the sweep re-reads everything and tells nobody
    const again = await pull();
    expect(all(again, 'pickLists')).toEqual([]);
    expect(all(again, 'shipments')).toEqual([]);

    // another station picks one unit of L-000002 in Afosto
    const l = db.prepare(`SELECT l.id, l.remote_id AS remote FROM pick_lists l WHERE l.number = 'L-000002'`).get() as { id: string; remote: string };
    const unit = db.prepare(`SELECT remote_id AS unit FROM pick_list_items WHERE pick_list_id = ? AND remote_handled = 0 ORDER BY rank LIMIT 1`).get(l.id) as { unit: string };
    await client.updatePickItems(l.remote, [{ id: unit.unit, is_handled: true }]);
    const after = await pull();
    expect(all(after, 'pickLists')).toEqual([l.id]);
    expect((db.prepare('SELECT remote_handled AS h FROM pick_list_items WHERE remote_id = ?').get(unit.unit) as { h: number }).h).toBe(1);
  }, 60_000);

  it('a parcel weighed by another station reports its shipment once', async () => {
    await pull();
    const p = db.prepare(`SELECT p.remote_id AS remote, p.shipment_id AS shipment, p.weight_grams AS w FROM parcels p WHERE p.remote_id IS NOT NULL AND p.status = 'open' ORDER BY p.remote_id LIMIT 1`).get() as
      | { remote: string; shipment: string; w: number | null }
      | undefined;
    expect(p).toBeDefined();
    const grams = (p!.w ?? 0) + 321;
    await client.updateParcel(p!.remote, { weight: grams });
    const after = await pull();
    expect(all(after, 'shipments')).toEqual([p!.shipment]);
    expect(all(after, 'pickLists')).toEqual([]);
    expect((db.prepare('SELECT weight_grams AS w FROM parcels WHERE remote_id = ?').get(p!.remote) as { w: number }).w).toBe(grams);
  }, 60_000);
});
