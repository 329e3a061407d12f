// training.*: demo mode and the trainer's panel. A demo station runs the remote simulator inside
// the app; the first-run choice turns a new data folder into one, and a supervisor may then ring
// calls, take a remote offline and back, and inject faults through the simulator's control API.
import { z } from 'zod';
import { emptyInput, event, method } from './define';
import { remoteSchema } from './secrets';
import { stationStateSchema } from './station';

export const trainingStateSchema = z.object({
  /** This data folder is a demo station: the simulator runs inside the app. */
  demo: z.boolean(),
  /** The first-run choice "Try it with sample data" can be taken now (a new data folder, a host that can start the simulator). */
  canStartDemo: z.boolean(),
});
export type TrainingState = z.infer<typeof trainingStateSchema>;

/** The faults a trainer can inject with one button (each maps to one simulator fault spec). */
export const TRAINING_FAULTS = ['rate_limited', 'server_error', 'malformed', 'latency', 'token_expiry', 'lost_reply'] as const;
export const trainingFaultSchema = z.enum(TRAINING_FAULTS);
export type TrainingFault = z.infer<typeof trainingFaultSchema>;

/** One fault active in the simulator, as the panel lists it. */
export const activeFaultSchema = z.object({
  id: z.string(),
  /** A remote, or null when it applies to every remote. */
  remote: remoteSchema.nullable(),
  /** The simulator's kind (latency, error, reset, lost_reply, malformed, token_expiry). */
  kind: z.string(),
  status: z.number().int().nullable(),
  /** Requests it may still affect; null when it lasts for a time instead. */
  remaining: z.number().int().nullable(),
  /** When it ends (epoch ms); null when it is bounded by count. */
  expiresAt: z.number().nullable(),
  /** How many requests it has affected. */
  applied: z.number().int(),
});
export type ActiveFault = z.infer<typeof activeFaultSchema>;

export const trainingStatusSchema = z.object({
  /** Remotes taken offline from the panel (every request to them has its connection reset). */
  offline: z.array(remoteSchema),
  faults: z.array(activeFaultSchema),
});
export type TrainingStatus = z.infer<typeof trainingStatusSchema>;

export const ringCallInputSchema = z
  .object({
    number: z.string().trim().regex(/^\+?[\d ()-]{3,24}$/, 'A phone number'),
    /** The UCS queue the call arrives on; the simulator's default queue when left out. */
    queue: z.union([z.string().trim().min(1).max(40), z.number().int().min(0)]).optional(),
    name: z.string().trim().max(80).optional(),
  })
  .strict();

export const ringCallResultSchema = z.object({ uniqueid: z.string(), number: z.string(), queueId: z.number().int(), state: z.string() });
export type RingCallResult = z.infer<typeof ringCallResultSchema>;

/** FORBIDDEN from a training.* method: a supervisor of a station that is no demo. */
export const trainingForbiddenSchema = z.object({ reason: z.enum(['not_demo']) });
/** CONFLICT from training.startDemo: the data folder already has a station. */
export const startDemoConflictSchema = z.object({ reason: z.enum(['station_exists', 'already_demo']) });
/** UNAVAILABLE: the simulator did not answer (or this host cannot start one). */
export const trainingUnavailableSchema = z.object({ reason: z.enum(['no_demo_host', 'simulator_unreachable', 'simulator_refused']) });

const panel = { FORBIDDEN: trainingForbiddenSchema, UNAVAILABLE: trainingUnavailableSchema };

export const trainingMethods = {
  'training.state': method({
    input: emptyInput,
    output: trainingStateSchema,
    access: 'public',
    kind: 'query',
    description: 'Is this a demo station, and can the first-run choice "Try it with sample data" be taken now?',
  }),
  'training.startDemo': method({
    input: emptyInput,
    output: stationStateSchema,
    access: 'public',
    kind: 'write',
    errors: { CONFLICT: startDemoConflictSchema, UNAVAILABLE: trainingUnavailableSchema },
    description:
      'First run only: start the simulator, point all five connections at it, create the demo users (signed out) and remember that this data folder is a demo station.',
  }),
  'training.status': method({
    input: emptyInput,
    output: trainingStatusSchema,
    access: ['supervisor'],
    kind: 'query',
    errors: panel,
    description: 'Demo only: the remotes taken offline and the faults active in the simulator.',
  }),
  'training.ringCall': method({
    input: ringCallInputSchema,
    output: ringCallResultSchema,
    access: ['supervisor'],
    kind: 'write',
    errors: panel,
    description: 'Demo only: the simulated phone system rings a call from this number.',
  }),
  'training.setOffline': method({
    input: z.object({ remote: remoteSchema, offline: z.boolean() }).strict(),
    output: trainingStatusSchema,
    access: ['supervisor'],
    kind: 'write',
    errors: panel,
    description: 'Demo only: take a remote offline (every request to it has its connection reset) or bring it back.',
  }),
  'training.injectFault': method({
    input: z.object({ remote: remoteSchema.nullable(), fault: trainingFaultSchema }).strict(),
    output: trainingStatusSchema,
    access: ['supervisor'],
    kind: 'write',
    errors: panel,
    description: 'Demo only: inject one fault into a remote (null: any remote) of the simulator.',
  }),
  'training.clearFaults': method({
    input: emptyInput,
    output: trainingStatusSchema,
    access: ['supervisor'],
    kind: 'write',
    errors: panel,
    description: 'Demo only: clear every fault, offline remotes included.',
  }),
} as const;

export const trainingEvents = {
  'training.changed': event({ payload: trainingStateSchema, description: 'This station became a demo station.' }),
} as const;
