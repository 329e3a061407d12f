import { z } from 'zod';
import { emptyInput, event, method, roleSchema, type Role } from './define';
import { langSchema } from './printingSchemas';
import { printJobSchema } from './printing';

/** Supervisors may change users and everything else, so their PIN is longer (issue 7, point 10). */
export const SUPERVISOR_PIN_MIN_DIGITS = 6;

export const pinSchema = z
  .string()
  .regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits');

export const supervisorPinSchema = z
  .string()
  .regex(/^\d{6,8}$/, 'A supervisor PIN is 6 to 8 digits');

/** The PIN a user of this role may have. */
export function pinSchemaFor(role: Role): z.ZodString {
  return role === 'supervisor' ? supervisorPinSchema : pinSchema;
}

/**
 * What a badge's barcode holds: `BADGE:` and a random token of 26 base32 characters (130 bits).
 * Only a hash of it is stored; the printed badge is the one copy.
 */
export const BADGE_PREFIX = 'BADGE:';
export const badgeCodeSchema = z
  .string()
  .regex(/^BADGE:[A-Z2-7]{26}$/, 'A badge code is BADGE: and 26 characters A–Z, 2–7');

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const stationStateSchema = z.object({
  stationId: z.string(),
  name: z.string(),
  currentUser: userSchema.nullable(),
  users: z.array(userSchema),
  /** True until the first supervisor exists: the UI shows first-run setup. */
  needsSetup: z.boolean(),
});
export type StationState = z.infer<typeof stationStateSchema>;

/** CONFLICT on a user: which field clashes with another user (e.g. `pin`). */
export const fieldConflictDetailsSchema = z.object({ field: z.string() });

const nameSchema = z.string().trim().min(1, 'A name is required').max(60);

const SUPERVISOR_PIN_MESSAGE = 'A supervisor needs a PIN of 6 to 8 digits';

/** Shared by createUser and updateUser: naming the role supervisor requires a supervisor PIN with it. */
function supervisorNeedsLongPin(v: { role?: Role | undefined; pin?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.role !== 'supervisor') return;
  if (typeof v.pin === 'string' && supervisorPinSchema.safeParse(v.pin).success) return;
  ctx.addIssue({ code: 'custom', path: ['pin'], message: SUPERVISOR_PIN_MESSAGE });
}

export const signInInputSchema = z.union([
  z.object({ pin: pinSchema }).strict(),
  /** A scanned badge (the scanner classifies `BADGE:` codes and calls signIn with them). */
  z.object({ badge: badgeCodeSchema }).strict(),
]);
export type SignInInput = z.infer<typeof signInInputSchema>;

/**
 * `details` of a failed station.signIn (code UNAUTHORIZED). `retryAfterSeconds` is set when sign-in
 * is paused: on `locked`, and on the wrong PIN or badge that started the pause.
 */
export const signInFailureSchema = z.object({
  reason: z.enum(['wrong_pin', 'wrong_badge', 'locked']),
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type SignInFailure = z.infer<typeof signInFailureSchema>;

export const badgeIssuedSchema = z.object({ code: badgeCodeSchema });

export const stationMethods = {
  'station.state': method({
    input: emptyInput,
    output: stationStateSchema,
    access: 'public',
    kind: 'query',
    description: 'Station name, its users (never their PINs) and who is signed in.',
  }),
  'station.rename': method({
    input: z.object({ name: nameSchema }).strict(),
    output: stationStateSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'Rename this station.',
  }),
  'station.setup': method({
    input: z.object({ stationName: nameSchema, name: nameSchema, pin: supervisorPinSchema }).strict(),
    output: stationStateSchema,
    access: 'public',
    kind: 'write',
    description: 'First run only: name the station and create the first supervisor (PIN of 6 to 8 digits), signed in.',
  }),
  'station.createUser': method({
    input: z.object({ name: nameSchema, role: roleSchema, pin: pinSchema }).strict().superRefine(supervisorNeedsLongPin),
    output: userSchema,
    access: ['supervisor'],
    kind: 'write',
    errors: { CONFLICT: fieldConflictDetailsSchema },
    description: 'Add a local user. PINs are unique per station so a PIN alone identifies its user; a supervisor’s has 6 to 8 digits.',
  }),
  'station.updateUser': method({
    input: z
      .object({
        id: z.string(),
        name: nameSchema.optional(),
        role: roleSchema.optional(),
        pin: pinSchema.optional(),
        active: z.boolean().optional(),
      })
      .strict()
      .superRefine(supervisorNeedsLongPin),
    output: userSchema,
    access: ['supervisor'],
    kind: 'write',
    errors: { CONFLICT: fieldConflictDetailsSchema },
    description: 'Change a user; deactivating keeps their history and revokes their badge. Making someone supervisor needs a new 6–8 digit PIN.',
  }),
  'station.signIn': method({
    input: signInInputSchema,
    output: stationStateSchema,
    access: 'public',
    kind: 'write',
    errors: { UNAUTHORIZED: signInFailureSchema },
    description:
      'Sign in or switch user by PIN alone or by badge (fast switch at a shared bench). Failures answer UNAUTHORIZED with SignInFailure details and never end the current session.',
  }),
  'station.signOut': method({
    input: emptyInput,
    output: stationStateSchema,
    access: 'public',
    kind: 'write',
    description: 'Sign the current user out (the station stays open).',
  }),
  'station.issueBadge': method({
    input: z.object({ userId: z.string().min(1).max(64) }).strict(),
    output: badgeIssuedSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'A new sign-in badge code for an active user; their previous badge stops working.',
  }),
  'station.printBadge': method({
    input: z.object({ userId: z.string().min(1).max(64), lang: langSchema }).strict(),
    output: printJobSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'Issue a new badge for a user (revoking the old one) and print it on this station’s label printer.',
  }),
} as const;

export const stationEvents = {
  'station.changed': event({ payload: stationStateSchema, description: 'Users or the signed-in user changed.' }),
} as const;
