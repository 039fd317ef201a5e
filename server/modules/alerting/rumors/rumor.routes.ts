import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { requestLanguage, sendPage } from '../../../platform/web/index.ts';
import { confirmedPublishedBefore, listCheckedIncidents, publicPlaceOf } from '../../intake/index.ts';
import { findNetworkBySlug } from '../../identity/index.ts';
import { renderNetworkNotFound, renderRumorPage } from './rumor.pages.ts';

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

const windowMs = 7 * 24 * 60 * 60 * 1000;
const maximumListed = 50;

/** The public rumor-control page of a network: `/s/:slug` (each incident's page is `/s/:slug/:publicId`). */
export function registerRumorRoutes(app: FastifyInstance, context: PlatformContext): void {
  const db = context.database.db;

  app.get('/s/:slug', async (request: SlugRequest, reply) => {
    const { slug } = request.params;
    const network = slug.length <= 100 ? await findNetworkBySlug(db, slug) : null;
    const language = requestLanguage(request, reply, network?.languages);
    if (!network) return sendPage(reply, renderNetworkNotFound(language), 404);
    const now = context.clock.now();
    const checked = await listCheckedIncidents(db, {
      networkId: network.id,
      since: now - windowMs,
      limit: maximumListed,
      confirmedBefore: confirmedPublishedBefore(now, network.settings.publicationDelayMinutes),
    });
    const incidents = await Promise.all(
      checked.map(async (incident) => ({
        ...incident,
        place: await publicPlaceOf(db, network.id, incident),
      })),
    );
    // Public and the same for everyone: caches may keep it a minute (a cookie still means no-store).
    void reply.header('cache-control', 'public, max-age=60');
    return sendPage(reply, renderRumorPage({ network, language, incidents, currentUrl: request.url }));
  });
}
