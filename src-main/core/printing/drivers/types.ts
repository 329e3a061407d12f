// The one interface every printer driver implements, whatever carries the bytes.

export type PrintFormat = 'zpl' | 'pdf';

export interface PrinterStatus {
  /** The printer can take a job now. */
  ready: boolean;
  reachable: boolean;
  paperOut: boolean;
  headOpen: boolean;
  paused: boolean;
  ribbonOut: boolean;
  /** Human-readable reasons when not ready (e.g. "paper out", "head open"). */
  reasons: string[];
  /** Extra driver-specific facts (label length, formats in buffer…). */
  details?: Record<string, unknown>;
}

export interface PrintJobBytes {
  id: string;
  format: PrintFormat;
  bytes: Uint8Array;
  title: string;
}

export type PrintResult =
  /** done = the printer confirmed it; sent = handed over, completion reported later (hub, spooler). */
  | { ok: true; state: 'done' | 'sent'; bytes: number; detail?: string }
  /** retryable = worth trying again later (unreachable, paused, paper out); otherwise final. */
  | { ok: false; retryable: boolean; reason: string };

export interface Printer {
  readonly kind: 'tcp' | 'dir' | 'os' | 'afosto';
  /** Formats this driver can deliver. */
  readonly formats: readonly PrintFormat[];
  print(job: PrintJobBytes): Promise<PrintResult>;
  status(): Promise<PrinterStatus>;
}

export function okStatus(details?: Record<string, unknown>): PrinterStatus {
  return { ready: true, reachable: true, paperOut: false, headOpen: false, paused: false, ribbonOut: false, reasons: [], ...(details ? { details } : {}) };
}

export function unreachableStatus(reason: string): PrinterStatus {
  return { ready: false, reachable: false, paperOut: false, headOpen: false, paused: false, ribbonOut: false, reasons: [reason] };
}
