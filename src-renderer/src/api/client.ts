// The typed face of the contract for the renderer: `api.call('station.signIn', {pin})` answers the
// method's output type or throws an RpcError carrying the stable code. Every write gets a fresh
// idempotency key, so a transport that resends it after a lost answer cannot make it act twice.
import {
  methods,
  validationIssuesSchema,
  type DocksideBridge,
  type ErrorCode,
  type ErrorDetails,
  type EventName,
  type EventPayload,
  type Input,
  type MethodName,
  type MethodSpec,
  type Output,
  type RpcErrorBody,
} from '../../../src-preload/contract';

export class RpcError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly correlationId: string | undefined;
  /** The method whose call failed (the key to its declared error details). */
  readonly method: string | undefined;
  constructor(body: RpcErrorBody, method?: string) {
    super(body.message);
    this.name = 'RpcError';
    this.code = body.code;
    this.details = body.details;
    this.correlationId = body.correlationId;
    this.method = method;
  }
}

export interface Api {
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** A random key per write call (crypto.randomUUID where the page is a secure context, as ours are). */
export function newIdempotencyKey(): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') return globalThis.crypto.randomUUID();
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function createApi(bridge: DocksideBridge): Api {
  return {
    async call(method, input) {
      const spec: MethodSpec = methods[method];
      const result = await bridge.invoke(method, input, spec.kind === 'write' ? { idempotencyKey: newIdempotencyKey() } : undefined);
      if (!result.ok) throw new RpcError(result.error, method);
      return result.value as never;
    },
    on(event, listener) {
      return bridge.on(event, listener as (p: unknown) => void);
    },
  };
}

/**
 * The details of a failed call, typed as the method declares them for that code
 * (`errorDetails(e, 'station.signIn', 'UNAUTHORIZED')?.retryAfterSeconds`); undefined when `err`
 * is not that method's error with that code, or carries no (or unexpected) details.
 */
export function errorDetails<M extends MethodName, C extends ErrorCode>(err: unknown, method: M, code: C): ErrorDetails<M, C> | undefined {
  if (!(err instanceof RpcError) || err.method !== method || err.code !== code || err.details === undefined) return undefined;
  const spec: MethodSpec = methods[method];
  const schema = code === 'VALIDATION' ? validationIssuesSchema : spec.errors?.[code as Exclude<ErrorCode, 'VALIDATION'>];
  const parsed = schema?.safeParse(err.details);
  return parsed?.success ? (parsed.data as ErrorDetails<M, C>) : undefined;
}
