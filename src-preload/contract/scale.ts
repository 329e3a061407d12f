// scale.*: the station's scale at the pack bench. A driver behind a port (today MT-SICS over TCP, for
// Mettler Toledo scales behind a serial-to-Ethernet converter). A reading is data, not an error: a
// scale that is unstable, overloaded or unplugged answers a reason CODE the renderer translates.
import { z } from 'zod';
import { emptyInput, event, method } from './define';

/** Why there is no usable weight. */
export const SCALE_REASONS = [
  /** The station has no scale set up. */
  'not_configured',
  /** Nothing answers at host:port (refused, no route, connect timed out). */
  'unreachable',
  /** Connected, but the scale did not answer in time (the connection is dropped and made anew). */
  'timeout',
  /** The scale or the converter closed the connection mid-command. */
  'connection_lost',
  /** `S I`: the scale could not give a stable weight (still moving, or busy). */
  'not_stable',
  /** `S +`: above the scale's range. */
  'overload',
  /** `S -`: below the scale's range (pan lifted, tare too large). */
  'underload',
  /** `ES`: the scale did not know the command. */
  'syntax_error',
  /** `ET`: the scale received garbled characters (wrong baud rate or parity on the converter). */
  'transmission_error',
  /** `EL`: the scale cannot do this now. */
  'logical_error',
  /** A reply that is not MT-SICS. */
  'bad_reply',
  /** A weight in a unit Dockside does not convert (only g, kg, mg, lb, oz). */
  'unknown_unit',
] as const;
export const scaleReasonSchema = z.enum(SCALE_REASONS);
export type ScaleReason = z.infer<typeof scaleReasonSchema>;

const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'A host name or IP address');

export const scaleConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('mt-sics'),
      host: hostSchema,
      /** The converter's raw TCP port (often 4001, 8000, 10001 or 23). */
      port: z.number().int().min(1).max(65535),
    })
    .strict(),
]);
export type ScaleConfig = z.infer<typeof scaleConfigSchema>;

export const scaleReadingSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** Whole grams, converted from the scale's unit; negative when below a tare. */
    grams: z.number().int(),
    /** `S S` (stable) rather than `S D` (still moving). */
    stable: z.boolean(),
    /** When core received it (epoch ms). */
    at: z.number(),
  }),
  z.object({ ok: z.literal(false), reason: scaleReasonSchema, at: z.number() }),
]);
export type ScaleReading = z.infer<typeof scaleReadingSchema>;

export const scaleStatusSchema = z.object({
  config: scaleConfigSchema,
  /** A connection to the scale is open now. */
  connected: z.boolean(),
  /** The last reading any window asked for; null before the first. */
  last: scaleReadingSchema.nullable(),
});
export type ScaleStatus = z.infer<typeof scaleStatusSchema>;

export const scaleReadInputSchema = z
  .object({
    /** `stable` (S: waits for the scale to settle, a few seconds at most) or `immediate` (SI: what it shows now). */
    mode: z.enum(['stable', 'immediate']).default('immediate'),
  })
  .strict();

export const scaleZeroResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: scaleReasonSchema }),
]);
export type ScaleZeroResult = z.infer<typeof scaleZeroResultSchema>;

export const scaleMethods = {
  'scale.configure': method({
    input: scaleConfigSchema,
    output: scaleStatusSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'Set this station’s scale: none, or an MT-SICS scale at host:port. Answers the new status.',
  }),
  'scale.status': method({
    input: emptyInput,
    output: scaleStatusSchema,
    access: 'user',
    kind: 'query',
    description: 'This station’s scale setting, whether it is connected, and the last reading.',
  }),
  'scale.read': method({
    input: scaleReadInputSchema,
    output: scaleReadingSchema,
    access: ['packer'],
    kind: 'query',
    description: 'Read the scale: whole grams and whether stable, or the reason code why not.',
  }),
  'scale.zero': method({
    input: emptyInput,
    output: scaleZeroResultSchema,
    access: ['packer'],
    kind: 'write',
    description: 'Zero the scale (MT-SICS Z; only when the pan is steady).',
  }),
} as const;

export const scaleEvents = {
  'scale.changed': event({ payload: scaleStatusSchema, description: 'The scale setting changed (any window).' }),
} as const;
