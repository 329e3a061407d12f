// Afosto print hub ("spl" spooler) driver over a port; the port over the Afosto client is
// connectors/afosto/hubPort.ts (afostoHubPort), wired by the composition root.
//
// What the seed documents (shared/api/afosto.md §4): POST /spl/queue with
// {job, tag, description, reference, hub_id, schedule_at} → SplJob {id, status: scheduled…};
// GET /spl/queue/{reference} for its status (printed | failed | cancelled). Gaps the connector must
// settle: what `job` carries (the port sends the ZPL text itself), how a job targets one printer
// (no printer_id in the body: the hub chooses), and that hub printers speak escpos | zpl | pcl
// only (no PDF). Without a port (Afosto not configured) every job stays queued with a clear reason.
import { errorText, okStatus, PrinterError, unreachableStatus, type PrintJobBytes, type PrintResult, type Printer, type PrinterStatus } from './types';

export interface AfostoSpoolerPort {
  /** Submit one job to the hub queue; resolves with Afosto's job id. */
  submit(job: { hubId: string; printerId: string; format: 'zpl'; bytes: Uint8Array; title: string; reference: string }): Promise<{ jobId: string }>;
  hubStatus(hubId: string): Promise<{ online: boolean; idle: boolean }>;
}

export class AfostoHubPrinter implements Printer {
  readonly kind = 'afosto' as const;
  readonly formats = ['zpl'] as const;

  constructor(
    private readonly port: AfostoSpoolerPort | undefined,
    readonly hubId: string,
    readonly printerId: string,
  ) {}

  async print(job: PrintJobBytes): Promise<PrintResult> {
    if (job.format !== 'zpl') return { ok: false, retryable: false, code: 'format_unsupported', detail: 'Afosto hubs take ZPL (no PDF encoding)' };
    if (!this.port) return { ok: false, retryable: true, code: 'hub_not_configured', detail: 'Afosto print hub connector not configured yet' };
    try {
      const { jobId } = await this.port.submit({ hubId: this.hubId, printerId: this.printerId, format: 'zpl', bytes: job.bytes, title: job.title, reference: job.id });
      // The hub prints later; the sync connector moves the job to done/failed from GET /spl/queue.
      return { ok: true, state: 'sent', bytes: job.bytes.length, detail: `afosto job ${jobId}` };
    } catch (e) {
      // a port's own reason (hub_not_configured while Afosto has no connection) is kept
      return { ok: false, retryable: true, code: e instanceof PrinterError ? e.code : 'unreachable', detail: errorText(e) };
    }
  }

  async status(): Promise<PrinterStatus> {
    if (!this.port) return unreachableStatus('hub_not_configured', 'Afosto print hub connector not configured yet');
    try {
      const s = await this.port.hubStatus(this.hubId);
      return s.online ? okStatus({ idle: s.idle }) : unreachableStatus('hub_offline', `Afosto hub ${this.hubId} is offline`);
    } catch (e) {
      return unreachableStatus(e instanceof PrinterError ? e.code : 'unreachable', errorText(e));
    }
  }
}
