import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newSecretToken } from '../../../platform/ids/ids.ts';

/**
 * CSRF protection for the forms people fill in before they have a session (join, setup). The
 * browser gets a random secret in a SameSite=Strict `__Host-` cookie; the form carries a token
 * derived from that secret and the form's scope (the invitation or setup token hash). A cross-site
 * page can neither read the cookie nor make the browser send it, so it cannot forge the post, and a
 * token from one invitation's page is useless on another's.
 */
const formCookieName = '__Host-amparo_form';
const formCookieLifetimeSeconds = 2 * 60 * 60;
const secretFormat = /^[A-Za-z0-9_-]{43}$/;

function derive(secret: string, scope: string): string {
  return createHash('sha256').update(`form:${scope}:${secret}`).digest('base64url');
}

/** The form token for this browser and scope; sets the browser secret cookie when missing. */
export function issueFormToken(request: FastifyRequest, reply: FastifyReply, scope: string): string {
  let secret = request.cookies[formCookieName];
  if (!secret || !secretFormat.test(secret)) {
    secret = newSecretToken(32);
    void reply.setCookie(formCookieName, secret, {
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      maxAge: formCookieLifetimeSeconds,
    });
  }
  return derive(secret, scope);
}

export function hasValidFormToken(request: FastifyRequest, scope: string): boolean {
  const secret = request.cookies[formCookieName];
  const body = request.body as Record<string, unknown> | undefined;
  const provided = typeof body?._csrf === 'string' ? body._csrf : '';
  if (!secret || !secretFormat.test(secret) || provided.length === 0) return false;
  const expected = Buffer.from(derive(secret, scope));
  const actual = Buffer.from(provided);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Form posts (urlencoded) versus API calls (JSON): the two ways the join and setup pages are used. */
export function isFormPost(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');
}

export function isJsonPost(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}
