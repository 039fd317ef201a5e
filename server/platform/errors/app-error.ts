/**
 * Every expected failure is an AppError with a stable machine code. Clients and tests match on the
 * code; the HTTP status is derived from it in one place (httpStatusFor).
 */
export const errorStatuses = {
  VALIDATION_FAILED: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MALFORMED_BODY: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  STEP_UP_REQUIRED: 403,
  SECOND_FACTOR_REQUIRED: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SETUP_ALREADY_DONE: 409,
  SETUP_TOKEN_INVALID: 403,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type BaseErrorCode = keyof typeof errorStatuses;

/** Modules register their own codes with registerErrorCodes so the mapping stays in one table. */
const statuses = new Map<string, number>(Object.entries(errorStatuses));

export function registerErrorCodes(codes: Record<string, number>): void {
  for (const [code, status] of Object.entries(codes)) {
    const existing = statuses.get(code);
    if (existing !== undefined && existing !== status) {
      throw new Error(`Error code ${code} is already registered with status ${existing}`);
    }
    statuses.set(code, status);
  }
}

export function httpStatusFor(code: string): number {
  return statuses.get(code) ?? 500;
}

export interface ErrorDetail {
  path?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
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
