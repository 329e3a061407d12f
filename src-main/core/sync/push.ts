// The push handlers: one per (remote, operation). A handler sends one outbox operation through its
// connector and throws the connector's RemoteError on failure; `outcomeOf` turns that into the job
// engine's retry / dead, so no handler decides retry policy itself.
import type { ZodType } from 'zod';
import type { Remote } from '../../../src-preload/contract';
import { RemoteError } from '../connectors/shared/errors';
import { dead, ok, retry, type Outcome } from '../jobs/types';

export interface PushAttempt {
  /** The outbox operation's id: also a stable client reference / idempotency key. */
  opId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * The previous attempt may have reached the remote and acted (the process stopped mid-send, or
   * it ended in a timeout, a dropped connection or a 5xx): look the object up by its client
   * reference before sending it again (HOMS findByExtCode, UCS createPersonOnce, …).
   */
  mayHaveApplied: boolean;
}

export interface PushOp<P = unknown> {
  remote: Remote;
  entity: string;
  entityId: string;
  operation: string;
  payload: P;
}

export type PushHandler<P = unknown> = (op: PushOp<P>, attempt: PushAttempt) => Promise<unknown>;

interface Entry {
  handler: PushHandler;
  schema?: ZodType;
}

/** Codes the sync engine writes itself (a remote's failures use the RemoteError kind as code). */
export const SYNC_CODES = {
  /** No handler for this operation (the remote is not configured, or not built yet): waits. */
  noHandler: 'no_handler',
  /** The remote is marked unreachable: waits for "back online". */
  offline: 'offline',
  /** The handler threw something that is not a RemoteError. */
  handlerError: 'handler_error',
  badPayload: 'bad_payload',
} as const;

/** Error codes after which the remote may have acted on the request although we saw no reply. */
// bad_response too: a malformed or cut reply usually comes after the remote acted on the request.
const MAY_HAVE_APPLIED: ReadonlySet<string> = new Set(['timeout', 'network', 'server', 'bad_response', SYNC_CODES.handlerError]);
/**
 * Prefix of a retry code that keeps an earlier uncertainty: after a timeout, a 429 on the
 * reconciling lookup must not make the next attempt forget that the create may exist.
 */
export const UNCERTAIN_PREFIX = 'uncertain:';
const uncertainCode = (code: string): boolean => MAY_HAVE_APPLIED.has(code) || code.startsWith(UNCERTAIN_PREFIX);

export const mayHaveApplied = (job: { interrupted: number; errorCode: string | null }): boolean =>
  job.interrupted > 0 || (job.errorCode !== null && uncertainCode(job.errorCode));

/** A retry after an attempt that had to reconcile stays uncertain until an attempt settles. */
export function keepUncertainty(outcome: Outcome, wasUncertain: boolean): Outcome {
  if (!wasUncertain || outcome.kind !== 'retry' || uncertainCode(outcome.code)) return outcome;
  return { ...outcome, code: `${UNCERTAIN_PREFIX}${outcome.code}` };
}

export class PushRegistry {
  private readonly entries = new Map<string, Entry>();

  register<P>(remote: Remote, operation: string, handler: PushHandler<P>, schema?: ZodType<P>): () => void {
    const k = `${remote}/${operation}`;
    if (this.entries.has(k)) throw new Error(`push handler ${k} is already registered`);
    this.entries.set(k, { handler: handler as PushHandler, ...(schema ? { schema } : {}) });
    return () => this.entries.delete(k);
  }

  get(remote: Remote, operation: string): Entry | undefined {
    return this.entries.get(`${remote}/${operation}`);
  }

  hasRemote(remote: Remote): boolean {
    for (const k of this.entries.keys()) if (k.startsWith(`${remote}/`)) return true;
    return false;
  }
}

/** How long an operation waits while its remote is offline ("back online" wakes it sooner). */
export const WAIT_MS = 60_000;
/** How long an operation without a handler waits (registering one for its remote wakes it). */
export const NO_HANDLER_WAIT_MS = 60 * 60_000;

/** One attempt of one operation: validate, send, map the failure. Never throws. */
export async function pushOnce(registry: PushRegistry, op: PushOp, attempt: PushAttempt): Promise<Outcome> {
  const entry = registry.get(op.remote, op.operation);
  if (!entry) return retry(SYNC_CODES.noHandler, `no push handler for ${op.remote}/${op.operation}`, NO_HANDLER_WAIT_MS);
  let payload = op.payload;
  if (entry.schema) {
    const parsed = entry.schema.safeParse(op.payload);
    if (!parsed.success) return dead(SYNC_CODES.badPayload, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    payload = parsed.data;
  }
  try {
    return ok(await entry.handler({ ...op, payload }, attempt));
  } catch (e) {
    return outcomeOf(e);
  }
}

/**
 * RemoteError → outcome: retryable kinds retry (Retry-After wins over the backoff); validation,
 * conflict, not_found, forbidden and auth park the op as dead with the remote's own message.
 */
export function outcomeOf(e: unknown): Outcome {
  if (e instanceof RemoteError) {
    const detail = e.remoteMessage ?? e.message;
    if (e.retryable) return retry(e.kind, detail, e.retryAfterMs);
    return dead(e.kind, detail);
  }
  return retry(SYNC_CODES.handlerError, e instanceof Error ? e.message : String(e));
}
