import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Strict headers on every response. The CSP allows only this origin: no CDNs, fonts, trackers or
 * inline script. Pages that need a nonce-free inline style do not exist; the web app is bundled.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  // Evidence videos play from a blob: URL fetched on request (each view is in the custody log).
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

/**
 * The policy with one more origin allowed for images: the network's own tile server (docs/basemap.md).
 * Only images: the map loads tiles as <img>, so nothing may be fetched or run from there.
 */
export function contentSecurityPolicyFor(imageOrigin: string | null): string {
  if (imageOrigin === null) return contentSecurityPolicy;
  return contentSecurityPolicy.replace(
    "img-src 'self' data: blob:",
    `img-src 'self' data: blob: ${imageOrigin}`,
  );
}

export function installSecurityHeaders(
  app: FastifyInstance,
  options: { imageOrigin?: string | null } = {},
): void {
  const policy = contentSecurityPolicyFor(options.imageOrigin ?? null);
  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(request, reply, policy);
    return payload;
  });
}

/**
 * The headers themselves, for the hook above and for the one answer no hook sees: Fastify's
 * `frameworkErrors` (a URL the router cannot decode) is sent before any route context exists.
 */
export function applySecurityHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: string = contentSecurityPolicy,
): void {
  reply.header('content-security-policy', policy);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=(self), interest-cohort=()');
  // Browsers ignore HSTS on plain-HTTP responses, so it is safe to send always.
  reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
  // Nothing but versioned static assets may be cached: authenticated and personal responses never.
  if (!reply.hasHeader('cache-control') || request.headers.cookie) {
    reply.header('cache-control', 'no-store');
  }
}
