// The building blocks of the contract. This folder imports nothing but zod: it is loaded by
// main, preload and renderer alike, so it must stay free of Node, DOM and Electron.
import { z } from 'zod';

export const ROLES = ['packer', 'agent', 'supervisor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * Who may call a method: `public` needs nobody signed in, `user` any signed-in user, or a list of
 * roles. Supervisors pass every role check (they cover any bench).
 */
export type Access = 'public' | 'user' | readonly Role[];

/**
 * `query` reads and may be repeated freely; `write` changes something, so every call carries an
 * idempotency key and main answers a repeated key with the first result (a call acts once).
 */
export type MethodKind = 'query' | 'write';

/**
 * The shape of `details` per error code a method may answer with. VALIDATION is not declared: its
 * details are always the `{path, message}[]` issues. A code without an entry carries no details.
 */
export type ErrorDetailSchemas = { readonly [C in Exclude<ErrorCode, 'VALIDATION'>]?: z.ZodType };

export interface MethodSpec<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  E extends ErrorDetailSchemas = ErrorDetailSchemas,
> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  readonly kind: MethodKind;
  readonly errors?: E;
  readonly description: string;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly description: string;
}

export function method<I extends z.ZodType, O extends z.ZodType, E extends ErrorDetailSchemas = Record<never, never>>(spec: {
  input: I;
  output: O;
  access: Access;
  kind: MethodKind;
  errors?: E;
  description: string;
}): MethodSpec<I, O, E> {
  return spec;
}

export function event<P extends z.ZodType>(spec: { payload: P; description: string }): EventSpec<P> {
  return spec;
}

export const emptyInput = z.object({}).strict();

/**
 * Stable error codes: callers branch on these, never on messages. UNAUTHORIZED means nobody is
 * signed in (the UI returns to sign-in); FORBIDDEN means the signed-in role may not (it stays).
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const rpcErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
  /** Set on INTERNAL errors: the id under which main logged the full error. */
  correlationId: z.string().optional(),
});
export type RpcErrorBody = z.infer<typeof rpcErrorSchema>;

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcErrorBody };

/** The details of every VALIDATION error: one entry per problem, `path` dotted ('' for the whole input). */
export const validationIssuesSchema = z.array(z.object({ path: z.string(), message: z.string() }));
export type ValidationIssues = z.infer<typeof validationIssuesSchema>;

export const IDEMPOTENCY_KEY_MAX = 64;
export const idempotencyKeySchema = z.string().min(1).max(IDEMPOTENCY_KEY_MAX);

/** What a transport carries from the renderer to main. */
export const requestEnvelopeSchema = z.object({
  method: z.string().min(1).max(100),
  input: z.unknown(),
  /** Sent with every write: a repeated key is answered with the first call's result. */
  idempotencyKey: idempotencyKeySchema.optional(),
});

/** Per-call options a bridge carries beside the method and input. */
export interface InvokeOptions {
  idempotencyKey?: string;
}
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;
