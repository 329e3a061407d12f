// sync.*: the Sync screen's view of the engine — per remote its reachability, pulls and their
// progress, pending and dead operations and what a supervisor may do with a dead one (retry, edit
// its payload, discard), and the conflicts a pull found. Payloads travel as JSON values; the core
// validates an edit against the operation's schema when one is registered.
import { z } from 'zod';
import { emptyInput, event, method } from './define';
import { remoteSchema } from './secrets';

export const syncOpStatusSchema = z.enum(['pending', 'inflight', 'dead']);

export const syncOpSchema = z.object({
  id: z.string(),
  remote: remoteSchema,
  entity: z.string(),
  entityId: z.string(),
  operation: z.string(),
  payload: z.unknown(),
  status: syncOpStatusSchema,
  attempts: z.number().int(),
  /** Reason code of the last failure: the RemoteError kind (validation, conflict, auth, …) or an engine code. */
  errorCode: z.string().nullable(),
  /** The remote's own message for the last failure. */
  errorMessage: z.string().nullable(),
  nextAttemptAt: z.number().int(),
  createdAt: z.number().int(),
});
export type SyncOp = z.infer<typeof syncOpSchema>;

export const syncRemoteCountsSchema = z.object({ remote: remoteSchema, pending: z.number().int(), dead: z.number().int() });

export const syncOpsSchema = z.object({
  remotes: z.array(syncRemoteCountsSchema),
  /** Oldest first; at most `limit` of them. */
  ops: z.array(syncOpSchema),
});
export type SyncOps = z.infer<typeof syncOpsSchema>;

/**
 * What the station knows of a remote from what actually happened (the last pull page or push):
 * not_configured — no connection saved; connecting — configured, no answer yet since start or
 * save; connected — the last contact succeeded; unreachable — no answer (network, timeout): its
 * pushes wait and a pull retries it with backoff; auth_failed — credentials refused (Settings →
 * Connections); error — it answers but fails (5xx, malformed answers).
 */
export const SYNC_REMOTE_STATES = ['not_configured', 'connecting', 'connected', 'unreachable', 'auth_failed', 'error'] as const;
export const syncRemoteStateSchema = z.enum(SYNC_REMOTE_STATES);
export type SyncRemoteState = z.infer<typeof syncRemoteStateSchema>;

/** A failure as the Sync screen shows it: `code` is the RemoteError kind or an engine code, `message` the remote's words. */
export const syncErrorSchema = z.object({ code: z.string(), message: z.string() });
export type SyncError = z.infer<typeof syncErrorSchema>;

export const syncResourceStatusSchema = z.object({
  /** The connector's name for it: 'orders', 'persons', … */
  resource: z.string(),
  /** End of the last run that reached the end of its pages. */
  lastSuccessAt: z.number().int().nullable(),
  lastAttemptAt: z.number().int().nullable(),
  /** Records applied by the last run (or the run in progress). */
  records: z.number().int().min(0),
  running: z.boolean(),
  /** While running: records applied so far, and the total when the remote gives a count. */
  progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0).optional() }).nullable(),
  lastError: syncErrorSchema.nullable(),
});
export type SyncResourceStatus = z.infer<typeof syncResourceStatusSchema>;

export const syncRemoteStatusSchema = z.object({
  remote: remoteSchema,
  configured: z.boolean(),
  state: syncRemoteStateSchema,
  lastError: syncErrorSchema.nullable(),
  /** Last time the remote answered successfully. */
  lastContactAt: z.number().int().nullable(),
  /** Outbox operations waiting (pending + in flight) and dead. */
  pending: z.number().int().min(0),
  dead: z.number().int().min(0),
  /** Open conflicts. */
  conflicts: z.number().int().min(0),
  /** A pull of this remote is running. */
  pulling: z.boolean(),
  /** In pull order; empty while no connector is registered for the remote. */
  resources: z.array(syncResourceStatusSchema),
});
export type SyncRemoteStatus = z.infer<typeof syncRemoteStatusSchema>;

export const syncRemotesSchema = z.object({ remotes: z.array(syncRemoteStatusSchema) });
export type SyncRemotes = z.infer<typeof syncRemotesSchema>;

/** A remote version that was not applied because local operations for the row were waiting. */
export const syncConflictSchema = z.object({
  id: z.string(),
  remote: remoteSchema,
  resource: z.string(),
  /** The local row: the outbox's entity and id. */
  entity: z.string(),
  entityId: z.string(),
  remoteId: z.string().nullable(),
  /** The remote's version as the connector read it. */
  remoteData: z.unknown(),
  detectedAt: z.number().int(),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

const opIdInput = z.object({ id: z.string().min(1).max(64) }).strict();

export const syncMethods = {
  'sync.ops': method({
    input: z
      .object({
        status: z.enum(['open', 'dead']).default('open'),
        remote: remoteSchema.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: syncOpsSchema,
    access: 'user',
    kind: 'query',
    description: 'Per-remote pending and dead counts, and the pending/dead operations (open) or only the dead ones.',
  }),
  'sync.retry': method({
    input: opIdInput,
    output: syncOpSchema,
    access: ['supervisor'],
    kind: 'write',
    description: 'A dead operation goes back to pending, due now, with a full set of attempts.',
  }),
  'sync.discard': method({
    input: opIdInput,
    output: z.object({ id: z.string() }),
    access: ['supervisor'],
    kind: 'write',
    description: 'A dead operation is discarded: kept on record, never sent.',
  }),
  'sync.edit': method({
    input: z.object({ id: z.string().min(1).max(64), payload: z.unknown() }).strict(),
    output: syncOpSchema,
    access: ['supervisor'],
    kind: 'write',
    description: "Replace a dead operation's payload (validated by its operation's schema) and retry it.",
  }),
  'sync.now': method({
    input: z.object({ remote: remoteSchema.optional() }).strict(),
    output: z.object({ started: z.boolean() }),
    access: 'user',
    kind: 'write',
    description: 'Pull now and make every waiting operation due now and drain the outbox: of one remote, or of all configured ones.',
  }),
  'sync.remotes': method({
    input: emptyInput,
    output: syncRemotesSchema,
    access: 'user',
    kind: 'query',
    description: 'Per remote: reachability, last error and contact, outbox and conflict counts, and each pulled resource with its progress.',
  }),
  'sync.conflicts': method({
    input: z
      .object({
        remote: remoteSchema.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: z.object({ conflicts: z.array(syncConflictSchema) }),
    access: 'user',
    kind: 'query',
    description: 'Open conflicts, newest first: remote versions not applied because local operations for the row were waiting.',
  }),
  'sync.dismissConflict': method({
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    output: z.object({ id: z.string() }),
    access: ['supervisor'],
    kind: 'write',
    description: 'Close an open conflict without applying the remote version (the local row wins).',
  }),
} as const;

export const syncEvents = {
  'sync.changed': event({
    payload: z.object({ remotes: z.array(syncRemoteCountsSchema) }),
    description: 'The outbox changed (an operation was added, sent, failed, retried, edited or discarded).',
  }),
  'sync.remotes': event({
    payload: syncRemotesSchema,
    description: 'The per-remote state changed (reachability, a pull started, progressed or ended, counts); throttled to a few per second.',
  }),
} as const;
