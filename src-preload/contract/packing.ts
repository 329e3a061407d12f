// packing.*: the Pack screen. A scanned order number, shipment id, tote or packing-slip barcode
// (the slip prints the order number as Code 128) opens a shipment; every scanned item is verified
// against it and goes into the current parcel; parcels get a box type, a weight, and are closed
// (label out). Every answer carries a result CODE the renderer translates (never prose). The
// quantities are derived from the append-only scan log (scan_events) and its projection.
import { z } from 'zod';
import { badgeCodeSchema, supervisorPinSchema } from './station';
import { event, method } from './define';
import { printJobSchema } from './printing';

/**
 * The outcome of a scan or step, as a code:
 * ok codes — shipment_opened, item_verified (one unit into the current parcel), parcel_opened
 * (a box-type barcode or CMD:NEWPARCEL), parcel_closed (CMD:DONE), reprinted (CMD:REPRINT),
 * closed_view (CMD:CANCEL: the shipment is put away, nothing changes), weight_set, item_moved,
 * override_given (keyboard steps), undone (CMD:UNDO / packing.undo: the last item scanned into a
 * parcel still open is taken out again);
 * refusals — wrong_item (not in this shipment), too_many (every unit of it is verified already),
 * no_open_parcel (open a box first), unknown_code, no_shipment (an item with no shipment open),
 * shipment_closed (every parcel of it is closed), unknown_box, unknown_command, parcel_not_open
 * (a step on a parcel already closed or not of this shipment), nothing_to_undo, and the refusals of
 * closeParcel / setWeight / override / reprint below (scanned commands answer with them too).
 */
export const PACK_RESULTS = [
  'shipment_opened',
  'item_verified',
  'parcel_opened',
  'parcel_closed',
  'reprinted',
  'closed_view',
  'weight_set',
  'item_moved',
  'override_given',
  'wrong_item',
  'too_many',
  'no_open_parcel',
  'unknown_code',
  'no_shipment',
  'shipment_closed',
  'unknown_box',
  'unknown_command',
  'parcel_empty',
  'parcel_not_open',
  'parcel_not_verified',
  'shipment_not_verified',
  'weight_required',
  'zero_weight',
  'nothing_to_reprint',
  'printer_missing',
  'undone',
  'nothing_to_undo',
] as const;
export const packResultCodeSchema = z.enum(PACK_RESULTS);
export type PackResultCode = z.infer<typeof packResultCodeSchema>;

/** What a scan was read as (scan_events.read_as). */
export const PACK_READ_AS = ['product', 'order', 'parcel', 'command', 'gs1', 'unknown'] as const;
export const packReadAsSchema = z.enum(PACK_READ_AS);

/** missing: fewer verified than expected; done: exactly; over: more (the order shrank after packing). */
export const PACK_LINE_STATES = ['missing', 'done', 'over'] as const;
export const packLineStateSchema = z.enum(PACK_LINE_STATES);
export type PackLineState = z.infer<typeof packLineStateSchema>;

/** Where a weight came from. */
export const weightSourceSchema = z.enum(['typed', 'scale']);
export type WeightSource = z.infer<typeof weightSourceSchema>;

/** Which label a closed parcel gets: Afosto's carrier label (when online) or Dockside's own ZPL. */
export const LABEL_SOURCES = ['carrier', 'own'] as const;
export const labelSourceSchema = z.enum(LABEL_SOURCES);
export type LabelSource = z.infer<typeof labelSourceSchema>;

/** A box a parcel can be: scanning its barcode (`BOX:<code>`) opens a parcel of these dimensions. */
export const boxTypeSchema = z.object({
  code: z.string(),
  /** What the box-type barcode holds: `BOX:` + code. */
  barcode: z.string(),
  name: z.string(),
  lengthCm: z.number().int().positive(),
  widthCm: z.number().int().positive(),
  heightCm: z.number().int().positive(),
});
export type BoxType = z.infer<typeof boxTypeSchema>;
export const BOX_PREFIX = 'BOX:';

/** One line of the shipment: the units of one order line (or product), expected vs verified. */
export const packLineSchema = z.object({
  /** Stable id: the order line id, else `product:<productId>`. */
  id: z.string(),
  productId: z.string().nullable(),
  sku: z.string(),
  name: z.string(),
  imageUrl: z.string().nullable(),
  expected: z.number().int(),
  verified: z.number().int(),
  state: packLineStateSchema,
});
export type PackLine = z.infer<typeof packLineSchema>;

export const packParcelUnitSchema = z.object({ lineId: z.string(), sku: z.string(), name: z.string(), quantity: z.number().int() });

export const packParcelSchema = z.object({
  id: z.string(),
  /** 1-based number within the order. */
  seq: z.number().int(),
  status: z.enum(['open', 'closed']),
  boxType: z.string().nullable(),
  lengthCm: z.number().int().nullable(),
  widthCm: z.number().int().nullable(),
  heightCm: z.number().int().nullable(),
  weightGrams: z.number().int().nullable(),
  weightSource: weightSourceSchema.nullable(),
  units: z.array(packParcelUnitSchema),
  /** Total units in the box. */
  count: z.number().int(),
  /** Which label was printed for it (null while open). */
  labelSource: labelSourceSchema.nullable(),
  labelJobId: z.string().nullable(),
  trackingNumber: z.string().nullable(),
});
export type PackParcel = z.infer<typeof packParcelSchema>;

export const packOverrideSchema = z.object({ by: z.string(), byName: z.string(), reason: z.string(), at: z.number() });

export const packShipmentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  status: z.string(),
  carrier: z.string().nullable(),
  method: z.string().nullable(),
  lines: z.array(packLineSchema),
  parcels: z.array(packParcelSchema),
  /** The parcel scanned items go into (the last opened parcel still open), or null. */
  currentParcelId: z.string().nullable(),
  expectedTotal: z.number().int(),
  verifiedTotal: z.number().int(),
  /** Every line done. */
  verified: z.boolean(),
  /** A supervisor's override of "labels only once verified", if one was given. */
  override: packOverrideSchema.nullable(),
  /** Labels may print: verified, or overridden. */
  labelsAllowed: z.boolean(),
  /** Every parcel closed and labelled, and at least one parcel. */
  complete: z.boolean(),
});
export type PackShipment = z.infer<typeof packShipmentSchema>;

/** The answer to a scan: never an error for a refusal (the renderer sounds and shows `code`). */
export const packScanResultSchema = z.object({
  ok: z.boolean(),
  code: packResultCodeSchema,
  raw: z.string(),
  readAs: packReadAsSchema,
  /** The line the scan touched or named (highlight it). */
  lineId: z.string().nullable(),
  /** For the message: the product scanned (wrong_item, too_many, item_verified) or the box type. */
  sku: z.string().nullable(),
  name: z.string().nullable(),
  /** The open shipment after the scan (null: none open). */
  shipment: packShipmentSchema.nullable(),
  /** Print jobs this scan queued (CMD:DONE, CMD:REPRINT). */
  jobs: z.array(printJobSchema),
});
export type PackScanResult = z.infer<typeof packScanResultSchema>;

/** CONFLICT details of a refused step (closeParcel, setWeight, moveItem, openParcel, reprint). */
export const packRefusalSchema = z.object({ reason: packResultCodeSchema });
export type PackRefusal = z.infer<typeof packRefusalSchema>;

/**
 * FORBIDDEN details of a refused override (not UNAUTHORIZED: the packer's own session is fine, and
 * the renderer returns to sign-in on UNAUTHORIZED).
 */
export const packOverrideFailureSchema = z.object({
  reason: z.enum(['wrong_pin', 'wrong_badge', 'locked', 'not_supervisor']),
  retryAfterSeconds: z.number().int().positive().optional(),
});

export const packCloseResultSchema = z.object({
  shipment: packShipmentSchema,
  /** The parcel's label job (own ZPL), or null when the carrier label comes with the Afosto push. */
  labelJob: printJobSchema.nullable(),
  labelSource: labelSourceSchema,
  /** With the last parcel: the packing slip job (null when Afosto's slip prints on arrival). */
  slipJob: printJobSchema.nullable(),
});
export type PackCloseResult = z.infer<typeof packCloseResultSchema>;

export const packSettingsSchema = z.object({
  /** carrier: Afosto's label when Afosto is reachable, own ZPL otherwise; own: always Dockside's ZPL. */
  labelSource: labelSourceSchema,
  /** Ship-from address printed on own labels and slips. */
  shipFrom: z.object({
    name: z.string().min(1).max(200),
    lines: z.array(z.string().max(200)).max(4),
    postalCode: z.string().max(20),
    city: z.string().max(200),
    country: z.string().max(60),
  }),
});
export type PackSettings = z.infer<typeof packSettingsSchema>;

const id = z.string().min(1).max(64);
const code = z.string().min(1).max(200);

export const packingMethods = {
  'packing.open': method({
    input: z.object({ code }).strict(),
    output: packShipmentSchema,
    access: ['packer'],
    kind: 'write',
    errors: { NOT_FOUND: packRefusalSchema },
    description: 'Open the shipment named by an order number, shipment id, tote or packing-slip barcode (logged as a scan).',
  }),
  'packing.shipment': method({
    input: z.object({ shipmentId: id }).strict(),
    output: packShipmentSchema,
    access: ['packer'],
    kind: 'query',
    description: 'A shipment as the Pack screen shows it: lines expected/verified, parcels, override.',
  }),
  'packing.scan': method({
    input: z.object({ code, shipmentId: id.nullable() }).strict(),
    output: packScanResultSchema,
    access: ['packer'],
    kind: 'write',
    description:
      'Everything the scanner sends on the Pack screen: an item (verified into the current parcel), a box type (opens a parcel), a shipment code (opens it), or a CMD: (NEWPARCEL, DONE closes the current parcel, REPRINT, CANCEL). Refusals answer ok:false with a code.',
  }),
  'packing.undo': method({
    input: z.object({ shipmentId: id }).strict(),
    output: packScanResultSchema,
    access: ['packer'],
    kind: 'write',
    description:
      'Takes back the last item scanned into the shipment (a compensating scan event, and the unit taken off its parcel in Afosto). Refused (ok:false) with nothing_to_undo, or parcel_not_open when that parcel is closed already.',
  }),
  'packing.openParcel': method({
    input: z.object({ shipmentId: id, boxType: z.string().min(1).max(40).optional() }).strict(),
    output: packShipmentSchema,
    access: ['packer'],
    kind: 'write',
    errors: { CONFLICT: packRefusalSchema },
    description: 'Open a new parcel (of a box type, which sets its dimensions); it becomes the current parcel.',
  }),
  'packing.moveItem': method({
    input: z.object({ shipmentId: id, lineId: id.max(80), fromParcelId: id, toParcelId: id, quantity: z.number().int().min(1).max(10_000).default(1) }).strict(),
    output: packShipmentSchema,
    access: ['packer'],
    kind: 'write',
    errors: { CONFLICT: packRefusalSchema },
    description: 'Move units of a line from one open parcel to another.',
  }),
  'packing.setWeight': method({
    input: z.object({ parcelId: id, grams: z.number().int().min(0).max(1_000_000), source: weightSourceSchema }).strict(),
    output: packShipmentSchema,
    access: ['packer'],
    kind: 'write',
    errors: { CONFLICT: packRefusalSchema },
    description: 'Set an open parcel’s weight in grams, typed or from the scale. 0 is refused (zero_weight).',
  }),
  'packing.closeParcel': method({
    input: z.object({ parcelId: id }).strict(),
    output: packCloseResultSchema,
    access: ['packer'],
    kind: 'write',
    errors: { CONFLICT: packRefusalSchema },
    description:
      'Close a parcel: refused unless it holds items, has a weight and the shipment is verified (or overridden). Prints its label once (own ZPL now, or the carrier label when Afosto’s push brings it) and, with the last parcel, the packing slip.',
  }),
  'packing.override': method({
    input: z.union([
      z.object({ shipmentId: id, pin: supervisorPinSchema, reason: z.string().trim().min(3).max(300) }).strict(),
      z.object({ shipmentId: id, badge: badgeCodeSchema, reason: z.string().trim().min(3).max(300) }).strict(),
    ]),
    output: packShipmentSchema,
    access: ['packer'],
    kind: 'write',
    errors: { FORBIDDEN: packOverrideFailureSchema },
    description: 'A supervisor (PIN or badge, not signing in) allows labels for an unverified shipment, with a reason; written to the audit log.',
  }),
  'packing.reprint': method({
    input: z.object({ parcelId: id.optional() }).strict(),
    output: printJobSchema,
    access: ['packer'],
    kind: 'write',
    errors: { NOT_FOUND: packRefusalSchema },
    description: 'Print the last label of this station again (or the given parcel’s).',
  }),
  'packing.boxTypes': method({
    input: z.object({}).strict(),
    output: z.array(boxTypeSchema),
    access: 'user',
    kind: 'query',
    description: 'The box types a parcel can be, with their barcodes.',
  }),
  'packing.settings': method({
    input: z.object({}).strict(),
    output: packSettingsSchema,
    access: 'user',
    kind: 'query',
    description: 'This station’s packing settings (label source, ship-from).',
  }),
  'packing.setSettings': method({
    input: packSettingsSchema.partial().strict(),
    output: packSettingsSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'Change this station’s packing settings.',
  }),
} as const;

export const packingEvents = {
  'packing.changed': event({
    payload: z.object({ shipmentId: z.string() }),
    description: 'A shipment’s packing state changed (scan, parcel, weight, close, override, label arrived).',
  }),
} as const;
