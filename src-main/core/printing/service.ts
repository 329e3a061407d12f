// PrintService: the printing capability behind the contract (printers.*, labels.preview,
// print.jobs, print.reprint). Composes templates → renderers → job store → queue → drivers.
import { conflict, notFound } from '../rpc/errors';
import path from 'node:path';
import type { Db } from '../db/database';
import { newId } from '../util/ids';
import type { Clock, OsPrintPort } from '../platform/ports';
import { parseLayout } from './layout/model';
import { resolveLayout } from './layout/resolve';
import { renderZplResolved } from './render/zpl';
import { renderPdfResolved } from './render/pdf';
import { renderSvgResolved } from './render/svg';
import { layoutFor } from './templates';
import { createPrinter } from './drivers/registry';
import type { AfostoSpoolerPort } from './drivers/afostoHub';
import type { PrintFormat, Printer, PrinterStatus } from './drivers/types';
import { PrintJobStore, type PrintJob } from './jobs/store';
import { PrintQueue, type RunSummary } from './jobs/queue';
import { PrinterStore, type PrinterRecord } from './printers/store';
import { SqliteSerialRangeStore } from './gs1/ssccStore';
import { SsccAllocator } from './gs1/sscc';
import type { BackoffPolicy } from './jobs/backoff';
import {
  assignRoleSchema,
  idSchema,
  jobsQuerySchema,
  printerOptionsSchema,
  printerSaveSchema,
  printRequestSchema,
  ssccRangeSchema,
  templateRequestSchema,
  type PrinterRole,
  type PrinterSaveInput,
  type PrintRequest,
  type TemplateRequest,
} from './schemas';
import type { z } from 'zod';

export interface PrintServiceOptions {
  db: Db;
  stationId: string;
  /** Folder of the default spool printer (e.g. <userData>/print-spool). */
  spoolDir: string;
  clock: Clock;
  random?: () => number;
  osPort?: OsPrintPort;
  afostoPort?: AfostoSpoolerPort;
  backoff?: BackoffPolicy;
  maxAttempts?: number;
  pollMs?: number;
  onJobChanged?: (job: PrintJob) => void;
}

export const DEFAULT_PRINTER_ID = 'spool';
const LABEL_TEMPLATES: ReadonlySet<string> = new Set(['test', 'shipping', 'sscc']);

export interface PreviewResult {
  svg: string;
  pages: number;
  widthMm: number;
  heightMm: number;
}

export class PrintService {
  readonly jobsStore: PrintJobStore;
  readonly printers: PrinterStore;
  readonly queue: PrintQueue;
  private readonly sscc: SsccAllocator;
  readonly ssccRanges: SqliteSerialRangeStore;
  private readonly drivers = new Map<string, { updatedAt: number; printer: Printer }>();

  constructor(private readonly o: PrintServiceOptions) {
    this.jobsStore = new PrintJobStore(o.db);
    this.printers = new PrinterStore(o.db);
    this.ssccRanges = new SqliteSerialRangeStore(o.db.raw, () => o.clock.now());
    this.sscc = new SsccAllocator(this.ssccRanges);
    this.queue = new PrintQueue({
      store: this.jobsStore,
      printerFor: (id) => this.driver(id),
      clock: o.clock,
      ...(o.random ? { random: o.random } : {}),
      ...(o.backoff ? { backoff: o.backoff } : {}),
      ...(o.maxAttempts ? { maxAttempts: o.maxAttempts } : {}),
      ...(o.pollMs ? { pollMs: o.pollMs } : {}),
      ...(o.onJobChanged ? { onJobChanged: o.onJobChanged } : {}),
    });
    this.ensureDefaultPrinter();
  }

  /** The folder spool exists from the first start, and is every role's printer until one is picked. */
  private ensureDefaultPrinter(): void {
    const now = this.o.clock.now();
    if (!this.printers.get(DEFAULT_PRINTER_ID)) {
      this.printers.upsert(
        {
          id: DEFAULT_PRINTER_ID,
          name: 'Folder spool',
          uri: `dir:${path.resolve(this.o.spoolDir)}`,
          options: printerOptionsSchema.parse({ formats: ['zpl', 'pdf'] }),
        },
        now,
      );
    }
  }

  private driver(id: string): Printer | undefined {
    const rec = this.printers.get(id);
    if (!rec) return undefined;
    const hit = this.drivers.get(id);
    if (hit && hit.updatedAt === rec.updatedAt) return hit.printer;
    const printer = createPrinter(rec.uri, { ...(this.o.osPort ? { osPort: this.o.osPort } : {}), ...(this.o.afostoPort ? { afostoPort: this.o.afostoPort } : {}) }, {
      connectTimeoutMs: rec.options.connectTimeoutMs,
      skipStatus: rec.options.skipStatus,
    });
    this.drivers.set(id, { updatedAt: rec.updatedAt, printer });
    return printer;
  }

  // ---- printers.* ------------------------------------------------------------------------------

  listPrinters(): { printers: PrinterRecord[]; roles: Record<PrinterRole, string> } {
    return { printers: this.printers.list(), roles: this.effectiveRoles(this.o.stationId) };
  }

  savePrinter(input: PrinterSaveInput): PrinterRecord {
    const p = printerSaveSchema.parse(input);
    const existing = p.id ? this.printers.get(p.id) : undefined;
    const kind = p.uri.split(':')[0];
    // Sensible format defaults per transport: raw/hub printers speak ZPL, OS printers PDF.
    const defaults = { formats: kind === 'os' ? ['pdf'] : kind === 'dir' ? ['zpl', 'pdf'] : ['zpl'] };
    const options = printerOptionsSchema.parse({ ...defaults, ...existing?.options, ...p.options });
    return this.printers.upsert({ id: p.id ?? newId(), name: p.name, uri: p.uri, options }, this.o.clock.now());
  }

  removePrinter(input: z.input<typeof idSchema>): { removed: boolean; failedJobs: number } {
    const { id } = idSchema.parse(input);
    if (id === DEFAULT_PRINTER_ID) throw conflict('The folder spool is the fallback printer and cannot be removed');
    const now = this.o.clock.now();
    return this.o.db.tx(() => {
      const failedJobs = this.jobsStore.failQueuedForPrinter(id, 'printer removed', now);
      const removed = this.printers.remove(id);
      this.drivers.delete(id);
      return { removed, failedJobs };
    });
  }

  assignRole(input: z.input<typeof assignRoleSchema>): Record<PrinterRole, string> {
    const a = assignRoleSchema.parse(input);
    if (!this.printers.get(a.printerId)) throw notFound('Printer', { id: a.printerId });
    this.printers.assignRole(a.stationId, a.role, a.printerId, this.o.clock.now());
    return this.effectiveRoles(a.stationId);
  }

  effectiveRoles(stationId: string): Record<PrinterRole, string> {
    const r = this.printers.roles(stationId);
    return { label: r.label ?? DEFAULT_PRINTER_ID, slip: r.slip ?? DEFAULT_PRINTER_ID };
  }

  async printerStatus(input: z.input<typeof idSchema>): Promise<PrinterStatus> {
    const { id } = idSchema.parse(input);
    const d = this.driver(id);
    if (!d) throw notFound('Printer', { id });
    return d.status();
  }

  /** Queue a test label (ZPL, or PDF for printers that only take PDF) and send it at once. */
  async testPrinter(input: z.input<typeof idSchema>): Promise<PrintJob> {
    const { id } = idSchema.parse(input);
    const rec = this.printers.get(id);
    if (!rec) throw notFound('Printer', { id });
    const job = await this.print({
      printerId: id,
      request: {
        template: 'test',
        data: {
          printerName: rec.name,
          stationId: this.o.stationId,
          printedAt: new Date(this.o.clock.now()).toISOString().slice(0, 16).replace('T', ' '),
          dpi: rec.options.dpi,
          size: rec.options.labelSize,
        },
      },
    });
    await this.queue.run();
    return this.jobsStore.get(job.id) as PrintJob;
  }

  // ---- labels.preview -------------------------------------------------------------------------

  preview(request: TemplateRequest): PreviewResult {
    const r = templateRequestSchema.parse(request);
    // A preview must not consume an SSCC serial: show an all-zero placeholder instead.
    const req: TemplateRequest = r.template === 'sscc' && !r.data.sscc ? { ...r, data: { ...r.data, sscc: '000000000000000000' } } : r;
    const resolved = resolveLayout(parseLayout(layoutFor(req)));
    return { svg: renderSvgResolved(resolved), pages: resolved.pages.length, widthMm: resolved.widthMm, heightMm: resolved.heightMm };
  }

  // ---- print ------------------------------------------------------------------------------------

  /** Render, persist as a queued job and wake the queue. Returns the job as stored. */
  async print(input: PrintRequest): Promise<PrintJob> {
    const p = printRequestSchema.parse(input);
    let request: TemplateRequest = p.request;
    if (p.request.template === 'sscc' && !p.request.data.sscc) {
      request = { ...p.request, data: { ...p.request.data, sscc: this.sscc.next(this.o.stationId) } };
    }
    const isLabel = LABEL_TEMPLATES.has(request.template);
    const role: PrinterRole = p.printerRole ?? (isLabel ? 'label' : 'slip');
    const printerId = p.printerId ?? this.effectiveRoles(this.o.stationId)[role];
    const rec = this.printers.get(printerId);
    if (!rec) throw notFound('Printer', { id: printerId });
    // Labels are laid out on the printer's own dot grid so ZPL dots land where the layout says.
    if (isLabel) request = { ...request, data: { ...request.data, dpi: rec.options.dpi } } as TemplateRequest;
    const layout = parseLayout(layoutFor(request));
    const format = chooseFormat(layout.medium, rec.options.formats);
    if (!format) throw conflict(`Printer "${rec.name}" accepts ${rec.options.formats.join('/')} and cannot print a ${layout.medium}`);
    const resolved = resolveLayout(layout);
    const payload = format === 'zpl' ? Buffer.from(renderZplResolved(resolved), 'utf8') : await renderPdfResolved(resolved);
    const job = this.jobsStore.insert(
      {
        id: newId(),
        stationId: this.o.stationId,
        printerId,
        kind: request.template,
        format,
        title: layout.title,
        payload,
        orderId: p.orderId ?? null,
        parcelId: p.parcelId ?? null,
      },
      this.o.clock.now(),
    );
    // Tell watchers at once: a job for a blocked printer may wait long for its first attempt.
    this.o.onJobChanged?.(job);
    this.queue.kick();
    return job;
  }

  jobs(input: z.input<typeof jobsQuerySchema> = {}): PrintJob[] {
    return this.jobsStore.list(jobsQuerySchema.parse(input));
  }

  /** A new job with the same bytes to the same printer, linked through reprint_of. */
  reprint(input: z.input<typeof idSchema>): PrintJob {
    const { id } = idSchema.parse(input);
    const old = this.jobsStore.get(id);
    const payload = this.jobsStore.payload(id);
    if (!old || !payload) throw notFound('Print job', { id });
    const printerId = old.printerId && this.printers.get(old.printerId) ? old.printerId : this.effectiveRoles(this.o.stationId).label;
    const job = this.jobsStore.insert(
      {
        id: newId(),
        stationId: this.o.stationId,
        printerId,
        kind: old.kind,
        format: old.format,
        title: old.title,
        payload,
        reprintOf: old.id,
        orderId: old.orderId,
        parcelId: old.parcelId,
      },
      this.o.clock.now(),
    );
    // Tell watchers at once: a job for a blocked printer may wait long for its first attempt.
    this.o.onJobChanged?.(job);
    this.queue.kick();
    return job;
  }

  lastJob(input: { stationId?: string } = {}): PrintJob | null {
    return this.jobsStore.lastForStation(input.stationId ?? this.o.stationId) ?? null;
  }

  assignSsccRange(input: z.input<typeof ssccRangeSchema>): void {
    const r = ssccRangeSchema.parse(input);
    this.ssccRanges.assign({ stationId: r.stationId, companyPrefix: r.companyPrefix, extension: r.extension, first: BigInt(r.first), last: BigInt(r.last) });
  }

  // ---- worker -----------------------------------------------------------------------------------

  runQueue(): Promise<RunSummary> {
    return this.queue.run();
  }

  start(): void {
    this.queue.start();
  }

  stop(): Promise<void> {
    return this.queue.stop();
  }
}

export function chooseFormat(medium: 'label' | 'document', accepted: readonly PrintFormat[]): PrintFormat | undefined {
  if (medium === 'label' && accepted.includes('zpl')) return 'zpl';
  if (accepted.includes('pdf')) return 'pdf';
  return undefined;
}
