import { errorCodes } from './error-codes.ts';
import type { ErrorCode } from './error-codes.ts';

export { errorCodes };
export type { ErrorCode };

/**
 * Every expected failure is an AppError with a stable machine code from the one table in
 * error-codes.ts. Clients and tests match on the code; the HTTP status comes from that table.
 */
export function httpStatusFor(code: string): number {
  return isErrorCode(code) ? errorCodes[code].status : 500;
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCodes, code);
}

export interface ErrorDetail {
  path?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return httpStatusFor(this.code);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
