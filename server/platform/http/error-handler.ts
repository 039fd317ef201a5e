import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { ErrorCode } from '../errors/app-error.ts';
import { applySecurityHeaders } from './security-headers.ts';

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
  // A path that is not valid percent-encoding, or a path parameter too long to name anything.
  FST_ERR_BAD_URL: 'MALFORMED_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'NOT_FOUND',
};

/** Fastify's messages for these quote the request's path: the answer does not echo it back. */
const fixedMessages: Record<string, string> = {
  FST_ERR_BAD_URL: 'The address is not valid.',
  FST_ERR_MAX_PARAM_LENGTH: 'Not found.',
};

export function toAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  const fastifyError = error as Partial<FastifyError> | null;
  const mapped = fastifyError?.code ? fastifyCodes[fastifyError.code] : undefined;
  if (mapped) {
    return new AppError(mapped, fixedMessages[fastifyError?.code ?? ''] ?? fastifyError?.message ?? mapped);
  }
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
export function respondToError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  if (appError) {
    for (const [name, value] of Object.entries(appError.headers)) void reply.header(name, value);
    return reply.status(appError.status).send(errorBody(appError));
  }
  // Unknown errors: log the stack (no request data), answer with a generic body.
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send(errorBody(new AppError('INTERNAL', 'Something went wrong.')));
}

/**
 * Fastify's `frameworkErrors` option: a URL the router cannot even decode (`/app/%`) gets the same
 * body as any other 4xx, and the security headers no hook adds at that stage.
 */
export function respondToFrameworkError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  applySecurityHeaders(request, reply);
  void respondToError(error, request, reply);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(respondToError);
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send(errorBody(new AppError('NOT_FOUND', 'Not found.'))),
  );
}
