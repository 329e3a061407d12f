// sync.*: the outbox as the Sync screen sees it — pending and dead operations per remote, and what
// a supervisor may do with a dead one (retry, edit its payload, discard). Payloads travel as JSON
// values; the core validates an edit against the operation's schema when one is registered.
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
    input: emptyInput,
    output: z.object({ started: z.boolean() }),
    access: 'user',
    kind: 'write',
    description: 'Make every waiting operation due now and drain the outbox.',
  }),
} as const;

export const syncEvents = {
  'sync.changed': event({
    payload: z.object({ remotes: z.array(syncRemoteCountsSchema) }),
    description: 'The outbox changed (an operation was added, sent, failed, retried, edited or discarded).',
  }),
} as const;
