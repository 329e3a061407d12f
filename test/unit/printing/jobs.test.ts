import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../src-main/core/db/database';
import { PrintService } from '../../../src-main/core/printing/service';
import { fullJitterDelay } from '../../../src-main/core/printing/jobs/backoff';
import { isValidSscc, makeSscc } from '../../../src-main/core/printing/gs1/sscc';
import { FakeZebra } from './fakeZebra';
import { samples } from './fixtures';
import { ManualClock, openTestDb, tempDir } from './helpers';

describe('full-jitter backoff', () => {
  it('draws uniformly below min(cap, base·2^(n-1))', () => {
    const p = { baseMs: 1000, capMs: 10_000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => fullJitterDelay(n, p, () => 0.999999))).toEqual([999, 1999, 3999, 7999, 9999, 9999]);
    expect(fullJitterDelay(3, p, () => 0)).toBe(0);
    expect(fullJitterDelay(3, p, () => 0.5)).toBe(2000);
  });
});

describe('print jobs in SQLite with a fake Zebra', () => {
  const zebra = new FakeZebra();
  const dirs: string[] = [];
  let dir: string;
  let db: Db;
  let clock: ManualClock;
  let svc: PrintService;

  const open = async (): Promise<PrintService> => {
    db = await openTestDb(path.join(dir, 'dockside.sqlite'));
    return new PrintService({ db, stationId: 'st-01', spoolDir: path.join(dir, 'spool'), clock, random: () => 0.5, backoff: { baseMs: 1000, capMs: 60_000 }, maxAttempts: 5 });
  };

  beforeAll(() => zebra.start());
  afterAll(async () => {
    await zebra.stop();
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });
  beforeEach(async () => {
    dir = tempDir();
    dirs.push(dir);
    clock = new ManualClock();
    zebra.clear();
    Object.assign(zebra.flags, { paperOut: false, paused: false, headOpen: false, silent: false });
    svc = await open();
    const zeb = svc.savePrinter({ id: 'zebra-1', name: 'Zebra bench 1', uri: zebra.uri, options: { connectTimeoutMs: 2000 } }); // generous: the suite shares 2 cores
    svc.assignRole({ stationId: 'st-01', role: 'label', printerId: zeb.id });
  });
  afterEach(() => db?.close());

  it('starts with the folder spool as the default printer for both roles', () => {
    const fresh = svc.listPrinters();
    expect(fresh.printers.map((p) => p.id).sort()).toEqual(['spool', 'zebra-1']);
    expect(fresh.roles).toEqual({ label: 'zebra-1', slip: 'spool' });
  });

  it('queued → done: the fake Zebra receives exactly the stored ZPL', async () => {
    const job = await svc.print({ request: samples.shipping!, orderId: 'o-981', parcelId: 'pa-5' });
    expect(job).toMatchObject({ status: 'queued', format: 'zpl', printerId: 'zebra-1', kind: 'shipping', attempts: 0, orderId: 'o-981' });
    expect(await svc.runQueue()).toEqual({ done: 1, sent: 0, failed: 0, retried: 0 });
    const payload = Buffer.from(svc.jobsStore.payload(job.id)!).toString('utf8');
    expect(zebra.received()).toBe(payload);
    expect(payload).toMatch(/^\^XA\n\^CI28\n[\s\S]*\^XZ\n$/);
    expect(payload).toContain('Jiří Dvořák');
    expect(svc.jobs({ limit: 10 })[0]).toMatchObject({ id: job.id, status: 'done', attempts: 1, lastError: null });
    expect(svc.lastJob()?.id).toBe(job.id);
  });

  it('paused printer: job stays queued with the reason, waits for its backoff, then prints', async () => {
    zebra.flags.paused = true;
    const job = await svc.print({ request: samples.shipping! });
    expect(await svc.runQueue()).toMatchObject({ retried: 1, done: 0 });
    const t0 = clock.now();
    expect(svc.jobsStore.get(job.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'printer paused', nextAttemptAt: t0 + 500 });
    expect(zebra.received()).toBe('');

    zebra.flags.paused = false;
    const queries = zebra.statusQueries;
    await svc.runQueue(); // not due yet: the printer is not even asked
    expect(zebra.statusQueries).toBe(queries);
    clock.advance(500);
    expect(await svc.runQueue()).toMatchObject({ done: 1 });
    expect(svc.jobsStore.get(job.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(zebra.received()).toBe(Buffer.from(svc.jobsStore.payload(job.id)!).toString('utf8'));
  });

  it('out of paper then head open: the reason shown follows the printer', async () => {
    zebra.flags.paperOut = true;
    const job = await svc.print({ request: samples.shipping! });
    await svc.runQueue();
    expect(svc.jobsStore.get(job.id)?.lastError).toBe('printer paper out');
    zebra.flags.paperOut = false;
    zebra.flags.headOpen = true;
    clock.advance(60_000);
    await svc.runQueue();
    expect(svc.jobsStore.get(job.id)).toMatchObject({ status: 'queued', attempts: 2, lastError: 'printer head open' });
  });

  it('printer gone: jobs survive a restart and go out in order when it comes back', async () => {
    await zebra.gone();
    const first = await svc.print({ request: samples.shipping! });
    const second = await svc.print({ request: { template: 'test', data: { printerName: 'second' } } });
    expect(await svc.runQueue()).toMatchObject({ retried: 1 }); // head of line only: #2 must not overtake #1
    expect(svc.jobsStore.get(first.id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(svc.jobsStore.get(first.id)?.lastError).toMatch(/unreachable \(ECONNREFUSED\)/);
    expect(svc.jobsStore.get(second.id)).toMatchObject({ status: 'queued', attempts: 0 });

    // Restart: close the database, open it again with a new service.
    db.close();
    svc = await open();
    expect(svc.jobs({ limit: 10, status: 'queued' }).map((j) => j.id)).toEqual([second.id, first.id]);

    await zebra.comeBack();
    clock.advance(1000);
    expect(await svc.runQueue()).toMatchObject({ done: 2 });
    const p1 = Buffer.from(svc.jobsStore.payload(first.id)!).toString('utf8');
    const p2 = Buffer.from(svc.jobsStore.payload(second.id)!).toString('utf8');
    expect(zebra.received()).toBe(p1 + p2);
  });

  it('gives up after maxAttempts with the last reason', async () => {
    await zebra.gone();
    const job = await svc.print({ request: samples.shipping! });
    for (let i = 0; i < 5; i++) {
      await svc.runQueue();
      clock.advance(120_000);
    }
    expect(svc.jobsStore.get(job.id)).toMatchObject({ status: 'failed', attempts: 5 });
    expect(svc.jobsStore.get(job.id)?.lastError).toMatch(/ECONNREFUSED.*gave up after 5 attempts/);
    await zebra.comeBack();
  });

  it('reprints any job as a new job linked by reprint_of, with the same bytes', async () => {
    const job = await svc.print({ request: samples.shipping!, parcelId: 'pa-5' });
    await svc.runQueue();
    zebra.clear();
    const again = svc.reprint({ id: job.id });
    expect(again).toMatchObject({ status: 'queued', reprintOf: job.id, parcelId: 'pa-5', printerId: 'zebra-1' });
    await svc.runQueue();
    expect(zebra.received()).toBe(Buffer.from(svc.jobsStore.payload(job.id)!).toString('utf8'));
    expect(svc.lastJob({ stationId: 'st-01' })?.id).toBe(again.id);
    expect(() => svc.reprint({ id: 'nope' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'Print job not found' }));
  });

  it('packing slips go to the slip printer (the folder spool) as PDF files', async () => {
    const job = await svc.print({ request: samples['packing-slip']! });
    expect(job).toMatchObject({ format: 'pdf', printerId: 'spool' });
    await svc.runQueue();
    const file = path.join(dir, 'spool', `${job.id}.pdf`);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    // A ZPL-only printer cannot take a document.
    await expect(svc.print({ request: samples['packing-slip']!, printerId: 'zebra-1' })).rejects.toThrow(/cannot print a document/);
  });

  it('removing a printer fails its queued jobs with a reason; unknown printers are refused', async () => {
    await zebra.gone();
    const job = await svc.print({ request: samples.shipping! });
    expect(svc.removePrinter({ id: 'zebra-1' })).toEqual({ removed: true, failedJobs: 1 });
    expect(svc.jobsStore.get(job.id)).toMatchObject({ status: 'failed', lastError: 'printer removed' });
    expect(svc.listPrinters().roles.label).toBe('spool'); // role falls back to the spool
    await expect(svc.printerStatus({ id: 'zebra-1' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Printer not found' });
    await zebra.comeBack();
  });

  it('SSCC labels draw serials from the station range; previews do not consume any', async () => {
    svc.assignSsccRange({ stationId: 'st-01', companyPrefix: '0614141', extension: 1, first: '123456789', last: '123456799' });
    const { sscc: _omit, ...data } = samples.sscc!.data as Record<string, unknown>;
    const preview = svc.preview({ template: 'sscc', data: data as never });
    expect(preview.svg).toContain('(00)000000000000000000');
    const a = await svc.print({ request: { template: 'sscc', data: data as never } });
    const b = await svc.print({ request: { template: 'sscc', data: data as never } });
    const text = (id: string) => Buffer.from(svc.jobsStore.payload(id)!).toString('utf8');
    expect(makeSscc({ extension: 1, companyPrefix: '0614141', serial: 123456789 })).toBe('106141411234567897');
    expect(text(a.id)).toContain('^FD>;>800106141411234567897^FS');
    expect(text(b.id)).toContain('^FD>;>800106141411234567903^FS');
    expect(isValidSscc('106141411234567903')).toBe(true);
  });

  it('preview returns SVG with page count and size; status and test label go through the driver', async () => {
    const p = svc.preview(samples['packing-slip']!);
    expect(p).toMatchObject({ pages: 3, widthMm: 210, heightMm: 297 });
    expect(p.svg.match(/data-page=/g)).toHaveLength(3);
    expect(await svc.printerStatus({ id: 'zebra-1' })).toMatchObject({ ready: true, reachable: true });
    const t = await svc.testPrinter({ id: 'zebra-1' });
    expect(t).toMatchObject({ status: 'done', kind: 'test' });
    expect(zebra.received()).toContain('Příliš žluťoučký kůň úpěl ďábelské ódy');
  });

  it('the background worker prints a new job without anyone calling runQueue', async () => {
    const live = new PrintService({ db, stationId: 'st-01', spoolDir: path.join(dir, 'spool'), clock: { now: () => Date.now() }, pollMs: 20 });
    live.start();
    try {
      const job = await live.print({ request: samples.shipping! });
      const deadline = Date.now() + 10_000;
      while (live.jobsStore.get(job.id)?.status !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(live.jobsStore.get(job.id)?.status).toBe('done');
    } finally {
      await live.stop();
    }
  });

  it('validates inputs with zod before touching anything', () => {
    expect(() => svc.savePrinter({ name: 'x', uri: 'lpt1:' })).toThrow(/printer URI/);
    expect(() => svc.jobs({ limit: 0 })).toThrow();
    expect(() => svc.preview({ template: 'shipping', data: { orderNumber: '' } } as never)).toThrow();
  });
});
