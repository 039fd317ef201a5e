import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchLanguage, negotiateLanguage, supportedLanguages } from '../i18n/index.ts';

export const languageCookieName = 'amparo_lang';
const oneYearSeconds = 365 * 24 * 60 * 60;

/**
 * The language for a server-rendered page: `?lang=` → cookie `amparo_lang` → Accept-Language →
 * English. A valid `?lang=` choice is remembered in the cookie so the next page keeps it.
 * `enabled` narrows the choice to a network's languages.
 */
export function requestLanguage(
  request: FastifyRequest,
  reply: FastifyReply,
  enabled: readonly string[] = supportedLanguages,
): string {
  const offered = enabled.filter((language) => supportedLanguages.includes(language));
  const query = stringOrNull((request.query as Record<string, unknown> | undefined)?.lang);
  const cookie = stringOrNull(request.cookies?.[languageCookieName]);
  const language = negotiateLanguage({
    query,
    cookie,
    acceptLanguage: stringOrNull(request.headers['accept-language']),
    enabled: offered,
  });
  if (matchLanguage(query, offered) === language && cookie !== language) {
    reply.setCookie(languageCookieName, language, {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      secure: request.protocol === 'https',
      maxAge: oneYearSeconds,
    });
  }
  return language;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 35 ? value : null;
}
