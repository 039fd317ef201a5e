import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors/app-error.ts';
import { addressPrefixKey } from '../../../platform/http/rate-limiter.ts';

/**
 * Posts made before there is a session (sign-in) have no session CSRF token. JSON is safe: a
 * cross-site page cannot send it without a CORS preflight, which this server never grants. A form
 * post is accepted only when the browser says it came from our own origin (Sec-Fetch-Site, or
 * Origin on browsers without it), so a cross-site form cannot sign a victim in as the attacker.
 */
export function requireSameOriginPost(request: FastifyRequest, publicOrigin: string): void {
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('application/json')) return;
  if (!contentType.startsWith('application/x-www-form-urlencoded')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON or a form.');
  }
  const fetchSite = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const isSameOrigin = typeof fetchSite === 'string' ? fetchSite === 'same-origin' : origin === publicOrigin;
  if (!isSameOrigin)
    throw new AppError('CSRF_FAILED', 'The form has expired; reload the page and try again.');
}

/** Rate-limit key of the client's address prefix: computed per request, never stored or logged. */
export function addressKeyOf(request: FastifyRequest): string {
  return addressPrefixKey(request.ip);
}
