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

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  readonly description: string;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly description: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I;
  output: O;
  access: Access;
  description: string;
}): MethodSpec<I, O> {
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

/** What a transport carries from the renderer to main. */
export const requestEnvelopeSchema = z.object({
  method: z.string().min(1).max(100),
  input: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;
