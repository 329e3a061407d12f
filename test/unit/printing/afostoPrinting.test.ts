// Afosto and printing through the whole core (createCore, the app's own wiring) over real HTTP
// against the simulator: a parcel_label op whose reply was lost ends with the carrier label's
// bytes at the station's label printer (a fake Zebra) exactly once; a PDF packing slip goes to the
// page printer; a hub printer (afosto:HUB/PRINTER) waits with hub_not_configured until Afosto is
// configured, then its job reaches the simulator's hub queue once, also when the reply was lost.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../src-main/core/app';
import { AfostoClient } from '../../../src-main/core/connectors/afosto/client';
import { hubPrinterChoices } from '../../../src-main/core/connectors/afosto/hubPort';
import { afostoFileJobId } from '../../../src-main/core/connectors/afosto/printFiles';
import { AFOSTO_OPS } from '../../../src-main/core/connectors/afosto/push';
import { AfostoRepo } from '../../../src-main/core/connectors/afosto/repo';
import { demoRemotes } from '../../../src-main/host/demo';
import type { RunningSim } from '../../../src-main/sim/server';
import { createTestCore, NO_INTERVAL_PULLS, type TestCore } from '../../helpers/core';
import { addFault, withSim, type Json } from '../../sim/helpers';
import { FakeZebra } from './fakeZebra';

let sim: RunningSim;
let core: Core;
let client: AfostoClient;
let zebra: FakeZebra;
let t: TestCore;

beforeAll(async () => {
  sim = await withSim({ taskDelayMs: 30 });
  client = new AfostoClient({ baseUrl: sim.urls.afosto, clientId: sim.credentials.afosto.client_id, clientSecret: sim.credentials.afosto.client_secret });
  zebra = await new FakeZebra().start();
  t = await createTestCore({ logLevel: 'warn', sync: NO_INTERVAL_PULLS });
  core = t.core;
}, 30_000);
afterAll(async () => {
  await t.dispose();
  await zebra.stop();
  await sim.close();
});

const snapshot = (): Json => sim.state.systems.afosto.snapshot() as Json;
const hubJobs = (): Json[] => [...(snapshot().queue as Json[])];
const afostoState = () => core.sync.remotes().find((r) => r.remote === 'afosto');

/** "Sync now" until nothing is open (a lost reply's backoff only delays); nothing may end dead. */
async function drain(): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    await core.outbox.syncNow('afosto');
    const c = core.outbox.counts();
    if (c.pending + c.inflight === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(core.outbox.list({ status: 'open', limit: 50 })).toEqual([]);
}

describe('afosto hub printer before Afosto is configured', () => {
  it('a hub job waits with hub_not_configured (retryable), nothing is sent', async () => {
    const p = core.printing.printers.save({ name: 'Hub printer', uri: 'afosto:hub-x/printer-x', options: { formats: ['zpl'] } });
    const job = await core.printing.print.print({ printerId: p.id, request: { template: 'test', data: { printerName: 'Hub', stationId: 'st', printedAt: '2024-03-05 13:41', dpi: 203, size: '4x6in' } } });
    await core.printing.print.run();
    expect(core.printing.print.get(job.id)).toMatchObject({ status: 'queued', errorCode: 'hub_not_configured' });
    expect(await core.printing.printers.status(p.id)).toMatchObject({ reachable: false, reasons: ['hub_not_configured'] });
    core.printing.printers.remove(p.id);
  });
});

describe('afosto through the core', () => {
  beforeAll(async () => {
    await core.connections.save({ remote: 'afosto', ...demoRemotes(sim).afosto }, null);
    await vi.waitFor(() => expect(afostoState()).toMatchObject({ state: 'connected', pulling: false }), { timeout: 30_000, interval: 100 });
    const label = core.printing.printers.save({ name: 'Zebra', uri: zebra.uri, options: { formats: ['zpl'] } });
    const page = core.printing.printers.save({ name: 'Pages', uri: `dir:${path.join(t.dir, 'pages')}`, options: { formats: ['pdf'] } });
    core.printing.printers.assign({ stationId: core.station.state().stationId, role: 'label', printerId: label.id });
    core.printing.printers.assign({ stationId: core.station.state().stationId, role: 'slip', printerId: page.id });
  }, 40_000);

  it('a carrier label whose request reply was lost prints once on the label printer, its bytes as Afosto made them', async () => {
    const parcel = core.db.prepare(`SELECT id, remote_id FROM parcels WHERE remote_id IS NOT NULL AND status = 'open' LIMIT 1`).get() as { id: string; remote_id: string };
    const tasksBefore = (snapshot().tasks as Json[]).length;
    await addFault(sim, { system: 'afosto', route: '/lcs/parcels/:id/label', kind: 'lost_reply' });
    const [opId] = core.outbox.transact((e) => [e({ remote: 'afosto', entity: 'parcel', entityId: parcel.id, operation: AFOSTO_OPS.parcelLabel, payload: {} })]);
    await drain();
    const file = new AfostoRepo(core.db).latestFile('parcel', parcel.id, 'label')!;
    expect(file.format).toBe('zpl');
    const zpl = Buffer.from(file.bytes).toString('utf8');
    // the label Afosto holds for the parcel is this file, made by one task
    expect((await client.parcel(parcel.remote_id)).label?.file_id).toBe(file.remoteFileId);
    expect((snapshot().tasks as Json[]).slice(tasksBefore).filter((t) => t.name === 'lcs.parcel.label')).toHaveLength(1);
    await zebra.waitFor((t) => t.includes(zpl), 10_000);
    // asked again for the same op (a crash after printing, before the op was recorded done): no second copy
    const again = core.printing.print.printFile({ id: afostoFileJobId('label', String(opId)), kind: 'carrier_label', format: 'zpl', bytes: file.bytes, title: 'again', parcelId: parcel.id });
    await core.printing.print.run();
    expect(zebra.received().split(zpl).length - 1).toBe(1);
    const jobs = core.printing.print.list({ limit: 50 }).filter((j) => j.parcelId === parcel.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ id: again.id, kind: 'carrier_label', format: 'zpl', status: 'done', payloadBytes: file.bytes.length });
  }, 30_000);

  it('a PDF packing slip goes to the page printer', async () => {
    const parcel = core.db.prepare(`SELECT id FROM parcels WHERE remote_id IS NOT NULL AND status = 'open' LIMIT 1`).get() as { id: string };
    core.outbox.transact((e) => [e({ remote: 'afosto', entity: 'parcel', entityId: parcel.id, operation: AFOSTO_OPS.parcelSlip, payload: {} })]);
    await drain();
    const file = new AfostoRepo(core.db).latestFile('parcel', parcel.id, 'slip')!;
    expect(file.format).toBe('pdf');
    const job = core.printing.print.list({ limit: 50 }).find((j) => j.parcelId === parcel.id && j.kind === 'packing_slip')!;
    await vi.waitFor(() => expect(core.printing.print.get(job.id)?.status).toBe('done'), { timeout: 10_000 });
    const written = fs.readFileSync(path.join(t.dir, 'pages', `${job.id}.pdf`));
    expect(Buffer.compare(written, Buffer.from(file.bytes))).toBe(0);
  }, 30_000);

  it('the pulled hub printers are offered as printer URIs; a job to one reaches the hub queue once', async () => {
    const choices = hubPrinterChoices(new AfostoRepo(core.db));
    const printers = (await client.printers()).filter((p) => !p.disabled_at);
    expect(choices.map((c) => c.printerId).sort()).toEqual(printers.map((p) => p.id).sort());
    const zplChoice = choices.find((c) => c.printable) ?? choices[0]!;
    expect(zplChoice.uri).toBe(`afosto:${zplChoice.hubId}/${zplChoice.printerId}`);
    const p = core.printing.printers.save({ name: zplChoice.name, uri: zplChoice.uri, options: {} });
    const before = hubJobs().length;
    // the hub queue takes the job but its reply is lost: the print queue retries, the port finds it by reference
    await addFault(sim, { system: 'afosto', route: '/spl/queue', method: 'POST', kind: 'lost_reply' });
    const job = await core.printing.print.print({ printerId: p.id, request: { template: 'test', data: { printerName: 'Hub', stationId: 'st', printedAt: '2024-03-05 13:41', dpi: 203, size: '4x6in' } } });
    await core.printing.print.run();
    expect(core.printing.print.get(job.id)).toMatchObject({ status: 'queued', errorCode: 'unreachable' });
    await vi.waitFor(
      async () => {
        await core.printing.print.run();
        expect(core.printing.print.get(job.id)).toMatchObject({ status: 'sent' });
      },
      { timeout: 10_000, interval: 200 },
    );
    const mine = hubJobs().slice(before).filter((j) => j.reference === job.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ hub_id: zplChoice.hubId, tag: 'label' });
    expect(mine[0].job).toBe(Buffer.from(core.printing.print.payload(job.id)!).toString('utf8'));
  }, 30_000);
});
