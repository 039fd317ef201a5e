import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';

const stylesheetPath = '/assets/public.css';
const stylesheet = fs.readFileSync(new URL('./assets/public.css', import.meta.url), 'utf8');
const stylesheetVersion = createHash('sha256').update(stylesheet).digest('hex').slice(0, 16);
const oneYearSeconds = 365 * 24 * 60 * 60;

/** The stylesheet's URL, versioned by a hash of its content so it can be cached forever. */
export const publicStylesheetUrl = `${stylesheetPath}?v=${stylesheetVersion}`;

/** Size in bytes of the public stylesheet (page-weight tests and budgets). */
export const publicStylesheetBytes = Buffer.byteLength(stylesheet);

/** Serves the one stylesheet of the server-rendered pages; no CDN, no inline styles (CSP). */
export function registerPublicAssetRoutes(app: FastifyInstance): void {
  const etag = `"${stylesheetVersion}"`;
  app.get<{ Querystring: { v?: unknown } }>(
    stylesheetPath,
    {
      // The platform's security hook marks every response to a request with cookies `no-store`;
      // this route-level hook runs after it, because a versioned stylesheet is the same for
      // everyone and a phone on a slow network must not fetch it again on every page.
      onSend: async (request, reply, payload) => {
        if (reply.statusCode === 200 || reply.statusCode === 304) {
          reply.header('cache-control', cacheControlFor(request.query.v));
        }
        return payload;
      },
    },
    async (request, reply) => {
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/css; charset=utf-8').send(stylesheet);
    },
  );
}

function cacheControlFor(version: unknown): string {
  // A stale or missing version must not be cached forever under a URL a later release reuses.
  return version === stylesheetVersion ? `public, max-age=${oneYearSeconds}, immutable` : 'no-cache';
}
