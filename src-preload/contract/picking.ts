// picking.*: the Pick screen. Pick lists pulled from Afosto (one local item per remote unit) are
// listed and filtered; an opened list is a guided walk: scan the position, then the product
// (EAN/UPC/SKU/GS1 with lot and expiry), quantity by repeated scans or a typed count. Every answer
// carries a reason CODE the renderer translates (never prose) and what was expected. Quantities
// are derived from the append-only scan log; undo appends a compensating event.
import { z } from 'zod';
import { event, method } from './define';

export const PICK_LIST_STATES = ['open', 'in_progress', 'on_hold', 'finished', 'cancelled'] as const;
export const pickListStateSchema = z.enum(PICK_LIST_STATES);
export type PickListState = z.infer<typeof pickListStateSchema>;

/** How the renderer's scanner classified a code (src-preload/scanning ScanKind); core reads it again. */
export const PICK_SCAN_KINDS = ['command', 'badge', 'gs1', 'sscc', 'ean13', 'ean8', 'upca', 'text'] as const;
export const pickScanKindSchema = z.enum(PICK_SCAN_KINDS);

/** Why a short pick happened. */
export const SHORT_REASONS = ['not_found', 'damaged', 'not_enough'] as const;
export const shortReasonSchema = z.enum(SHORT_REASONS);
export type ShortReason = z.infer<typeof shortReasonSchema>;

/**
 * The outcome of a scan or step, as a code:
 * ok codes — position_ok (position confirmed), picked (units added), came_back (a skipped line
 * resumed by scanning its position), short_recorded, skipped, undone;
 * refusals — wrong_position, wrong_product, over_pick, unknown_code, position_expected (a product
 * before its position), product_expected (a typed count before the product was scanned once),
 * nothing_to_undo, nothing_to_pick (the list has no open line), list_closed (finished or
 * cancelled), unknown_command.
 */
export const PICK_RESULTS = [
  'position_ok',
  'picked',
  'came_back',
  'short_recorded',
  'skipped',
  'undone',
  'wrong_position',
  'wrong_product',
  'over_pick',
  'unknown_code',
  'position_expected',
  'product_expected',
  'nothing_to_undo',
  'nothing_to_pick',
  'list_closed',
  'unknown_command',
] as const;
export const pickResultCodeSchema = z.enum(PICK_RESULTS);
export type PickResultCode = z.infer<typeof pickResultCodeSchema>;

/** One line of the walk: the units of one product at one position for one shipment (its tote). */
export const pickLineSchema = z.object({
  /** Stable id of the line: the id of its first unit (pick_list_items.id). */
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  /** Position code; null when Afosto gave none (the product is expected directly). */
  position: z.string().nullable(),
  quantity: z.number().int(),
  picked: z.number().int(),
  short: z.number().int(),
  remaining: z.number().int(),
  /** Tote label of the line's shipment (batch lists); null when the unit belongs to no known shipment. */
  tote: z.string().nullable(),
  shipmentId: z.string().nullable(),
  /** Reason of the short pick, when some units were short. */
  shortReason: shortReasonSchema.nullable(),
  skipped: z.boolean(),
});
export type PickLine = z.infer<typeof pickLineSchema>;

export const pickListProgressSchema = z.object({
  /** Units on the list. */
  total: z.number().int(),
  picked: z.number().int(),
  short: z.number().int(),
  remaining: z.number().int(),
  /** Lines with units still to pick; null in the list of pick lists (counted only for an opened list). */
  linesLeft: z.number().int().nullable(),
});
export type PickListProgress = z.infer<typeof pickListProgressSchema>;

export const pickToteSchema = z.object({ tote: z.string(), shipmentId: z.string(), orderNumber: z.string().nullable() });
export type PickTote = z.infer<typeof pickToteSchema>;

/** What the guided screen waits for now. */
export const pickExpectSchema = z.object({
  lineId: z.string(),
  step: z.enum(['position', 'product']),
});
export type PickExpect = z.infer<typeof pickExpectSchema>;

export const pickListSummarySchema = z.object({
  id: z.string(),
  /** Afosto's list number, or the remote id when it has none. */
  number: z.string(),
  state: pickListStateSchema,
  /** Afosto's assignee (its user subject), null when nobody. */
  assignee: z.string().nullable(),
  dueAt: z.number().int().nullable(),
  shipments: z.number().int(),
  progress: pickListProgressSchema,
});
export type PickListSummary = z.infer<typeof pickListSummarySchema>;

export const pickListViewSchema = pickListSummarySchema.extend({
  /** Walking order: position sort key, then rank; skipped lines move to the end. */
  lines: z.array(pickLineSchema),
  /** null when nothing is left to pick. */
  expect: pickExpectSchema.nullable(),
  totes: z.array(pickToteSchema),
  /** Whether there is a scan that undo would take back. */
  canUndo: z.boolean(),
});
export type PickListView = z.infer<typeof pickListViewSchema>;

export const PICK_DUE_FILTERS = ['any', 'overdue', 'today'] as const;

export const pickListFilterSchema = z
  .object({
    /** Default: the lists still to work (open, in progress, on hold). */
    state: z.union([pickListStateSchema, z.literal('active'), z.literal('all')]).default('active'),
    /** An Afosto assignee, 'unassigned', or 'any'. */
    assignee: z.string().trim().min(1).max(200).default('any'),
    due: z.enum(PICK_DUE_FILTERS).default('any'),
    /** Matches the list number, a SKU or a product name on it, or an order number. */
    text: z.string().trim().max(100).default(''),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict();
export type PickListFilter = z.output<typeof pickListFilterSchema>;

export const pickListsSchema = z.object({
  lists: z.array(pickListSummarySchema),
  /** The assignees found on lists, for the filter. */
  assignees: z.array(z.string()),
});
export type PickLists = z.infer<typeof pickListsSchema>;

/** The answer to every step: what happened, what was expected, the line and the list after it. */
export const pickStepResultSchema = z.object({
  ok: z.boolean(),
  code: pickResultCodeSchema,
  /** What the scan was read as (a SKU, a position code, a command) — for the message. */
  readAs: z.string().nullable(),
  /** What was expected when refused: the position code and/or product. */
  expected: z
    .object({ position: z.string().nullable(), sku: z.string().nullable(), name: z.string().nullable(), remaining: z.number().int().nullable() })
    .nullable(),
  /** Units this step added (picked: the code's units per scan or the typed count). */
  units: z.number().int(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  /** The line the step acted on, after it. */
  line: pickLineSchema.nullable(),
  /** The tote to put the units in (after a pick). */
  tote: z.string().nullable(),
  view: pickListViewSchema,
});
export type PickStepResult = z.infer<typeof pickStepResultSchema>;

const listId = z.string().min(1).max(64);

export const pickScanInputSchema = z
  .object({
    listId,
    raw: z.string().min(1).max(500),
    kind: pickScanKindSchema,
  })
  .strict();

export const pickingMethods = {
  'picking.list': method({
    input: pickListFilterSchema,
    output: pickListsSchema,
    access: ['packer'],
    kind: 'query',
    description: 'Pick lists filtered by state, assignee, due date and text, with their progress.',
  }),
  'picking.open': method({
    input: z.object({ listId }).strict(),
    output: pickListViewSchema,
    access: ['packer'],
    kind: 'query',
    description: 'One pick list: its lines in walking order, progress, totes and what the guided walk expects next.',
  }),
  'picking.scan': method({
    input: pickScanInputSchema,
    output: pickStepResultSchema,
    access: ['packer'],
    kind: 'write',
    description:
      'A scanned code on an open list (position, product or CMD: command). Refusals are answers (ok false, a code), not errors; every scan is logged.',
  }),
  'picking.count': method({
    input: z.object({ listId, quantity: z.number().int().min(1).max(100_000) }).strict(),
    output: pickStepResultSchema,
    access: ['packer'],
    kind: 'write',
    description: 'A typed count of units of the current line (its position confirmed); more than remains is refused (over_pick).',
  }),
  'picking.short': method({
    input: z.object({ listId, reason: shortReasonSchema }).strict(),
    output: pickStepResultSchema,
    access: ['packer'],
    kind: 'write',
    description: 'The rest of the current line cannot be picked: recorded as missing and backorder on its shipment.',
  }),
  'picking.undo': method({
    input: z.object({ listId }).strict(),
    output: pickStepResultSchema,
    access: ['packer'],
    kind: 'write',
    description: 'Takes back the last scan that changed the list (pick, short, position, skip) with a compensating event.',
  }),
  'picking.skip': method({
    input: z.object({ listId }).strict(),
    output: pickStepResultSchema,
    access: ['packer'],
    kind: 'write',
    description: 'Moves the current line to the end of the walk; scanning its position brings it back earlier.',
  }),
} as const;

export const pickingEvents = {
  'picking.changed': event({
    payload: z.object({ listId: z.string() }),
    description: 'A pick list changed (a scan on this station, or a pull).',
  }),
} as const;
