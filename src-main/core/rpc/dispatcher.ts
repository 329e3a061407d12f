import { type z } from 'zod';
import {
  isMethodName,
  methods,
  requestEnvelopeSchema,
  validationIssuesSchema,
  type Access,
  type MethodName,
  type MethodSpec,
  type Output,
  type ParsedInput,
  type Role,
  type RpcResult,
} from '../../../src-preload/contract';
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import { AppError } from './errors';
import { IdempotencyStore, inputHash } from './idempotency';

export type TransportName = 'ipc' | 'websocket' | 'in-process';

export interface CallerUser {
  id: string;
  role: Role;
}

/** Per-call context given by the transport; the current user comes from the session lookup. */
export interface CallContext {
  transport: TransportName;
  user: CallerUser | null;
}

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  ctx: CallContext,
) => Output<M> | Promise<Output<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** The handlers of one capability: exactly the methods of its contract namespace (`station.*`). */
export type HandlersFor<NS extends string> = {
  [M in MethodName as M extends `${NS}.${string}` ? M : never]: Handler<M>;
};

export interface Dispatcher {
  dispatch(envelope: unknown, transport: TransportName): Promise<RpcResult<unknown>>;
}

export interface DispatcherDeps {
  handlers: Handlers;
  logger: Logger;
  /** Who is signed in right now (the station's session). */
  currentUser: () => CallerUser | null;
  newCorrelationId: () => string;
  /** Where the first result of each write is kept by its idempotency key. */
  db: Db;
  now?: () => number;
}

export function allows(access: Access, user: CallerUser | null): boolean {
  if (access === 'public') return true;
  if (!user) return false;
  if (access === 'user') return true;
  return user.role === 'supervisor' || access.includes(user.role);
}

/**
 * Validates the envelope and input, checks access, runs the handler and validates its output.
 * Whatever goes wrong, the caller gets a stable code and a safe message: never a stack trace
 * or SQL. Unexpected errors are logged here with a correlation id the user can quote.
 *
 * A write that carries an idempotency key runs once: the same key again gets the first result
 * (from SQLite once it is done, or by waiting for it while it still runs).
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { handlers, logger } = deps;
  const idempotency = new IdempotencyStore(deps.db, deps.now ?? Date.now);
  const inFlight = new Map<string, { method: string; inputHash: string; result: Promise<RpcResult<unknown>> }>();

  async function run(envelope: unknown, transport: TransportName): Promise<unknown> {
    const env = requestEnvelopeSchema.safeParse(envelope);
    if (!env.success) throw new AppError('VALIDATION', 'Malformed request', issues(env.error));
    const name = env.data.method;
    if (!isMethodName(name)) throw new AppError('NOT_FOUND', `Unknown method ${name}`);
    const spec = methods[name];
    const user = deps.currentUser();
    if (!allows(spec.access, user)) {
      throw user ? new AppError('FORBIDDEN', 'Your role may not do this') : new AppError('UNAUTHORIZED', 'Sign in first');
    }
    const input = spec.input.safeParse(env.data.input ?? {});
    if (!input.success) throw new AppError('VALIDATION', 'Invalid input', issues(input.error));
    const handler = handlers[name] as Handler<MethodName>;
    const value = await handler(input.data as never, { transport, user });
    const output = spec.output.safeParse(value);
    if (!output.success) {
      // A handler broke the contract: that is our bug, not the caller's.
      throw new Error(`Output of ${name} violates the contract: ${JSON.stringify(issues(output.error))}`);
    }
    return output.data;
  }

  function internal(method: string, transport: TransportName, fields: Record<string, unknown>, msg: string): RpcResult<never> {
    const correlationId = deps.newCorrelationId();
    logger.error(msg, { correlationId, method, transport, ...fields });
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Something went wrong on this station. Reference ${correlationId}.`, correlationId },
    };
  }

  async function answer(envelope: unknown, transport: TransportName): Promise<RpcResult<unknown>> {
    const method = typeof envelope === 'object' && envelope && 'method' in envelope ? String((envelope as { method: unknown }).method) : '?';
    try {
      return { ok: true, value: await run(envelope, transport) };
    } catch (err) {
      if (!(err instanceof AppError)) return internal(method, transport, { err }, 'rpc handler failed');
      const problem = detailsProblem(isMethodName(method) ? methods[method] : undefined, err);
      if (problem) {
        // The details are not what the method declares: our bug, and the renderer could misread them.
        return internal(method, transport, { code: err.code, problem }, 'rpc error details violate the contract');
      }
      return { ok: false, error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
    }
  }

  /** Runs a keyed write once; a repeat of the key is answered with the first result. */
  async function once(key: string, method: string, input: unknown, call: () => Promise<RpcResult<unknown>>): Promise<RpcResult<unknown>> {
    const hash = inputHash(input);
    const reused = (): RpcResult<never> => ({
      ok: false,
      error: { code: 'VALIDATION', message: 'This idempotency key belongs to a different call', details: [{ path: 'idempotencyKey', message: 'Key reused for a different call' }] },
    });
    const running = inFlight.get(key);
    if (running) return running.method === method && running.inputHash === hash ? running.result : reused();
    const stored = idempotency.get(key);
    if (stored) return stored.method === method && stored.inputHash === hash ? stored.result : reused();

    const result = call();
    inFlight.set(key, { method, inputHash: hash, result });
    try {
      const settled = await result;
      try {
        idempotency.put(key, { method, inputHash: hash, result: settled });
      } catch (err) {
        // The call did act; only a retry of it could act again. Say so, and answer.
        logger.error('rpc idempotency: result not recorded', { method, err });
      }
      return settled;
    } finally {
      inFlight.delete(key);
    }
  }

  return {
    async dispatch(envelope, transport) {
      const env = requestEnvelopeSchema.safeParse(envelope);
      if (env.success && env.data.idempotencyKey !== undefined && isMethodName(env.data.method) && methods[env.data.method].kind === 'write') {
        const { idempotencyKey, method, input } = env.data;
        try {
          return await once(idempotencyKey, method, input, () => answer(envelope, transport));
        } catch (err) {
          // The key store failed (e.g. the database is closing): the call must not run unguarded.
          return internal(method, transport, { err }, 'rpc idempotency lookup failed');
        }
      }
      // Queries are safe to repeat: their key, if any, is ignored.
      return answer(envelope, transport);
    },
  };
}

/** Why an AppError's details do not fit the method's declaration, or undefined when they do. */
function detailsProblem(spec: MethodSpec | undefined, err: AppError): string | undefined {
  if (err.details === undefined) return undefined;
  const schema = err.code === 'VALIDATION' ? validationIssuesSchema : spec?.errors?.[err.code];
  if (!schema) return `${err.code} declares no details`;
  const parsed = schema.safeParse(err.details);
  return parsed.success ? undefined : JSON.stringify(issues(parsed.error));
}

function issues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
