// OS printer through the host's OsPrintPort (Electron: webContents.print silent / printToPDF,
// implemented in src-main/electron). This driver only adapts the port to the Printer interface.
import type { OsPrintPort } from '../../platform/ports';
import { errorText, okStatus, unreachableStatus, type PrintJobBytes, type PrintResult, type Printer, type PrinterStatus } from './types';

export class OsPrinter implements Printer {
  readonly kind = 'os' as const;
  readonly formats = ['pdf'] as const;

  /** `printerName` '' means the system default printer. */
  constructor(
    private readonly port: OsPrintPort | undefined,
    readonly printerName: string,
  ) {}

  async print(job: PrintJobBytes): Promise<PrintResult> {
    if (job.format !== 'pdf') return { ok: false, retryable: false, code: 'format_unsupported', detail: `the OS printer takes PDF, not ${job.format}` };
    if (!this.port) return { ok: false, retryable: false, code: 'os_unavailable', detail: 'OS printing is not available in this mode (no Electron host)' };
    try {
      await this.port.printPdf(job.bytes, { ...(this.printerName ? { printerName: this.printerName } : {}), silent: true });
      return { ok: true, state: 'done', bytes: job.bytes.length };
    } catch (e) {
      return { ok: false, retryable: true, code: 'unreachable', detail: errorText(e) };
    }
  }

  async status(): Promise<PrinterStatus> {
    if (!this.port) return unreachableStatus('os_unavailable', 'OS printing is not available in this mode');
    try {
      const printers = await this.port.listPrinters();
      const found = this.printerName ? printers.some((p) => p.name === this.printerName) : printers.some((p) => p.isDefault);
      return found ? okStatus() : unreachableStatus('printer_not_found', `OS printer "${this.printerName || '(default)'}" not found`);
    } catch (e) {
      return unreachableStatus('unreachable', errorText(e));
    }
  }
}
