import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { ErrorCode } from '../errors/app-error.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { path?: string; message: string }[] };
}

/** Fastify's own error codes for bad requests, mapped to stable Amparo codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

export function toAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  const fastifyError = error as Partial<FastifyError> | null;
  const mapped = fastifyError?.code ? fastifyCodes[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped, fastifyError?.message ?? mapped);
  // JSON.parse failures, prototype-poisoning rejections and similar client errors from parsers.
  if (error instanceof SyntaxError || (fastifyError?.statusCode === 400 && !fastifyError.code)) {
    return new AppError('MALFORMED_BODY', 'The request body could not be parsed.');
  }
  if (fastifyError?.statusCode === 413)
    return new AppError('BODY_TOO_LARGE', 'The request body is too large.');
  if (fastifyError?.statusCode === 415)
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type.');
  return null;
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details.length > 0 ? { details: error.details } : {}),
    },
  };
}

/** The one place that turns thrown errors into HTTP responses. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError) {
      for (const [name, value] of Object.entries(appError.headers)) void reply.header(name, value);
      return reply.status(appError.status).send(errorBody(appError));
    }
    // Unknown errors: log the stack (no request data), answer with a generic body.
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody(new AppError('INTERNAL', 'Something went wrong.')));
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send(errorBody(new AppError('NOT_FOUND', 'Not found.'))),
  );
}
