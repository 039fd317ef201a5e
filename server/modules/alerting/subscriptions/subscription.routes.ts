import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError, isAppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { errorMessage, t } from '../../../platform/i18n/index.ts';
import { fieldErrors, html, renderPage, requestLanguage, sendPage } from '../../../platform/web/index.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { findNetworkBySlug } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { setSubscriberExerciseRecipient } from './exercise-recipient.service.ts';
import {
  addressKey,
  createSubscriptionLimits,
  requireSameSiteRequest,
  requireWithinLimit,
} from './public-request.ts';
import { subscriptionDepsFrom } from './subscription.deps.ts';
import { confirmationPage, messagePage, subscribePage } from './subscription.pages.ts';
import {
  emailSubscriptionBodySchema,
  emailSubscriptionFormSchema,
  exerciseRecipientSchema,
  pushSubscriptionBodySchema,
  slugParamsSchema,
  tokenParamsSchema,
  zipsFromText,
} from './subscription.contract.ts';
import { findSubscriberForUnsubscribe, unsubscribeWithToken } from './unsubscribe.service.ts';
import { loadVapidKeys } from '../../../platform/push/index.ts';
import {
  confirmEmailSubscription,
  previewConfirmation,
  requestEmailSubscription,
  subscribePush,
} from './web-subscription.service.ts';

const scripts = {
  'subscribe.js': fs.readFileSync(new URL('./public/subscribe.js', import.meta.url), 'utf8'),
  'sw.js': fs.readFileSync(new URL('./public/sw.js', import.meta.url), 'utf8'),
};

export async function requireNetworkBySlug(
  deps: { db: PlatformContext['database']['db'] },
  slug: string,
): Promise<Network> {
  const network = await findNetworkBySlug(deps.db, slug);
  if (!network) throw new AppError('NETWORK_NOT_FOUND', 'Not found.');
  return network;
}

/** Public subscription pages and APIs, and the admin's exercise-recipient switch. */
export function registerSubscriptionApiRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = subscriptionDepsFrom(context);
  const authenticator = createAuthenticator(context);
  const limits = createSubscriptionLimits(context);
  const twilioFrom = context.config.twilio?.from ?? '';
  const smsNumber = twilioFrom.startsWith('+') ? twilioFrom : null;

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    render: (network: Network, language: string) => Promise<string | { status: number; document: string }>,
  ) => {
    const { slug } = parseInput(slugParamsSchema, request.params);
    const network = await findNetworkBySlug(deps.db, slug);
    const language = requestLanguage(request, reply, network?.languages);
    if (!network) return sendPage(reply, errorPage(language, 'NETWORK_NOT_FOUND'), 404);
    try {
      const result = await render(network, language);
      return typeof result === 'string'
        ? sendPage(reply, result)
        : sendPage(reply, result.document, result.status);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      return sendPage(reply, errorPage(language, error.code), error.status);
    }
  };

  app.get('/a/:slug/subscribe', (request, reply) =>
    page(request, reply, async (network, language) =>
      subscribePage({
        network,
        language,
        currentUrl: request.url,
        vapidPublicKey: (await loadVapidKeys(deps)).publicKey,
        smsNumber,
      }),
    ),
  );

  for (const name of ['subscribe.js', 'sw.js'] as const) {
    app.get(`/a/:slug/${name}`, async (request, reply) => {
      parseInput(slugParamsSchema, request.params);
      // Revalidated on every load: browsers update a service worker only when its bytes change.
      return reply
        .header('cache-control', 'no-cache')
        .type('text/javascript; charset=utf-8')
        .send(scripts[name]);
    });
  }

  app.post('/api/public/:slug/push-subscriptions', async (request, reply) => {
    requireSameSiteRequest(request, context.config.publicUrl);
    const { slug } = parseInput(slugParamsSchema, request.params);
    const network = await requireNetworkBySlug(deps, slug);
    await requireWithinLimit(limits.pushPerAddressPrefix, addressKey(request));
    const body = parseInput(pushSubscriptionBodySchema, request.body);
    const created = await subscribePush(deps, network, body);
    return reply
      .status(201)
      .send({ subscriberId: created.subscriberId, unsubscribeUrl: created.unsubscribePath });
  });

  app.post('/a/:slug/subscribe/email', async (request, reply) => {
    requireSameSiteRequest(request, context.config.publicUrl);
    const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    if (!isForm) {
      const { slug } = parseInput(slugParamsSchema, request.params);
      const network = await requireNetworkBySlug(deps, slug);
      const body = parseInput(emailSubscriptionBodySchema, request.body);
      await requireWithinLimit(limits.emailPerAddressPrefix, addressKey(request));
      await requestEmailSubscription(deps, network, body);
      return reply.status(202).send({ status: 'confirmationSent' });
    }
    return page(request, reply, async (network, language) => {
      const form = parseInput(emailSubscriptionFormSchema, request.body ?? {});
      const values = {
        email: form.email,
        zips: form.zips,
        language: form.language,
        preference: form.preference,
      };
      try {
        const body = parseInput(emailSubscriptionBodySchema, { ...values, zips: zipsFromText(form.zips) });
        await requireWithinLimit(limits.emailPerAddressPrefix, addressKey(request));
        await requestEmailSubscription(deps, network, body);
      } catch (error) {
        if (!isAppError(error) || !['VALIDATION_FAILED', 'ZIP_UNKNOWN'].includes(error.code)) throw error;
        const errors =
          error.code === 'ZIP_UNKNOWN'
            ? { zips: errorMessage(language, 'ZIP_UNKNOWN') }
            : fieldErrors(error.details);
        const vapidPublicKey = (await loadVapidKeys(deps)).publicKey;
        const document = subscribePage({
          network,
          language,
          currentUrl: request.url,
          vapidPublicKey,
          smsNumber,
          email: { values, errors },
        });
        return { status: 400, document };
      }
      return messagePage({
        network,
        language,
        titleKey: 'subscriptions.page.checkEmailTitle',
        textKey: 'subscriptions.page.checkEmailText',
      });
    });
  });

  app.get('/a/:slug/confirm/:token', (request, reply) =>
    page(request, reply, async (network, language) => {
      const { token } = parseInput(tokenParamsSchema, request.params);
      // A button, not a confirming GET: mail scanners follow links, only a person presses it.
      return confirmationPage({
        network,
        language,
        preview: await previewConfirmation(deps, network, token),
        actionUrl: `/a/${encodeURIComponent(network.slug)}/confirm/${encodeURIComponent(token)}`,
      });
    }),
  );

  app.post('/a/:slug/confirm/:token', (request, reply) =>
    page(request, reply, async (network, language) => {
      const { token } = parseInput(tokenParamsSchema, request.params);
      await confirmEmailSubscription(deps, network, token);
      return messagePage({
        network,
        language,
        titleKey: 'subscriptions.page.confirmedTitle',
        textKey: 'subscriptions.page.confirmedText',
      });
    }),
  );

  app.get('/a/:slug/unsubscribe/:token', (request, reply) =>
    page(request, reply, async (network, language) => {
      const { token } = parseInput(tokenParamsSchema, request.params);
      await findSubscriberForUnsubscribe(deps, network, token);
      return messagePage({
        network,
        language,
        titleKey: 'subscriptions.page.unsubscribeTitle',
        textKey: 'subscriptions.page.unsubscribeText',
        action: {
          url: `/a/${encodeURIComponent(network.slug)}/unsubscribe/${encodeURIComponent(token)}`,
          labelKey: 'subscriptions.page.unsubscribeButton',
        },
      });
    }),
  );

  // Also RFC 8058 one-click unsubscribe (a mail provider POSTs "List-Unsubscribe=One-Click").
  app.post('/a/:slug/unsubscribe/:token', async (request, reply) => {
    if ((request.headers['content-type'] ?? '').startsWith('application/json')) {
      const { slug, token } = parseInput(tokenParamsSchema, request.params);
      const network = await requireNetworkBySlug(deps, slug);
      await unsubscribeWithToken(deps, network, token);
      return { status: 'unsubscribed' };
    }
    return page(request, reply, async (network, language) => {
      const { token } = parseInput(tokenParamsSchema, request.params);
      await unsubscribeWithToken(deps, network, token);
      return messagePage({
        network,
        language,
        titleKey: 'subscriptions.page.unsubscribedTitle',
        textKey: 'subscriptions.page.unsubscribedText',
      });
    });
  });

  app.put('/api/subscribers/exercise-recipient', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    const input = parseInput(exerciseRecipientSchema, request.body);
    return setSubscriberExerciseRecipient(deps, principal, input);
  });
}

function errorPage(language: string, code: string): string {
  const title = t(language, 'common.errorTitle');
  return renderPage({
    language,
    title,
    body: html`<h1>${title}</h1>
      <p>${errorMessage(language, code)}</p>`,
  });
}
