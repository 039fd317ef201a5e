import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { requestLanguage, sendPage } from '../../../platform/web/index.ts';
import { findNetworkById } from '../../identity/index.ts';
import type { Network } from '../../identity/index.ts';
import { requireNetworkBySlug } from '../subscriptions/index.ts';
import { listPublishedAlerts } from './alert.repository.ts';
import { atomFeed } from './atom.ts';
import { alertDepsFrom } from './alert.deps.ts';
import { liveAlertsPage } from './alert.pages.ts';
import {
  findPublishedAlert,
  listLiveAlerts,
  presentPublicAlert,
  publishedCap,
} from './public-alerts.service.ts';

const slugParams = z.object({ slug: z.string().min(1).max(60) });
const publicIdParams = z.object({ publicId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const capParams = slugParams.extend({ publicId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const feedWindowMs = 30 * 24 * 60 * 60 * 1000;
/** Published alerts are public and the same for everyone: a minute of caching spares the server in a surge. */
const publicCache = 'public, max-age=60';

function queryLanguage(request: FastifyRequest, network: Pick<Network, 'languages'>): string {
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  if (typeof lang === 'string' && network.languages.includes(lang)) return lang;
  return network.languages[0] ?? 'en';
}

function notFound(): AppError {
  return new AppError('ALERT_NOT_FOUND', 'Alert not found.');
}

/** The public side: live page, JSON, one alert for the service worker, CAP 1.2 and Atom. */
export function registerPublicAlertRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = alertDepsFrom(context);
  const publicUrl = context.config.publicUrl;

  app.get('/a/:slug', async (request, reply) => {
    const { slug } = parseInput(slugParams, request.params);
    const network = await requireNetworkBySlug(deps, slug);
    const language = requestLanguage(request, reply, network.languages);
    const live = await listLiveAlerts(deps.db, network.id, deps.clock.now());
    const alerts = live.map((entry) => presentPublicAlert(entry, network, language, publicUrl));
    return sendPage(reply, liveAlertsPage({ network, language, currentUrl: request.url, alerts }));
  });

  app.get('/api/public/:slug/alerts', async (request, reply) => {
    const { slug } = parseInput(slugParams, request.params);
    const network = await requireNetworkBySlug(deps, slug);
    const language = queryLanguage(request, network);
    const live = await listLiveAlerts(deps.db, network.id, deps.clock.now());
    void reply.header('cache-control', publicCache);
    return {
      network: { slug: network.slug, name: network.name },
      alerts: live.map((entry) => presentPublicAlert(entry, network, language, publicUrl)),
    };
  });

  // What a service worker fetches after a push that carried only this id.
  app.get('/api/public/alerts/:publicId', async (request, reply) => {
    const { publicId } = parseInput(publicIdParams, request.params);
    const published = await findPublishedAlert(deps.db, publicId);
    const network = published ? await findNetworkById(deps.db, published.alert.network_id) : null;
    if (!published || !network) throw notFound();
    void reply.header('cache-control', publicCache);
    return presentPublicAlert(published, network, queryLanguage(request, network), publicUrl);
  });

  app.get('/a/:slug/alerts/:publicId.cap', async (request, reply) => {
    const { slug, publicId } = parseInput(capParams, request.params);
    const network = await requireNetworkBySlug(deps, slug);
    const published = await findPublishedAlert(deps.db, publicId);
    if (!published || published.alert.network_id !== network.id) throw notFound();
    const document = publishedCap(published, network, publicUrl);
    return reply
      .header('cache-control', publicCache)
      .type('application/cap+xml; charset=utf-8')
      .send(document);
  });

  app.get('/a/:slug/alerts.atom', async (request, reply) => {
    const { slug } = parseInput(slugParams, request.params);
    const network = await requireNetworkBySlug(deps, slug);
    const now = deps.clock.now();
    const alerts = await listPublishedAlerts(deps.db, {
      networkId: network.id,
      since: now - feedWindowMs,
      limit: 50,
      isExerciseIncluded: false,
    });
    const document = atomFeed({ network, alerts, language: queryLanguage(request, network), publicUrl, now });
    return reply
      .header('cache-control', publicCache)
      .type('application/atom+xml; charset=utf-8')
      .send(document);
  });
}
