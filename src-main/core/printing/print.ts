// Printing: render a template for the printer it goes to, store the job and its bytes, and send
// it through the engine's "print" queue (one ordering key per printer: labels to one printer go
// out strictly in order, printers in parallel). The engine retries; this module only says how a
// job is delivered and what print_jobs shows.
import type { ParsedInput, PrintJobInfo } from '../../../src-preload/contract';
import type { Db } from '../db/database';
import type { BackoffPolicy } from '../jobs/backoff';
import type { JobQueue } from '../jobs/queue';
import { dead, type RunSummary } from '../jobs/types';
import type { Clock } from '../platform/ports';
import { conflict, notFound } from '../rpc/errors';
import { newId } from '../util/ids';
import { chooseFormat, isLabel, isSensitiveKind, outcomeOf, PRINT_QUEUE, printStatusOf, roleFor, testLabelRequest, type Delivered } from './domain';
import { errorText, type PrintFormat } from './drivers/types';
import type { SsccAllocator } from './gs1/sscc';
import { parseLayout } from './layout/model';
import { resolveLayout } from './layout/resolve';
import type { PrinterAdmin } from './printers';
import { renderPdfResolved } from './render/pdf';
import { renderZplResolved } from './render/zpl';
import type { NewPrintJob, PrintJobRepo } from './repo';
import type { PrinterRole, PrintRequest, TemplateRequest } from './schemas';
import { layoutFor } from './templates';

export interface PrintQueueOptions {
  /** Attempts before a job fails with its last reason. Default 30. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** Printers driven at once. Default 8. */
  concurrency?: number;
}

/** Where printing.job goes: the app's EventBus (or a test's list). */
export interface PrintEvents {
  emit(event: 'printing.job', job: PrintJobInfo): void;
}

/** A ready file for `printFile`. */
export interface PrintFileRequest {
  /** Idempotency key and the job's id (≤ 64 chars). */
  id: string;
  /** What it is, shown on the jobs list: 'carrier_label', 'packing_slip', … */
  kind: string;
  format: PrintFormat;
  bytes: Uint8Array;
  title: string;
  /** Which printer first; default: label for ZPL, slip for PDF. */
  role?: PrinterRole;
  orderId?: string | null;
  parcelId?: string | null;
}

export interface PrintServiceDeps {
  db: Db;
  repo: PrintJobRepo;
  printers: PrinterAdmin;
  sscc: SsccAllocator;
  jobs: JobQueue;
  events: PrintEvents;
  stationId: string;
  clock: Clock;
  queue?: PrintQueueOptions;
}

const payloadOf = (raw: unknown): { printJobId: string } => {
  const id = (raw as { printJobId?: unknown } | null)?.printJobId;
  if (typeof id !== 'string') throw new Error('print job payload without printJobId');
  return { printJobId: id };
};

export class PrintService {
  constructor(private readonly d: PrintServiceDeps) {
    d.jobs.register<{ printJobId: string }, Delivered>(PRINT_QUEUE, {
      parse: payloadOf,
      handle: (job) => this.deliver(job.payload.printJobId),
      maxAttempts: d.queue?.maxAttempts ?? 30,
      ...(d.queue?.backoff ? { backoff: d.queue.backoff } : {}),
      concurrency: d.queue?.concurrency ?? 8,
      // In the engine's transaction: the screen's status changes with the job or not at all.
      onSettled: (job, delivered) => {
        const s = printStatusOf(job, delivered);
        d.repo.setOutcome(job.id, s.status, s.code, s.detail, d.clock.now());
        if (s.status !== 'queued' && isSensitiveKind(d.repo.get(job.id)?.kind ?? '')) d.repo.erasePayload(job.id);
      },
    });
    // An attempt starting changes nothing the screens show (the job stays queued): no event.
    d.jobs.onChange((job) => {
      if (job.queue !== PRINT_QUEUE || job.status === 'inflight') return;
      const printJob = d.repo.get(job.id);
      if (printJob) d.events.emit('printing.job', printJob);
    });
  }

  /**
   * Render, store as a queued job (with its engine row, in one transaction) and wake the queue.
   * Called from core (packing), not over the contract: the template data is validated by layoutFor.
   */
  async print(p: PrintRequest): Promise<PrintJobInfo> {
    let request: TemplateRequest = p.request;
    if (request.template === 'sscc' && !request.data.sscc) {
      request = { ...request, data: { ...request.data, sscc: this.d.sscc.next(this.d.stationId) } };
    }
    const printerId = p.printerId ?? this.d.printers.roles(this.d.stationId)[roleFor(request.template, p.printerRole)];
    const rec = this.d.printers.get(printerId);
    if (!rec) throw notFound('Printer', { id: printerId });
    // Labels are laid out on the printer's own dot grid so ZPL dots land where the layout says.
    if (isLabel(request.template)) request = { ...request, data: { ...request.data, dpi: rec.options.dpi } } as TemplateRequest;
    const layout = parseLayout(layoutFor(request));
    const format = chooseFormat(layout.medium, rec.options.formats);
    if (!format) throw conflict(`Printer "${rec.name}" accepts ${rec.options.formats.join('/')} and cannot print a ${layout.medium}`);
    const resolved = resolveLayout(layout);
    const payload = format === 'zpl' ? Buffer.from(renderZplResolved(resolved), 'utf8') : await renderPdfResolved(resolved);
    return this.enqueue({
      id: newId(),
      stationId: this.d.stationId,
      printerId,
      kind: request.template,
      format,
      title: layout.title,
      payload,
      orderId: p.orderId ?? null,
      parcelId: p.parcelId ?? null,
    });
  }

  /**
   * Print a file made elsewhere (a carrier label or packing slip a remote rendered) as it is: ZPL
   * to this station's label printer, PDF to its page (slip) printer — or the other role's printer
   * when only that one takes the format. `id` is the caller's idempotency key: a second call with
   * the same id answers the job the first one queued (a push retried after a lost reply prints once).
   */
  printFile(f: PrintFileRequest): PrintJobInfo {
    return this.d.db.tx(() => {
      const existing = this.d.repo.get(f.id);
      if (existing) return existing;
      const roles = this.d.printers.roles(this.d.stationId);
      const first: PrinterRole = f.role ?? (f.format === 'zpl' ? 'label' : 'slip');
      const printerId = [roles[first], roles[first === 'label' ? 'slip' : 'label']].find((id) => this.d.printers.get(id)?.options.formats.includes(f.format));
      if (!printerId) throw conflict(`No printer of this station takes ${f.format} (${f.title})`);
      return this.enqueue({
        id: f.id,
        stationId: this.d.stationId,
        printerId,
        kind: f.kind,
        format: f.format,
        title: f.title,
        payload: Buffer.from(f.bytes),
        orderId: f.orderId ?? null,
        parcelId: f.parcelId ?? null,
      });
    });
  }

  /** A new job with the same bytes to the same printer (or the label printer if it is gone), linked by reprint_of. */
  reprint(id: string): PrintJobInfo {
    const old = this.d.repo.get(id);
    const payload = this.d.repo.payload(id);
    if (!old || !payload) throw notFound('Print job', { id });
    if (isSensitiveKind(old.kind)) throw conflict('A badge is never printed twice: print a new one from Settings → Users');
    const printerId = old.printerId && this.d.printers.get(old.printerId) ? old.printerId : this.d.printers.roles(this.d.stationId).label;
    return this.enqueue({
      id: newId(),
      stationId: this.d.stationId,
      printerId,
      kind: old.kind,
      format: old.format,
      title: old.title,
      payload,
      reprintOf: old.id,
      orderId: old.orderId,
      parcelId: old.parcelId,
    });
  }

  /** Queue a test label (ZPL, or PDF for printers that only take PDF), send it at once, answer how it ended. */
  async test(printerId: string): Promise<PrintJobInfo> {
    const rec = this.d.printers.get(printerId);
    if (!rec) throw notFound('Printer', { id: printerId });
    const job = await this.print({ printerId, request: testLabelRequest(rec, this.d.stationId, this.d.clock.now()) });
    await this.d.jobs.runQueue(PRINT_QUEUE);
    return this.d.repo.get(job.id) as PrintJobInfo;
  }

  list(q: ParsedInput<'printing.jobs'>): PrintJobInfo[] {
    return this.d.repo.list(q);
  }

  get(id: string): PrintJobInfo | undefined {
    return this.d.repo.get(id);
  }

  payload(id: string): Uint8Array | undefined {
    return this.d.repo.payload(id);
  }

  last(stationId = this.d.stationId): PrintJobInfo | null {
    return this.d.repo.lastForStation(stationId) ?? null;
  }

  /** Send everything that is due now (tests, the bench, the test-print button). */
  run(): Promise<RunSummary> {
    return this.d.jobs.runQueue(PRINT_QUEUE);
  }

  private enqueue(job: NewPrintJob): PrintJobInfo {
    this.d.db.tx(() => {
      this.d.repo.insert(job, this.d.clock.now());
      this.d.jobs.enqueue(PRINT_QUEUE, { id: job.id, key: job.printerId, payload: { printJobId: job.id } });
    });
    return this.d.repo.get(job.id) as PrintJobInfo;
  }

  /** The queue handler: one attempt to hand a job's bytes to its printer. */
  private async deliver(printJobId: string) {
    const job = this.d.repo.forDelivery(printJobId);
    if (!job) return dead('internal', `print job ${printJobId} not found`);
    const printer = job.printerId ? this.d.printers.driver(job.printerId) : undefined;
    if (!printer) return dead('printer_removed');
    try {
      return outcomeOf(await printer.print({ id: printJobId, format: job.format, bytes: job.bytes, title: job.title }));
    } catch (e) {
      return outcomeOf({ ok: false, retryable: true, code: 'internal', detail: errorText(e) });
    }
  }
}
