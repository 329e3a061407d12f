// The one interface every printer driver implements, whatever carries the bytes. Reasons are
// codes (contract: PRINT_REASONS); `detail` carries the technician's text (socket error, path).
import type { PrinterStatusInfo, PrintReason } from '../../../../src-preload/contract/printing';

export type PrintFormat = 'zpl' | 'pdf';
export type PrinterStatus = PrinterStatusInfo;

export interface PrintJobBytes {
  id: string;
  format: PrintFormat;
  bytes: Uint8Array;
  title: string;
}

export type PrintResult =
  /**
   * done = the printer confirmed it; sent = handed over, completion unknown or reported later
   * (hub, spooler, a failed confirmation: `code` says why it is not done).
   */
  | { ok: true; state: 'done' | 'sent'; bytes: number; code?: PrintReason; detail?: string }
  /** retryable = worth trying again later (unreachable, paused, paper out); otherwise final. */
  | { ok: false; retryable: boolean; code: PrintReason; detail?: string };

export interface Printer {
  readonly kind: 'tcp' | 'dir' | 'os' | 'afosto';
  /** Formats this driver can deliver. */
  readonly formats: readonly PrintFormat[];
  print(job: PrintJobBytes): Promise<PrintResult>;
  status(): Promise<PrinterStatus>;
}

/** A driver failure with its reason code (thrown inside drivers, turned into results at their edge). */
export class PrinterError extends Error {
  constructor(
    readonly code: PrintReason,
    message: string,
  ) {
    super(message);
    this.name = 'PrinterError';
  }
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function okStatus(details?: Record<string, unknown>): PrinterStatus {
  return { ready: true, reachable: true, paperOut: false, headOpen: false, paused: false, ribbonOut: false, reasons: [], ...(details ? { details } : {}) };
}

export function unreachableStatus(code: PrintReason, detail?: string): PrinterStatus {
  return { ready: false, reachable: false, paperOut: false, headOpen: false, paused: false, ribbonOut: false, reasons: [code], ...(detail ? { detail } : {}) };
}
