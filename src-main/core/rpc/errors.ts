import type { ErrorCode } from '../../../src-preload/contract';

/** An error meant for the caller: its code and message reach the renderer as they are. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, details?: unknown) => new AppError('NOT_FOUND', `${what} not found`, details);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);
export const unauthorized = (message = 'Sign in first') => new AppError('UNAUTHORIZED', message);
export const forbidden = (message = 'Your role may not do this') => new AppError('FORBIDDEN', message);
export const invalid = (message: string, details?: unknown) => new AppError('VALIDATION', message, details);
