import { z } from 'zod';
import { emptyInput, event, method } from './define';
import {
  dpiSchema,
  idSchema,
  jobStatusSchema,
  jobsQuerySchema,
  labelSizeSchema,
  printerRoleSchema,
  printerSaveSchema,
  templateRequestSchema,
} from './printingSchemas';

export * from './printingSchemas';

export const printerRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  uri: z.string(),
  kind: z.enum(['tcp', 'dir', 'os', 'afosto']),
  options: z.object({
    dpi: dpiSchema,
    labelSize: labelSizeSchema,
    formats: z.array(z.enum(['zpl', 'pdf'])),
    connectTimeoutMs: z.number().int(),
    skipStatus: z.boolean(),
  }),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type PrinterInfo = z.infer<typeof printerRecordSchema>;

export const printerRolesSchema = z.object({ label: z.string(), slip: z.string() });

/**
 * Why a printer is not ready or a job did not print, as codes the renderer translates (never
 * English prose). Printer conditions come from the Zebra ~HS reply; the rest from the drivers
 * (tcp, dir, os, afosto) and the queue.
 */
export const PRINT_REASONS = [
  // the printer says so (~HS)
  'paper_out',
  'head_open',
  'ribbon_out',
  'paused',
  'buffer_full',
  'head_too_hot',
  'head_too_cold',
  'corrupt_ram',
  // getting to the printer
  'unreachable',
  'timeout',
  'no_status',
  'bad_reply',
  'connection_lost',
  'not_writable',
  'write_failed',
  'os_unavailable',
  'printer_not_found',
  'hub_not_configured',
  'hub_offline',
  // the job
  'format_unsupported',
  'printer_removed',
  'not_confirmed',
  'internal',
  'unknown',
] as const;
export const printReasonSchema = z.enum(PRINT_REASONS);
export type PrintReason = z.infer<typeof printReasonSchema>;

export const printerStatusSchema = z.object({
  ready: z.boolean(),
  reachable: z.boolean(),
  paperOut: z.boolean(),
  headOpen: z.boolean(),
  paused: z.boolean(),
  ribbonOut: z.boolean(),
  /** Worst first; empty when ready. */
  reasons: z.array(printReasonSchema),
  /** What a technician reads (a socket error, a folder path): for logs and tooltips only. */
  detail: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type PrinterStatusInfo = z.infer<typeof printerStatusSchema>;

export const printJobSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  printerId: z.string().nullable(),
  kind: z.string(),
  format: z.enum(['zpl', 'pdf']),
  title: z.string(),
  status: jobStatusSchema,
  attempts: z.number().int(),
  /** When a waiting job is tried next (null before its first failure). */
  nextAttemptAt: z.number().nullable(),
  /** Why it failed or is waiting (or, for `sent`, why delivery is unconfirmed); null when fine. */
  errorCode: printReasonSchema.nullable(),
  errorDetail: z.string().nullable(),
  reprintOf: z.string().nullable(),
  orderId: z.string().nullable(),
  parcelId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  payloadBytes: z.number().int(),
});
export type PrintJobInfo = z.infer<typeof printJobSchema>;

export const previewSchema = z.object({
  svg: z.string(),
  pages: z.number().int(),
  widthMm: z.number(),
  heightMm: z.number(),
  /** Text that did not fit even at its smallest size and was cut ("…"): the element and its full text. */
  truncated: z.array(z.object({ elementId: z.string(), text: z.string() })).default([]),
});

/**
 * A printer of an Afosto print hub, as pulled from Afosto: save `uri` with printing.savePrinter.
 * Only ZPL printers take Dockside's jobs (a hub encodes escpos | zpl | pcl; there is no PDF).
 */
export const hubPrinterChoiceSchema = z.object({
  /** afosto:HUB/PRINTER */
  uri: z.string(),
  /** "Hub name / printer name" */
  name: z.string(),
  hubId: z.string(),
  printerId: z.string(),
  /** escpos | zpl | pcl as Afosto says (open: a new encoding must not break the list). */
  encoding: z.string(),
  printable: z.boolean(),
  /** null when the hub's status was not pulled. */
  hubOnline: z.boolean().nullable(),
});
export type HubPrinterChoiceInfo = z.infer<typeof hubPrinterChoiceSchema>;

/** NOT_FOUND from printing: the id of the printer or job that does not exist. */
export const notFoundDetailsSchema = z.object({ id: z.string() });

export const printingMethods = {
  'printing.listPrinters': method({
    input: emptyInput,
    output: z.object({ printers: z.array(printerRecordSchema), roles: printerRolesSchema }),
    access: 'user',
    kind: 'query',
    description: 'All printers, and which prints this station’s labels and slips.',
  }),
  'printing.savePrinter': method({
    input: printerSaveSchema,
    output: printerRecordSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'Add a printer (tcp://host:port, dir:PATH, os:NAME) or change one.',
  }),
  'printing.hubPrinters': method({
    input: emptyInput,
    output: z.array(hubPrinterChoiceSchema),
    access: ['supervisor'],
    kind: 'query',
    description: 'The Afosto print hubs’ printers to add as printers (empty until Afosto is configured and pulled).',
  }),
  'printing.removePrinter': method({
    input: idSchema,
    output: z.object({ removed: z.boolean(), failedJobs: z.number().int() }),
    access: ['supervisor'],
    kind: 'write',
    description: 'Remove a printer; its queued jobs fail with printer_removed.',
  }),
  'printing.assignPrinter': method({
    input: z.object({ role: printerRoleSchema, printerId: z.string().min(1).max(64) }).strict(),
    output: printerRolesSchema,
    access: ['supervisor'],
    kind: 'write',
    errors: { NOT_FOUND: notFoundDetailsSchema },
    description: 'Pick this station’s label or slip printer.',
  }),
  'printing.testPrinter': method({
    input: idSchema,
    output: printJobSchema,
    access: 'user',
    kind: 'write',
    errors: { NOT_FOUND: notFoundDetailsSchema },
    description: 'Print a test label on a printer now; answers the job as it ended up.',
  }),
  'printing.printerStatus': method({
    input: idSchema,
    output: printerStatusSchema,
    access: 'user',
    kind: 'query',
    errors: { NOT_FOUND: notFoundDetailsSchema },
    description: 'Ask a printer how it is (paper out, head open, paused, unreachable).',
  }),
  'printing.preview': method({
    input: templateRequestSchema,
    output: previewSchema,
    access: 'user',
    kind: 'query',
    description: 'Render a template as SVG for the screen (uses no SSCC serial).',
  }),
  'printing.jobs': method({
    input: jobsQuerySchema,
    output: z.array(printJobSchema),
    access: 'user',
    kind: 'query',
    description: 'Recent print jobs, newest first.',
  }),
  'printing.reprint': method({
    input: idSchema,
    output: printJobSchema,
    access: 'user',
    kind: 'write',
    errors: { NOT_FOUND: notFoundDetailsSchema },
    description: 'Print a job again: a new job with the same bytes.',
  }),
  'printing.lastJob': method({
    input: emptyInput,
    output: printJobSchema.nullable(),
    access: 'user',
    kind: 'query',
    description: 'This station’s last print job (for the reprint-last shortcut).',
  }),
} as const;

export const printingEvents = {
  'printing.job': event({ payload: printJobSchema, description: 'A print job was queued or changed state.' }),
} as const;
