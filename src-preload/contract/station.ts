import { z } from 'zod';
import { emptyInput, event, method, roleSchema } from './define';

export const pinSchema = z
  .string()
  .regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits');

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
/** UNAUTHORIZED from signIn while sign-in is paused after wrong PINs (absent for a plain wrong PIN). */
export const lockoutDetailsSchema = z.object({ retryAfterSeconds: z.number().nonnegative() });

const nameSchema = z.string().trim().min(1, 'A name is required').max(60);

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
    input: z.object({ stationName: nameSchema, name: nameSchema, pin: pinSchema }).strict(),
    output: stationStateSchema,
    access: 'public',
    kind: 'write',
    description: 'First run only: name the station and create the first supervisor, signed in.',
  }),
  'station.createUser': method({
    input: z.object({ name: nameSchema, role: roleSchema, pin: pinSchema }).strict(),
    output: userSchema,
    access: ['supervisor'],
    kind: 'write',
    errors: { CONFLICT: fieldConflictDetailsSchema },
    description: 'Add a local user. PINs are unique per station so a PIN alone identifies its user.',
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
      .strict(),
    output: userSchema,
    access: ['supervisor'],
    kind: 'write',
    errors: { CONFLICT: fieldConflictDetailsSchema },
    description: 'Change a user; deactivating keeps their history.',
  }),
  'station.signIn': method({
    input: z.object({ pin: pinSchema }).strict(),
    output: stationStateSchema,
    access: 'public',
    kind: 'write',
    errors: { UNAUTHORIZED: lockoutDetailsSchema },
    description: 'Sign in or switch user by PIN alone (fast switch at a shared bench).',
  }),
  'station.signOut': method({
    input: emptyInput,
    output: stationStateSchema,
    access: 'public',
    kind: 'write',
    description: 'Sign the current user out (the station stays open).',
  }),
} as const;

export const stationEvents = {
  'station.changed': event({ payload: stationStateSchema, description: 'Users or the signed-in user changed.' }),
} as const;
