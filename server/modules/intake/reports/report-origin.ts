import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors/app-error.ts';

/**
 * The public report form has no session to protect, so it carries no CSRF token (a reporter may
 * have cookies off). What it must refuse is another site making visitors' browsers post reports —
 * a flood laundered through real people's addresses. Browsers say where a request came from:
 * `Sec-Fetch-Site` (all current browsers) or, failing that, `Origin`. Our own pages send
 * `Origin: null` because of `Referrer-Policy: no-referrer`, so only a foreign origin is refused.
 */
export function requireSameSiteRequest(request: FastifyRequest, publicUrl: string): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string') {
    if (fetchSite === 'same-origin' || fetchSite === 'none') return;
    throw crossSite();
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return;
  if (origin === new URL(publicUrl).origin || origin === originOfRequest(request)) return;
  throw crossSite();
}

function originOfRequest(request: FastifyRequest): string | null {
  const host = request.headers.host;
  return host ? `${request.protocol}://${host}` : null;
}

function crossSite(): AppError {
  return new AppError('CROSS_SITE_REQUEST', 'Reports must be sent from this site.');
}
