// One error shape for every remote, whatever its own style (UCS's HTTP 200 `success:false`,
// UltraCart's UC-REST-ERROR header, Afosto's {code,message,reference,errors}, HOMS's bare 4xx,
// Opentaps' envelope). The sync engine decides retry / dead from `kind` alone.
import { CONNECTION_FAILURE_KINDS, type ConnectionFailureKind } from '../../../../src-preload/contract/connections';
import type { Remote } from '../../../../src-preload/contract/secrets';

export type RemoteErrorKind =
  /** No answer: connection refused or reset, DNS, TLS. Retried. */
  | 'network'
  /** No answer within the client's timeout. Retried (the call may have acted: reconcile first). */
  | 'timeout'
  /** 429 (or the remote's own "slow down"): retried after `retryAfterMs` when the remote gave one. */
  | 'rate_limited'
  /** 5xx. Retried. */
  | 'server'
  /** An answer that does not match the document (malformed JSON, wrong shape). Retried: it is the remote's fault, and may pass. */
  | 'bad_response'
  /** Credentials refused even after one refresh: needs a person (Settings → Connections). */
  | 'auth'
  /** Authenticated, but not allowed. */
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  /** The remote refused the data: parked as dead with the remote's message, never dropped. */
  | 'validation';

// The contract lists the same kinds (plus "not configured") for the screens; this fails to compile
// when one list gains a kind the other lacks.
true satisfies SameKinds<RemoteErrorKind, Exclude<ConnectionFailureKind, 'not_configured'>>;
type SameKinds<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

const KINDS: ReadonlySet<string> = new Set(CONNECTION_FAILURE_KINDS.filter((k) => k !== 'not_configured'));
/** A code that is one of RemoteError's kinds (not one of the sync engine's own codes). */
export const isRemoteErrorKind = (code: unknown): code is RemoteErrorKind => typeof code === 'string' && KINDS.has(code);

const RETRYABLE: ReadonlySet<RemoteErrorKind> = new Set(['network', 'timeout', 'rate_limited', 'server', 'bad_response']);

export class RemoteError extends Error {
  readonly remote: Remote;
  readonly kind: RemoteErrorKind;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  /** The remote's own words (for the Sync screen), never a secret. */
  readonly remoteMessage: string | undefined;
  readonly details: unknown;

  constructor(o: {
    remote: Remote;
    kind: RemoteErrorKind;
    message: string;
    status?: number;
    retryAfterMs?: number;
    remoteMessage?: string;
    details?: unknown;
  }) {
    super(`${o.remote}: ${o.message}`);
    this.name = 'RemoteError';
    this.remote = o.remote;
    this.kind = o.kind;
    this.status = o.status;
    this.retryAfterMs = o.retryAfterMs;
    this.remoteMessage = o.remoteMessage;
    this.details = o.details;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/** The kind an HTTP status means when the remote says nothing more specific. */
export function kindOfStatus(status: number): RemoteErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'validation';
}
