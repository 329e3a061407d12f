import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { TcpZebraPrinter } from '../../../src-main/core/printing/drivers/tcp9100';
import { FolderPrinter } from '../../../src-main/core/printing/drivers/folder';
import { OsPrinter } from '../../../src-main/core/printing/drivers/os';
import { AfostoHubPrinter, type AfostoSpoolerPort } from '../../../src-main/core/printing/drivers/afostoHub';
import { createPrinter, parsePrinterUri } from '../../../src-main/core/printing/drivers/registry';
import { parseHostStatus } from '../../../src-main/core/printing/drivers/zebraStatus';
import { renderZpl } from '../../../src-main/core/printing/render/zpl';
import { layoutFor } from '../../../src-main/core/printing/templates';
import type { OsPrintPort } from '../../../src-main/core/platform/ports';
import { FakeZebra } from './fakeZebra';
import { samples } from './fixtures';
import { tempDir } from './helpers';

const zpl = renderZpl(layoutFor(samples.shipping!));
const job = (id = 'job-1') => ({ id, format: 'zpl' as const, bytes: Buffer.from(zpl, 'utf8'), title: 't' });

describe('~HS host status parsing', () => {
  it('reads paper out, pause and head open from the three framed strings', () => {
    const ok = parseHostStatus('\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0,0,2,4,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n');
    expect(ok).toMatchObject({ ready: true, paperOut: false, paused: false, headOpen: false, reasons: [] });
    expect(ok.details).toMatchObject({ labelLengthDots: 1218, formatsInBuffer: 0 });
    const bad = parseHostStatus('\x02030,1,1,1218,002,0,0,0,000,0,0,1\x03\r\n\x02001,0,1,1,1,2,4,0,00000003,1,000\x03\r\n\x021234,0\x03\r\n');
    expect(bad).toMatchObject({ ready: false, paperOut: true, paused: true, headOpen: true, ribbonOut: true });
    expect(bad.reasons).toEqual(['paper_out', 'head_open', 'ribbon_out', 'paused', 'head_too_hot']);
    // Ribbon-out is ignored in direct-thermal mode (no ribbon fitted).
    expect(parseHostStatus('\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,1,0,2,4,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n').ready).toBe(true);
    expect(() => parseHostStatus('\x02garbage\x03')).toThrow(expect.objectContaining({ code: 'bad_reply', message: 'malformed ~HS reply' }));
  });
});

describe('raw TCP 9100 driver against a fake Zebra', () => {
  const zebra = new FakeZebra();
  let printer: TcpZebraPrinter;
  beforeAll(async () => {
    await zebra.start();
    printer = new TcpZebraPrinter({ host: '127.0.0.1', port: zebra.port, connectTimeoutMs: 500, ioTimeoutMs: 500 });
  });
  afterAll(() => zebra.stop());
  beforeEach(() => {
    zebra.clear();
    Object.assign(zebra.flags, { paperOut: false, paused: false, headOpen: false, silent: false });
  });

  it('queries ~HS, sends the exact ZPL and confirms with a second ~HS', async () => {
    const before = zebra.statusQueries;
    const r = await printer.print(job());
    expect(r).toEqual({ ok: true, state: 'done', bytes: Buffer.byteLength(zpl) });
    await zebra.waitFor((t) => t.length === zpl.length);
    expect(zebra.received()).toBe(zpl);
    expect(zebra.received().startsWith('^XA\n^CI28\n')).toBe(true);
    expect(zebra.received().trimEnd().endsWith('^XZ')).toBe(true);
    expect(zebra.statusQueries - before).toBe(2);
  });

  it.each([
    ['paused', { paused: true }, 'paused'],
    ['out of paper', { paperOut: true }, 'paper_out'],
    ['head open', { headOpen: true }, 'head_open'],
  ] as const)('refuses to print when %s, sends nothing, and says why (retryable)', async (_n, flags, code) => {
    Object.assign(zebra.flags, flags);
    const r = await printer.print(job());
    expect(r).toEqual({ ok: false, retryable: true, code });
    expect(zebra.received()).toBe('');
    expect(await printer.status()).toMatchObject({ ready: false, reachable: true, reasons: [code] });
  });

  it('times out on a printer that never answers ~HS, without sending the job', async () => {
    zebra.flags.silent = true;
    const t0 = Date.now();
    const r = await printer.print(job());
    expect(r).toMatchObject({ ok: false, retryable: true, code: 'no_status', detail: 'no ~HS reply within 500 ms' });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(zebra.received()).toBe('');
  });

  it('reports a printer that is gone as unreachable, and reconnects when it comes back', async () => {
    await zebra.gone();
    const r = await printer.print(job('gone'));
    expect(r).toMatchObject({ ok: false, retryable: true, code: 'unreachable' });
    expect(r.ok ? '' : r.detail).toMatch(/unreachable \(ECONNREFUSED\)/);
    expect(await printer.status()).toMatchObject({ ready: false, reachable: false, reasons: ['unreachable'] });
    await zebra.comeBack();
    expect(await printer.print(job('back'))).toMatchObject({ ok: true, state: 'done' });
    expect(zebra.received()).toBe(zpl);
  });

  it('refuses PDF (a raw Zebra only speaks ZPL) as a final error', async () => {
    expect(await printer.print({ ...job(), format: 'pdf' })).toEqual({ ok: false, retryable: false, code: 'format_unsupported', detail: 'a raw TCP printer takes ZPL, not pdf' });
  });

  it('skipStatus: a printer that never answers ~HS gets the job at once, unasked, and reports "sent"', async () => {
    zebra.flags.silent = true;
    const p = new TcpZebraPrinter({ host: '127.0.0.1', port: zebra.port, skipStatus: true, ioTimeoutMs: 3000 });
    const before = zebra.statusQueries;
    const t0 = Date.now();
    expect(await p.print(job())).toEqual({ ok: true, state: 'sent', bytes: Buffer.byteLength(zpl) });
    expect(Date.now() - t0).toBeLessThan(1000); // no 3 s wait for a reply that never comes
    await zebra.waitFor((t) => t === zpl);
    expect(zebra.statusQueries).toBe(before);
  });

  it('skipStatus: status is "reachable, no_status" without asking ~HS, and unreachable when the printer is gone', async () => {
    zebra.flags.silent = true;
    const p = new TcpZebraPrinter({ host: '127.0.0.1', port: zebra.port, skipStatus: true, connectTimeoutMs: 500, connectRetries: 0 });
    const before = zebra.statusQueries;
    expect(await p.status()).toMatchObject({ ready: true, reachable: true, reasons: ['no_status'], details: { statusQueried: false } });
    expect(zebra.statusQueries).toBe(before);
    await zebra.gone();
    try {
      expect(await p.status()).toMatchObject({ ready: false, reachable: false, reasons: ['unreachable'] });
    } finally {
      await zebra.comeBack();
    }
  });

  it('a failed confirmation after the write reports "sent" with not_confirmed, never a retryable failure', async () => {
    zebra.flags.dropAfterLabel = true;
    try {
      const r = await printer.print(job());
      expect(r).toMatchObject({ ok: true, state: 'sent', code: 'not_confirmed' });
      expect(zebra.received()).toBe(zpl);
    } finally {
      zebra.flags.dropAfterLabel = false;
    }
  });
});

describe('folder spool driver', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('writes <jobId>.zpl / .pdf atomically and leaves no temp files', async () => {
    const dir = path.join(tempDir(), 'spool', 'nested');
    dirs.push(path.dirname(path.dirname(dir)));
    const p = new FolderPrinter(dir);
    expect(await p.status()).toMatchObject({ ready: true });
    expect(await p.print(job('0190a1b2-zpl'))).toMatchObject({ ok: true, state: 'done' });
    expect(await p.print({ id: '0190a1b2-pdf', format: 'pdf', bytes: new Uint8Array([37, 80, 68, 70]), title: '' })).toMatchObject({ ok: true });
    expect(fs.readdirSync(dir).sort()).toEqual(['0190a1b2-pdf.pdf', '0190a1b2-zpl.zpl']);
    expect(fs.readFileSync(path.join(dir, '0190a1b2-zpl.zpl'), 'utf8')).toBe(zpl);
    expect(() => p.fileFor({ id: '../evil', format: 'zpl' })).toThrow(/safe file name/);
  });

  it('fails finally (not retryable) when the path is a file, not a folder', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const r = await new FolderPrinter(file).print(job());
    expect(r).toMatchObject({ ok: false, retryable: false, code: 'write_failed' });
    expect(await new FolderPrinter(file).status()).toMatchObject({ ready: false, reasons: ['not_writable'] });
  });
});

describe('OS printer and Afosto hub drivers over their ports', () => {
  it('OS driver hands PDFs to the port silently and refuses ZPL', async () => {
    const calls: { bytes: number; opts: unknown }[] = [];
    const port: OsPrintPort = {
      listPrinters: async () => [{ name: 'HP LaserJet', isDefault: true }],
      printPdf: async (pdf, opts) => void calls.push({ bytes: pdf.length, opts }),
    };
    const p = new OsPrinter(port, 'HP LaserJet');
    expect(await p.print({ id: 'j', format: 'pdf', bytes: new Uint8Array(10), title: '' })).toMatchObject({ ok: true, state: 'done' });
    expect(calls).toEqual([{ bytes: 10, opts: { printerName: 'HP LaserJet', silent: true } }]);
    expect(await p.print(job())).toMatchObject({ ok: false, retryable: false, code: 'format_unsupported' });
    expect((await p.status()).ready).toBe(true);
    expect(await new OsPrinter(port, 'Missing').status()).toMatchObject({ reasons: ['printer_not_found'], detail: 'OS printer "Missing" not found' });
    expect(await new OsPrinter(undefined, '').print({ id: 'j', format: 'pdf', bytes: new Uint8Array(1), title: '' })).toMatchObject({ ok: false, retryable: false, code: 'os_unavailable' });
  });

  it('Afosto hub stub keeps jobs retryable until the connector exists, then reports "sent"', async () => {
    expect(await new AfostoHubPrinter(undefined, 'hub-ams-1', 'p1').print(job())).toMatchObject({ ok: false, retryable: true, code: 'hub_not_configured' });
    const submitted: string[] = [];
    const port: AfostoSpoolerPort = {
      submit: async (j) => {
        submitted.push(`${j.hubId}/${j.printerId}/${j.reference}`);
        return { jobId: 'job-3141' };
      },
      hubStatus: async () => ({ online: true, idle: true }),
    };
    expect(await new AfostoHubPrinter(port, 'hub-ams-1', 'p1').print(job('pa-5'))).toMatchObject({ ok: true, state: 'sent', detail: 'afosto job job-3141' });
    expect(submitted).toEqual(['hub-ams-1/p1/pa-5']);
  });
});

describe('printer URIs', () => {
  it('parses every kind and creates the matching driver', () => {
    expect(parsePrinterUri('tcp://10.0.0.5:9100')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 9100 });
    expect(parsePrinterUri('tcp://zebra-3')).toEqual({ kind: 'tcp', host: 'zebra-3', port: 9100 });
    expect(parsePrinterUri('dir:/var/spool/dockside')).toEqual({ kind: 'dir', path: '/var/spool/dockside' });
    expect(parsePrinterUri('os:HP LaserJet 4')).toEqual({ kind: 'os', name: 'HP LaserJet 4' });
    expect(parsePrinterUri('afosto:hub-1/pr-2')).toEqual({ kind: 'afosto', hubId: 'hub-1', printerId: 'pr-2' });
    expect(() => parsePrinterUri('lpt1')).toThrow(/unknown printer address/);
    expect(() => parsePrinterUri('tcp://h:70000')).toThrow(/bad port/);
    expect(createPrinter('dir:/tmp/x').kind).toBe('dir');
    expect(createPrinter('tcp://127.0.0.1:9').formats).toEqual(['zpl']);
  });
});
