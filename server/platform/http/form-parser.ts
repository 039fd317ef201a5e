import { parse } from 'node:querystring';
import { AppError } from '../errors/app-error.ts';

/**
 * The form-body parser @fastify/formbody runs, with a cap on the number of parameters checked by
 * counting separators before anything is decoded: a 42 000-parameter form is refused in one scan
 * of its bytes, before a route (or a webhook's signature check) ever sees it.
 */
export function createBoundedFormParser(maxParameters: number): (body: string) => Record<string, unknown> {
  return (body) => {
    if (countParameters(body, maxParameters) > maxParameters) throw tooManyParameters();
    // node's parser returns an object without a prototype: `__proto__` is just a key.
    return parse(body, '&', '=', { maxKeys: maxParameters });
  };
}

/** Counts `&`-separated parameters, stopping as soon as the count passes `stopAfter`. */
export function countParameters(body: string, stopAfter: number): number {
  if (body.length === 0) return 0;
  let count = 1;
  let index = body.indexOf('&');
  while (index !== -1 && count <= stopAfter) {
    count += 1;
    index = body.indexOf('&', index + 1);
  }
  return count;
}

export function tooManyParameters(): AppError {
  return new AppError('TOO_MANY_PARAMETERS', 'The request has too many parameters.');
}

/** Twilio posts about 20 parameters; a webhook refuses more than this before checking a signature. */
export const webhookMaxParameters = 100;

/**
 * A webhook's form body as single string values, refused (413) past `webhookMaxParameters` before
 * any signature is computed over it. Values that are not strings (repeated keys) are dropped, so
 * the signature check then fails on them.
 */
export function webhookParams(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const entries = Object.entries(body as Record<string, unknown>);
  if (entries.length > webhookMaxParameters) throw tooManyParameters();
  return Object.fromEntries(
    entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
