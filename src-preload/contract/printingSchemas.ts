// Everything that enters the printing core from outside: template data and the PrintService
// inputs. Part of the contract, so zod only.
import { z } from 'zod';

export const langSchema = z.enum(['en', 'cs']).default('en');
export const labelSizeSchema = z.enum(['4x6in', '100x150mm']).default('4x6in');
export const paperSchema = z.enum(['A4', 'Letter']).default('A4');
export const dpiSchema = z.union([z.literal(203), z.literal(300)]).default(203);

const line = z.string().max(200);

export const addressSchema = z.object({
  name: line.min(1),
  company: line.optional(),
  lines: z.array(line).max(4).default([]),
  postalCode: z.string().max(20).default(''),
  city: line.default(''),
  region: line.optional(),
  country: z.string().max(60).default(''),
  phone: z.string().max(40).optional(),
});
export type Address = z.output<typeof addressSchema>;

export const testLabelDataSchema = z.object({
  size: labelSizeSchema,
  dpi: dpiSchema,
  lang: langSchema,
  printerName: line.default(''),
  stationId: line.default(''),
  /** ISO timestamp printed on the label; the caller supplies it so templates stay pure. */
  printedAt: z.string().max(40).default(''),
});

export const shippingLabelDataSchema = z.object({
  size: labelSizeSchema,
  dpi: dpiSchema,
  lang: langSchema,
  orderNumber: z.string().min(1).max(40),
  parcel: z
    .object({ index: z.number().int().min(1), count: z.number().int().min(1) })
    .refine((p) => p.index <= p.count, 'parcel index exceeds count'),
  weightKg: z.number().nonnegative().max(10_000).optional(),
  carrier: z.string().min(1).max(40),
  method: z.string().max(60).optional(),
  /** Printable ASCII (Code 128). */
  trackingNumber: z.string().regex(/^[\x20-\x7e]{1,48}$/),
  shipFrom: addressSchema,
  shipTo: addressSchema,
  reference: z.string().max(60).optional(),
});

export const ssccLabelDataSchema = z.object({
  size: z.enum(['4x6in', '100x150mm']).default('100x150mm'),
  dpi: dpiSchema,
  lang: langSchema,
  /** 18 digits with check digit; the service allocates one from the station's range when absent. */
  sscc: z.string().regex(/^\d{18}$/).optional(),
  shipFrom: addressSchema,
  shipTo: addressSchema,
  orderNumber: z.string().max(30).optional(),
  /** GTIN of the contained trade items, AI (02). */
  contentGtin: z.string().regex(/^\d{8}$|^\d{12,14}$/).optional(),
  count: z.number().int().min(1).max(99_999_999).optional(),
  batch: z.string().max(20).optional(),
  /** YYYY-MM-DD */
  bestBefore: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  grossWeightKg: z.number().positive().max(9999).optional(),
  carrier: z.string().max(40).optional(),
});

const itemSchema = z.object({
  sku: z.string().min(1).max(60),
  description: z.string().max(300).default(''),
  quantity: z.number().int().min(0),
  quantityOrdered: z.number().int().min(0).optional(),
});

export const packingSlipDataSchema = z.object({
  paper: paperSchema,
  lang: langSchema,
  orderNumber: z.string().min(1).max(40),
  orderDate: z.string().max(40).optional(),
  shipFrom: addressSchema,
  shipTo: addressSchema,
  items: z.array(itemSchema).min(1).max(2000),
  note: z.string().max(1000).optional(),
});

export const pickListDataSchema = z.object({
  paper: paperSchema,
  lang: langSchema,
  pickListId: z.string().regex(/^[\x20-\x7e]{1,40}$/),
  createdAt: z.string().max(40).optional(),
  picker: z.string().max(80).optional(),
  lines: z
    .array(
      z.object({
        location: z.string().max(40),
        sku: z.string().regex(/^[\x20-\x7e]{1,40}$/),
        description: z.string().max(300).default(''),
        quantity: z.number().int().min(0),
      }),
    )
    .min(1)
    .max(2000),
});

export const commandSheetDataSchema = z.object({
  paper: paperSchema,
  lang: langSchema,
  title: z.string().max(80).optional(),
  /** Defaults to the standard scanner commands (CMD:NEXT, CMD:UNDO, …). */
  commands: z
    .array(z.object({ code: z.string().regex(/^[\x20-\x7e]{1,40}$/), label: z.string().max(60) }))
    .max(40)
    .optional(),
});

/** A user's sign-in badge: name, role, station and the badge code as Code 128. */
export const badgeLabelDataSchema = z.object({
  size: labelSizeSchema,
  dpi: dpiSchema,
  lang: langSchema,
  name: line.min(1),
  role: z.enum(['packer', 'agent', 'supervisor']),
  stationName: line.default(''),
  /** Printable ASCII (Code 128); station issues `BADGE:` + 26 characters. */
  code: z.string().regex(/^[\x20-\x7e]{1,48}$/),
});

export const templateNameSchema = z.enum(['test', 'shipping', 'sscc', 'packing-slip', 'pick-list', 'command-sheet', 'badge']);
export type TemplateName = z.infer<typeof templateNameSchema>;

export const templateRequestSchema = z.discriminatedUnion('template', [
  z.object({ template: z.literal('test'), data: testLabelDataSchema }),
  z.object({ template: z.literal('shipping'), data: shippingLabelDataSchema }),
  z.object({ template: z.literal('sscc'), data: ssccLabelDataSchema }),
  z.object({ template: z.literal('packing-slip'), data: packingSlipDataSchema }),
  z.object({ template: z.literal('pick-list'), data: pickListDataSchema }),
  z.object({ template: z.literal('command-sheet'), data: commandSheetDataSchema }),
  z.object({ template: z.literal('badge'), data: badgeLabelDataSchema }),
]);
export type TemplateRequest = z.input<typeof templateRequestSchema>;

// ---- printers -------------------------------------------------------------------------------

/** tcp://host:port | dir:/path | os:Printer Name | afosto:hubId/printerId */
export const printerUriSchema = z
  .string()
  .max(500)
  .refine(
    (u) => /^tcp:\/\/[^\s/:]+(:\d{1,5})?\/?$/.test(u) || /^dir:.+/.test(u) || /^os:.*/.test(u) || /^afosto:[^/\s]+\/[^/\s]+$/.test(u),
    'printer URI must be tcp://host:port, dir:PATH, os:NAME or afosto:HUB/PRINTER',
  )
  .refine((u) => {
    const port = /^tcp:\/\/[^\s/:]+:(\d+)/.exec(u)?.[1];
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
  }, 'port must be 1–65535');

export const printerOptionsSchema = z.object({
  /** Label dpi of this printer (203 or 300); used for ZPL layouts sent to it. */
  dpi: dpiSchema,
  labelSize: labelSizeSchema,
  /** What the printer accepts; a ZPL printer cannot take a PDF packing slip. */
  formats: z.array(z.enum(['zpl', 'pdf'])).min(1).default(['zpl']),
  connectTimeoutMs: z.number().int().min(100).max(60_000).default(3000),
  /** Skip the ~HS status query (for ZPL emulators that do not answer it). */
  skipStatus: z.boolean().default(false),
});
export type PrinterOptions = z.output<typeof printerOptionsSchema>;

export const printerSaveSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z.string().min(1).max(80),
  uri: printerUriSchema,
  // Only what the caller sent: defaults here would overwrite an edited printer's other options.
  options: z
    .object({
      dpi: z.union([z.literal(203), z.literal(300)]),
      labelSize: z.enum(['4x6in', '100x150mm']),
      formats: z.array(z.enum(['zpl', 'pdf'])).min(1),
      connectTimeoutMs: z.number().int().min(100).max(60_000),
      skipStatus: z.boolean(),
    })
    .partial()
    .default({}),
});
export type PrinterSaveInput = z.input<typeof printerSaveSchema>;

export const printerRoleSchema = z.enum(['label', 'slip']);
export type PrinterRole = z.infer<typeof printerRoleSchema>;

export const assignRoleSchema = z.object({
  stationId: z.string().min(1).max(64),
  role: printerRoleSchema,
  printerId: z.string().min(1).max(64),
});

export const idSchema = z.object({ id: z.string().min(1).max(64) });

export const jobStatusSchema = z.enum(['queued', 'sent', 'done', 'failed']);
export type JobStatus = z.infer<typeof jobStatusSchema>;

export const jobsQuerySchema = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  status: jobStatusSchema.optional(),
  stationId: z.string().max(64).optional(),
});

export const printRequestSchema = z.object({
  request: templateRequestSchema,
  printerRole: printerRoleSchema.optional(),
  /** Overrides the role lookup. */
  printerId: z.string().max(64).optional(),
  orderId: z.string().max(64).optional(),
  parcelId: z.string().max(64).optional(),
});
export type PrintRequest = z.input<typeof printRequestSchema>;

export const ssccRangeSchema = z.object({
  stationId: z.string().min(1).max(64),
  companyPrefix: z.string().regex(/^\d{6,12}$/),
  extension: z.number().int().min(0).max(9),
  /** Decimal strings so ranges beyond 2^53 survive JSON. */
  first: z.string().regex(/^\d{1,16}$/),
  last: z.string().regex(/^\d{1,16}$/),
});
