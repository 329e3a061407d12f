// HOMS (Hydra OMS, "BPM orders") wire and input shapes, written from the document
// (/work/shared/api/bpm-orders.md and its seed 001), not from the simulator.
import { z } from 'zod';

export const homsConfigSchema = z.object({
  /** Up to where the document's paths begin, e.g. http://127.0.0.1:4010/homs (paths are /api/…). */
  baseUrl: z.url(),
  /** HTTP Basic user name: the HOMS user's e-mail. */
  email: z.string().min(1),
  /** HTTP Basic password: that user's API token. */
  token: z.string().min(1),
});
export type HomsConfig = z.infer<typeof homsConfigSchema>;

/** ISO 8601 with offset, as the seed shows (`2016-05-16T13:52:48+03:00`, `…14:45:03.000+00:00`). */
const dateTime = z.iso.datetime({ offset: true });

export const orderStateSchema = z.enum(['to_execute', 'in_progress', 'done']);
export type OrderState = z.infer<typeof orderStateSchema>;

/** Custom fields; the document says a type without fields answers `[]`, which we read as `{}`. */
const orderDataSchema = z
  .union([z.record(z.string(), z.unknown()), z.array(z.never()).length(0)])
  .transform((d): Record<string, unknown> => (Array.isArray(d) ? {} : d));

const orderFields = {
  id: z.number().int(),
  code: z.string().min(1),
  order_type_code: z.string().min(1),
  ext_code: z.string().nullable(),
  bp_id: z.string().nullable(),
  bp_state: z.string().nullable(),
  state: orderStateSchema,
  archived: z.boolean(),
  done_at: dateTime.nullable(),
  // Always present in the seed; optional so an older build that leaves it out still reads.
  user_email: z.string().nullable().optional().transform((v) => v ?? null),
  data: orderDataSchema,
};

/** Strict on what the sync engine reads; other fields (e.g. `estimated_exec_date`) pass through. */
export const orderSchema = z.object(orderFields).passthrough();
export type Order = z.infer<typeof orderSchema>;

export const orderReplySchema = z.object({ order: orderSchema });
export const ordersPageSchema = z.object({ orders: z.array(orderSchema) });

/**
 * The create reply. HOMS's create renders the order with 201 even when the save failed (document:
 * "Always re-check the returned fields"), so an unsaved order — no id / code — must still parse,
 * to be reported as a validation error rather than a bad response.
 */
export const createdOrderReplySchema = z.object({
  order: z.object({ ...orderFields, id: z.number().int().nullable(), code: z.string().nullable() }).passthrough(),
});

export const userSchema = z
  .object({
    email: z.string().min(1),
    name: z.string().nullable(),
    middle_name: z.string().nullable().optional().transform((v) => v ?? null),
    last_name: z.string().nullable(),
    // The document lists user, admin (seed) and vip (source); a new role must not break a pull.
    role: z.string().min(1),
    company: z.string().nullable().optional().transform((v) => v ?? null),
    department: z.string().nullable().optional().transform((v) => v ?? null),
  })
  .passthrough();
export type User = z.infer<typeof userSchema>;

export const userReplySchema = z.object({ user: userSchema });
export const usersPageSchema = z.object({ users: z.array(userSchema) });

/** 422 body: ActiveRecord errors `{field: [message, …]}`; anything else is kept as text. */
export const validationBodySchema = z.record(z.string(), z.union([z.array(z.string()), z.string()]));

// ---------------------------------------------------------------- inputs

/** A custom-field value to write. null is not a value here: clearing a field is asked for by name. */
const dataValue = z.unknown().refine((v) => v !== null && v !== undefined, 'use `clear` to empty a field');
const fieldName = z.string().min(1);

/** Base fields that may be written, never `null` (see `clear`). `order_type_code` is not here on purpose. */
const baseSet = z
  .object({
    ext_code: z.string().min(1),
    bp_id: z.string().min(1),
    bp_state: z.string().min(1),
    state: orderStateSchema,
    done_at: dateTime,
    archived: z.boolean(),
    user_email: z.string().min(1),
  })
  .partial()
  .strict();
export const clearableBaseFieldSchema = z.enum(['ext_code', 'bp_id', 'bp_state', 'done_at', 'user_email']);

const dataPatch = z
  .object({
    /** Merged into the order's custom fields; keys left out keep their values. */
    set: z.record(fieldName, dataValue).optional(),
    /** Custom fields to set to null, named one by one. */
    clear: z.array(fieldName).optional(),
  })
  .strict();

/**
 * A partial update of one order. Only what is named changes (HOMS merges `data`). Emptying
 * anything is spelled out in `clear`; changing the order type is a separate call
 * (`changeOrderType`), because HOMS then resets every custom field.
 */
export const orderUpdateSchema = z
  .object({
    set: baseSet.optional(),
    clear: z.array(clearableBaseFieldSchema).optional(),
    data: dataPatch.optional(),
  })
  .strict();
export type OrderUpdate = z.input<typeof orderUpdateSchema>;

/** Create: `ext_code` is required — it is how a create whose reply was lost is found again. */
export const orderCreateSchema = z
  .object({
    order_type_code: z.string().min(1),
    ext_code: z.string().min(1),
    bp_id: z.string().min(1).optional(),
    bp_state: z.string().min(1).optional(),
    state: orderStateSchema.optional(),
    done_at: dateTime.optional(),
    archived: z.boolean().optional(),
    user_email: z.string().min(1).optional(),
    data: z.record(fieldName, z.unknown()).optional(),
  })
  .strict();
export type OrderCreate = z.input<typeof orderCreateSchema>;

/**
 * Switching an order's type: HOMS re-initialises `data` to the new type's fields, all null, then
 * merges `data`. The caller states the type it expects to replace and acknowledges the reset.
 */
export const orderTypeChangeSchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    /** The new type's custom fields to fill in after the reset (may be empty). */
    data: z.record(fieldName, dataValue),
    discardsAllCustomFields: z.literal(true),
  })
  .strict();
export type OrderTypeChange = z.input<typeof orderTypeChangeSchema>;
