// The printing rules, pure (no I/O): which printer role and format a template gets, the folder
// spool as every role's fallback, and how a driver's answer becomes a job outcome with a code.
import { PRINT_REASONS, type PrintReason } from '../../../src-preload/contract/printing';
import { dead, ok, retry, type Job, type Outcome } from '../jobs/types';
import type { PrintFormat, PrintResult } from './drivers/types';
import type { JobStatus, PrinterRole, TemplateName, TemplateRequest } from './schemas';

/** The folder spool: exists from the first start, every role's printer until one is picked. */
export const DEFAULT_PRINTER_ID = 'spool';
/** The engine queue print jobs run on; the ordering key is the printer id. */
export const PRINT_QUEUE = 'print';

const LABEL_TEMPLATES: ReadonlySet<TemplateName> = new Set(['test', 'shipping', 'sscc']);

/** Labels (small, ZPL-friendly) vs documents (A4/Letter pages). */
export const isLabel = (template: TemplateName): boolean => LABEL_TEMPLATES.has(template);

/**
 * Jobs whose bytes are a credential (a sign-in badge: station stores only its hash). Their payload
 * is erased once the job has left the queue, and they are never reprinted: a lost badge gets a new
 * code (Settings → Users → Print badge), which also revokes the old one.
 */
const SENSITIVE_KINDS: ReadonlySet<string> = new Set(['badge']);
export const isSensitiveKind = (kind: string): boolean => SENSITIVE_KINDS.has(kind);

export function roleFor(template: TemplateName, requested?: PrinterRole): PrinterRole {
  return requested ?? (isLabel(template) ? 'label' : 'slip');
}

export function effectiveRoles(assigned: Partial<Record<PrinterRole, string>>): Record<PrinterRole, string> {
  return { label: assigned.label ?? DEFAULT_PRINTER_ID, slip: assigned.slip ?? DEFAULT_PRINTER_ID };
}

/** Sensible formats per transport: raw/hub printers speak ZPL, OS printers PDF, a folder both. */
export function defaultFormats(kind: string): PrintFormat[] {
  return kind === 'os' ? ['pdf'] : kind === 'dir' ? ['zpl', 'pdf'] : ['zpl'];
}

export function chooseFormat(medium: 'label' | 'document', accepted: readonly PrintFormat[]): PrintFormat | undefined {
  if (medium === 'label' && accepted.includes('zpl')) return 'zpl';
  if (accepted.includes('pdf')) return 'pdf';
  return undefined;
}

/** A preview must not consume an SSCC serial: it shows an all-zero placeholder instead. */
export function previewRequest<R extends TemplateRequest>(r: R): R {
  return r.template === 'sscc' && !r.data.sscc ? { ...r, data: { ...r.data, sscc: '000000000000000000' } } : r;
}

export function testLabelRequest(p: { name: string; options: { dpi: 203 | 300; labelSize: '4x6in' | '100x150mm' } }, stationId: string, now: number): TemplateRequest {
  return {
    template: 'test',
    data: {
      printerName: p.name,
      stationId,
      printedAt: new Date(now).toISOString().slice(0, 16).replace('T', ' '),
      dpi: p.options.dpi,
      size: p.options.labelSize,
    },
  };
}

/** How a print was delivered: the handler's result, recorded on print_jobs when the job is done. */
export interface Delivered {
  state: 'done' | 'sent';
  code?: PrintReason;
  detail?: string;
}

/** A driver's answer as an engine outcome: retryable failures wait, final ones are dead. */
export function outcomeOf(r: PrintResult): Outcome<Delivered> {
  if (r.ok) return ok<Delivered>({ state: r.state, ...(r.code ? { code: r.code } : {}), ...(r.detail ? { detail: r.detail } : {}) });
  return r.retryable ? retry(r.code, r.detail) : dead(r.code, r.detail);
}

/** What print_jobs shows for an engine job that settled (done, dead, discarded, or retried by hand). */
export function printStatusOf(job: Job, delivered: Delivered | undefined): { status: JobStatus; code: PrintReason | null; detail: string | null } {
  switch (job.status) {
    case 'done':
      return { status: delivered?.state ?? 'done', code: delivered?.code ?? null, detail: delivered?.detail ?? null };
    case 'pending':
    case 'inflight':
      return { status: 'queued', code: null, detail: null };
    case 'dead':
    case 'discarded':
      return { status: 'failed', code: reasonCode(job.errorCode), detail: job.errorDetail };
  }
}

const KNOWN: ReadonlySet<string> = new Set(PRINT_REASONS);

/** A stored code as the contract's enum: anything else (an engine code) is `internal`. */
export function reasonCode(code: string | null): PrintReason | null {
  if (code === null) return null;
  return KNOWN.has(code) ? (code as PrintReason) : 'internal';
}
