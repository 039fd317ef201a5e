import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';

const oneYearSeconds = 365 * 24 * 60 * 60;

/** A file of the server-rendered pages, kept in memory and versioned by a hash of its content. */
interface PublicAsset {
  path: string;
  body: Buffer;
  contentType: string;
  version: string;
  /** For a request without the current version (a browser's own `/favicon.ico`, an old page). */
  unversionedCacheControl: string;
}

function loadAsset(
  path: string,
  file: string,
  options: Omit<PublicAsset, 'path' | 'body' | 'version'>,
): PublicAsset {
  const body = fs.readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const version = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { path, body, version, ...options };
}

const stylesheet = loadAsset('/assets/public.css', 'public.css', {
  contentType: 'text/css; charset=utf-8',
  // A stale or missing version must not be cached forever under a URL a later release reuses.
  unversionedCacheControl: 'no-cache',
});

const favicon = loadAsset('/favicon.ico', 'favicon.ico', {
  contentType: 'image/x-icon',
  // Browsers ask for /favicon.ico on their own, on every site: a day saves those requests, and a
  // new icon still shows within a day.
  unversionedCacheControl: 'public, max-age=86400',
});

/** The stylesheet's URL, versioned by a hash of its content so it can be cached forever. */
export const publicStylesheetUrl = `${stylesheet.path}?v=${stylesheet.version}`;

/** Size in bytes of the public stylesheet (page-weight tests and budgets). */
export const publicStylesheetBytes = stylesheet.body.length;

/** The site icon's URL (scripts/make-favicon.ts makes it from the app icon), versioned likewise. */
export const publicFaviconUrl = `${favicon.path}?v=${favicon.version}`;

/**
 * Serves the stylesheet and the icon of the server-rendered pages, from this origin only: no CDN,
 * no inline styles (CSP), and no 404 for the icon every browser asks for.
 */
export function registerPublicAssetRoutes(app: FastifyInstance): void {
  for (const asset of [stylesheet, favicon]) registerAsset(app, asset);
}

function registerAsset(app: FastifyInstance, asset: PublicAsset): void {
  const etag = `"${asset.version}"`;
  app.get<{ Querystring: { v?: unknown } }>(
    asset.path,
    {
      // The platform's security hook marks every response to a request with cookies `no-store`;
      // this route-level hook runs after it, because a versioned file is the same for everyone and
      // a phone on a slow network must not fetch it again on every page.
      onSend: async (request, reply, payload) => {
        if (reply.statusCode === 200 || reply.statusCode === 304) {
          const isCurrent = request.query.v === asset.version;
          reply.header(
            'cache-control',
            isCurrent ? `public, max-age=${oneYearSeconds}, immutable` : asset.unversionedCacheControl,
          );
        }
        return payload;
      },
    },
    async (request, reply) => {
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type(asset.contentType).send(asset.body);
    },
  );
}
