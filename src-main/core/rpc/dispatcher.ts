import { type z } from 'zod';
import {
  isMethodName,
  methods,
  requestEnvelopeSchema,
  type Access,
  type MethodName,
  type Output,
  type ParsedInput,
  type Role,
  type RpcResult,
} from '../../../src-preload/contract';
import type { Logger } from '../log/logger';
import { AppError } from './errors';

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
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { handlers, logger } = deps;

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

  return {
    async dispatch(envelope, transport) {
      try {
        return { ok: true, value: await run(envelope, transport) };
      } catch (err) {
        if (err instanceof AppError) {
          return { ok: false, error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
        }
        const correlationId = deps.newCorrelationId();
        const method = typeof envelope === 'object' && envelope && 'method' in envelope ? String((envelope as { method: unknown }).method) : '?';
        logger.error('rpc handler failed', { correlationId, method, transport, err });
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `Something went wrong on this station. Reference ${correlationId}.`,
            correlationId,
          },
        };
      }
    },
  };
}

function issues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
