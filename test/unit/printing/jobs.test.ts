import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { methods, type PrintJobInfo } from '../../../src-preload/contract';
import type { Db } from '../../../src-main/core/db/database';
import { JobQueue } from '../../../src-main/core/jobs/queue';
import { createPrinting, type Printing } from '../../../src-main/core/printing/service';
import { preview } from '../../../src-main/core/printing/preview';
import { isValidSscc, makeSscc } from '../../../src-main/core/printing/gs1/sscc';
import { FakeZebra } from './fakeZebra';
import { samples } from './fixtures';
import { ManualClock, openTestDb, tempDir } from './helpers';

describe('print jobs in SQLite with a fake Zebra', () => {
  const zebra = new FakeZebra();
  const dirs: string[] = [];
  let dir: string;
  let db: Db;
  let clock: ManualClock;
  let jobs: JobQueue;
  let p: Printing;
  let events: PrintJobInfo[];

  const open = async (): Promise<Printing> => {
    db = await openTestDb(path.join(dir, 'dockside.sqlite'));
    jobs = new JobQueue({ db, clock, random: () => 0.5 });
    events = [];
    return createPrinting({
      db,
      jobs,
      events: { emit: (_name, job) => void events.push(job) },
      stationId: 'st-01',
      spoolDir: path.join(dir, 'spool'),
      clock,
      queue: { backoff: { baseMs: 1000, capMs: 60_000 }, maxAttempts: 5 },
    });
  };
  const text = (id: string) => Buffer.from(p.print.payload(id)!).toString('utf8');

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
    Object.assign(zebra.flags, { paperOut: false, paused: false, headOpen: false, silent: false, dropAfterLabel: false });
    p = await open();
    const zeb = p.printers.save({ id: 'zebra-1', name: 'Zebra bench 1', uri: zebra.uri, options: { connectTimeoutMs: 2000 } }); // generous: the suite shares 2 cores
    p.printers.assign({ stationId: 'st-01', role: 'label', printerId: zeb.id });
  });
  afterEach(() => db?.close());

  it('starts with the folder spool as the default printer for both roles', () => {
    const fresh = p.printers.list();
    expect(fresh.printers.map((x) => x.id).sort()).toEqual(['spool', 'zebra-1']);
    expect(fresh.roles).toEqual({ label: 'zebra-1', slip: 'spool' });
  });

  it('queued → done: the fake Zebra receives exactly the stored ZPL', async () => {
    const job = await p.print.print({ request: samples.shipping!, orderId: 'o-981', parcelId: 'pa-5' });
    expect(job).toMatchObject({ status: 'queued', format: 'zpl', printerId: 'zebra-1', kind: 'shipping', attempts: 0, orderId: 'o-981', errorCode: null });
    expect(await p.print.run()).toEqual({ done: 1, retried: 0, dead: 0 });
    const payload = text(job.id);
    expect(zebra.received()).toBe(payload);
    expect(payload).toMatch(/^\^XA\n\^CI28\n[\s\S]*\^XZ\n$/);
    expect(payload).toContain('Jiří Dvořák');
    expect(p.print.list({ limit: 10 })[0]).toMatchObject({ id: job.id, status: 'done', attempts: 1, errorCode: null, errorDetail: null });
    expect(p.print.last()?.id).toBe(job.id);
  });

  it('paused printer: job stays queued with the reason code, waits for its backoff, then prints', async () => {
    zebra.flags.paused = true;
    const job = await p.print.print({ request: samples.shipping! });
    expect(await p.print.run()).toMatchObject({ retried: 1, done: 0 });
    const t0 = clock.now();
    expect(p.print.get(job.id)).toMatchObject({ status: 'queued', attempts: 1, errorCode: 'paused', nextAttemptAt: t0 + 500 });
    expect(zebra.received()).toBe('');

    zebra.flags.paused = false;
    const queries = zebra.statusQueries;
    await p.print.run(); // not due yet: the printer is not even asked
    expect(zebra.statusQueries).toBe(queries);
    clock.advance(500);
    expect(await p.print.run()).toMatchObject({ done: 1 });
    expect(p.print.get(job.id)).toMatchObject({ status: 'done', attempts: 2, errorCode: null, nextAttemptAt: null });
    expect(zebra.received()).toBe(text(job.id));
  });

  it('out of paper then head open: the reason shown follows the printer', async () => {
    zebra.flags.paperOut = true;
    const job = await p.print.print({ request: samples.shipping! });
    await p.print.run();
    expect(p.print.get(job.id)?.errorCode).toBe('paper_out');
    zebra.flags.paperOut = false;
    zebra.flags.headOpen = true;
    clock.advance(60_000);
    await p.print.run();
    expect(p.print.get(job.id)).toMatchObject({ status: 'queued', attempts: 2, errorCode: 'head_open' });
  });

  it('printer gone: jobs survive a restart and go out in order when it comes back', async () => {
    await zebra.gone();
    const first = await p.print.print({ request: samples.shipping! });
    const second = await p.print.print({ request: { template: 'test', data: { printerName: 'second' } } });
    expect(await p.print.run()).toMatchObject({ retried: 1 }); // head of line only: #2 must not overtake #1
    expect(p.print.get(first.id)).toMatchObject({ status: 'queued', attempts: 1, errorCode: 'unreachable' });
    expect(p.print.get(first.id)?.errorDetail).toMatch(/unreachable \(ECONNREFUSED\)/);
    expect(p.print.get(second.id)).toMatchObject({ status: 'queued', attempts: 0 });

    // Restart: close the database, open it again with a new queue and service.
    db.close();
    p = await open();
    expect(p.print.list({ limit: 10, status: 'queued' }).map((j) => j.id)).toEqual([second.id, first.id]);

    await zebra.comeBack();
    clock.advance(1000);
    expect(await p.print.run()).toMatchObject({ done: 2 });
    expect(zebra.received()).toBe(text(first.id) + text(second.id));
  });

  it('gives up after maxAttempts with the last reason', async () => {
    await zebra.gone();
    const job = await p.print.print({ request: samples.shipping! });
    for (let i = 0; i < 5; i++) {
      await p.print.run();
      clock.advance(120_000);
    }
    expect(p.print.get(job.id)).toMatchObject({ status: 'failed', attempts: 5, errorCode: 'unreachable' });
    expect(p.print.get(job.id)?.errorDetail).toMatch(/ECONNREFUSED/);
    await zebra.comeBack();
  });

  it('a label whose confirming ~HS never comes stays "sent" and is not sent again (no duplicate label)', async () => {
    zebra.flags.dropAfterLabel = true;
    const job = await p.print.print({ request: samples.shipping! });
    expect(await p.print.run()).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(p.print.get(job.id)).toMatchObject({ status: 'sent', errorCode: 'not_confirmed', attempts: 1 });
    zebra.flags.dropAfterLabel = false;
    clock.advance(3_600_000);
    await p.print.run();
    expect(zebra.received()).toBe(text(job.id)); // exactly once
    expect(p.print.get(job.id)?.status).toBe('sent');
  });

  it('reprints any job as a new job linked by reprint_of, with the same bytes', async () => {
    const job = await p.print.print({ request: samples.shipping!, parcelId: 'pa-5' });
    await p.print.run();
    zebra.clear();
    const again = p.print.reprint(job.id);
    expect(again).toMatchObject({ status: 'queued', reprintOf: job.id, parcelId: 'pa-5', printerId: 'zebra-1' });
    await p.print.run();
    expect(zebra.received()).toBe(text(job.id));
    expect(p.print.last('st-01')?.id).toBe(again.id);
    expect(() => p.print.reprint('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'Print job not found' }));
  });

  it('packing slips go to the slip printer (the folder spool) as PDF files', async () => {
    const job = await p.print.print({ request: samples['packing-slip']! });
    expect(job).toMatchObject({ format: 'pdf', printerId: 'spool' });
    await p.print.run();
    const file = path.join(dir, 'spool', `${job.id}.pdf`);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    // A ZPL-only printer cannot take a document.
    await expect(p.print.print({ request: samples['packing-slip']!, printerId: 'zebra-1' })).rejects.toThrow(/cannot print a document/);
  });

  it('removing a printer fails its queued jobs with printer_removed; unknown printers are refused', async () => {
    await zebra.gone();
    const job = await p.print.print({ request: samples.shipping! });
    expect(p.printers.remove('zebra-1')).toEqual({ removed: true, failedJobs: 1 });
    expect(p.print.get(job.id)).toMatchObject({ status: 'failed', errorCode: 'printer_removed' });
    expect(p.printers.list().roles.label).toBe('spool'); // role falls back to the spool
    await expect(p.printers.status('zebra-1')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Printer not found' });
    expect(() => p.printers.remove('spool')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    await zebra.comeBack();
  });

  it('editing one option of a printer keeps its other options', () => {
    p.printers.save({ id: 'zebra-1', name: 'Zebra bench 1', uri: zebra.uri, options: { skipStatus: true, dpi: 300 } });
    const edited = p.printers.save({ id: 'zebra-1', name: 'Zebra bench 1', uri: zebra.uri, options: { dpi: 203 } });
    expect(edited.options).toMatchObject({ dpi: 203, skipStatus: true, connectTimeoutMs: 2000, formats: ['zpl'] });
    expect(p.printers.save({ name: 'Office', uri: 'os:HP', options: {} }).options.formats).toEqual(['pdf']);
  });

  it('SSCC labels draw serials from the station range; previews do not consume any', async () => {
    p.assignSsccRange({ stationId: 'st-01', companyPrefix: '0614141', extension: 1, first: '123456789', last: '123456799' });
    const { sscc: _omit, ...data } = samples.sscc!.data as Record<string, unknown>;
    // preview() takes what the dispatcher parsed (defaults applied), as printing.preview does.
    const shown = preview(methods['printing.preview'].input.parse({ template: 'sscc', data }));
    expect(shown.svg).toContain('(00)000000000000000000');
    const a = await p.print.print({ request: { template: 'sscc', data: data as never } });
    const b = await p.print.print({ request: { template: 'sscc', data: data as never } });
    expect(makeSscc({ extension: 1, companyPrefix: '0614141', serial: 123456789 })).toBe('106141411234567897');
    expect(text(a.id)).toContain('^FD>;>800106141411234567897^FS');
    expect(text(b.id)).toContain('^FD>;>800106141411234567903^FS');
    expect(isValidSscc('106141411234567903')).toBe(true);
  });

  it('preview returns SVG with page count and size; status and test label go through the driver', async () => {
    const shown = preview(methods['printing.preview'].input.parse(samples['packing-slip']!));
    expect(shown).toMatchObject({ pages: 3, widthMm: 210, heightMm: 297 });
    expect(shown.svg.match(/data-page=/g)).toHaveLength(3);
    expect(await p.printers.status('zebra-1')).toMatchObject({ ready: true, reachable: true, reasons: [] });
    const t = await p.print.test('zebra-1');
    expect(t).toMatchObject({ status: 'done', kind: 'test' });
    expect(zebra.received()).toContain('Příliš žluťoučký kůň úpěl ďábelské ódy');
  });

  it('emits printing.job itself (no caller has to): queued, then done', async () => {
    const job = await p.print.print({ request: samples.shipping! });
    expect(events.map((e) => [e.id, e.status])).toEqual([[job.id, 'queued']]);
    await p.print.run();
    await jobs.idle();
    expect(events.at(-1)).toMatchObject({ id: job.id, status: 'done', attempts: 1 });
  });

  it('the started worker prints a new job without anyone calling run', async () => {
    const printed = new Promise<PrintJobInfo>((resolve) => {
      jobs.onChange(() => {
        const last = p.print.last();
        if (last?.status === 'done') resolve(last);
      });
    });
    jobs.start();
    try {
      const job = await p.print.print({ request: samples.shipping! });
      expect((await printed).id).toBe(job.id);
      expect(zebra.received()).toBe(text(job.id));
    } finally {
      await jobs.stop();
    }
  });

  it('inputs are validated by the contract schemas the dispatcher applies (not again by the service)', () => {
    expect(methods['printing.savePrinter'].input.safeParse({ name: 'x', uri: 'lpt1:' }).error?.message).toMatch(/printer URI/);
    expect(methods['printing.jobs'].input.safeParse({ limit: 0 }).success).toBe(false);
    expect(methods['printing.preview'].input.safeParse({ template: 'shipping', data: { orderNumber: '' } }).success).toBe(false);
  });
});
