// What a job is, what a handler answers, and how a queue is configured. Shared by every user of
// the engine (print jobs, the sync outbox).
import type { BackoffPolicy } from './backoff';

/**
 * pending → inflight → done | pending (retry) | dead; dead → pending (manual retry) | discarded.
 * Nothing is deleted: discarded rows stay so a user's work is never lost silently.
 */
export type JobStatus = 'pending' | 'inflight' | 'done' | 'dead' | 'discarded';

export interface Job<P = unknown> {
  id: string;
  /** Enqueue order; jobs of one ordering key run strictly by it. */
  seq: number;
  queue: string;
  key: string;
  payload: P;
  status: JobStatus;
  /** Attempts started (counted when a job is claimed, so a crash mid-attempt still counts). */
  attempts: number;
  /** How often the job was found in flight at start (its outcome is unknown: reconcile first). */
  interrupted: number;
  nextAttemptAt: number;
  /** Reason code of the last failure (retry or dead); null when none or done. */
  errorCode: string | null;
  errorDetail: string | null;
  createdAt: number;
  updatedAt: number;
}

export type Outcome<R = unknown> =
  | { kind: 'ok'; result?: R }
  /** Try again later; `retryAfterMs` (from HTTP Retry-After) wins over the backoff. */
  | { kind: 'retry'; code: string; detail?: string; retryAfterMs?: number }
  /** Give up now (not worth retrying: a validation error, a removed printer). */
  | { kind: 'dead'; code: string; detail?: string };

export const ok = <R>(result?: R): Outcome<R> => (result === undefined ? { kind: 'ok' } : { kind: 'ok', result });
export const retry = (code: string, detail?: string, retryAfterMs?: number): Outcome<never> => ({
  kind: 'retry',
  code,
  ...(detail !== undefined ? { detail } : {}),
  ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
});
export const dead = (code: string, detail?: string): Outcome<never> => ({ kind: 'dead', code, ...(detail !== undefined ? { detail } : {}) });

/** Codes the engine itself writes. */
export const ENGINE_CODES = {
  /** The handler threw instead of answering. */
  handlerError: 'handler_error',
  /** The stored payload does not match the queue's schema. */
  badPayload: 'bad_payload',
} as const;

export interface QueueConfig<P = unknown, R = unknown> {
  /** Sends one job. Must not throw (a throw counts as a retry with code handler_error). */
  handle(job: Job<P>): Promise<Outcome<R>>;
  /** Validates a stored payload (e.g. a zod schema's parse); a throw makes the job dead. */
  parse?(raw: unknown): P;
  /** How many ordering keys run at once. Default 4. (The outbox: one queue per remote = a per-remote limit.) */
  concurrency?: number;
  /** Attempts before a retrying job becomes dead (with its last code). Default 10. */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /**
   * Whether a dead job holds back the later jobs of its key until it is retried or discarded
   * (the outbox: an update must not overtake its failed create). Default false (a failed label
   * does not stop the printer).
   */
  deadBlocksKey?: boolean;
  /**
   * Runs inside the transaction that moves a job to done, dead, discarded or back to pending by
   * a manual retry, so a capability's own table changes with the job or not at all. Synchronous.
   */
  onSettled?(job: Job<P>, result: R | undefined): void;
}

export interface RunSummary {
  done: number;
  retried: number;
  dead: number;
}

/** Timer functions, injectable so tests drive the worker with a fake clock. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
