import type { FastifyReply } from 'fastify';
import type { AppError } from '../../../platform/errors/app-error.ts';
import { t } from '../../../platform/i18n/index.ts';
import { html, renderPage, sendPage } from '../../../platform/web/index.ts';

/**
 * The no-JavaScript form's answer to RATE_LIMITED: a plain page in the reporter's language that
 * says to try again in a minute and to call if someone is in danger, with Retry-After.
 */
export function sendRateLimitedPage(
  reply: FastifyReply,
  error: AppError,
  view: { language: string; siteName?: string },
): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
  const title = t(view.language, 'flood.rateLimitedTitle');
  const body = html`<h1>${title}</h1>
    <p>${t(view.language, 'flood.rateLimited')}</p>`;
  return sendPage(reply, renderPage({ language: view.language, title, body, siteName: view.siteName }), 429);
}
