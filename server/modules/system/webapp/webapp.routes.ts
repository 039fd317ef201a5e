import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../../../platform/http/validation.ts';
import { contentTypeOf, readFileOrNull, resolveBuiltFile } from './webapp-files.ts';
import type { WebAppSettings } from './webapp-settings.ts';

export interface WebAppOptions {
  distDirectory: string;
  localesDirectory: string;
  settings: WebAppSettings;
}

/** Languages the web app ships catalogs for (a catalog test requires every key in each). */
export const webAppLanguages = ['en', 'es', 'ar'] as const;

const localeParamsSchema = z.object({ language: z.enum(webAppLanguages) });

const missingBuildMessage =
  'The Amparo web app has not been built. Run `npm run build:web` (npm start and npm test do it for you).\n';

/**
 * Serves the built single-page app under /app/. Content-hashed files under /app/assets/ never
 * change, so browsers may keep them for a year; index.html names the current hashes and is never
 * cached. Unknown paths without an extension get index.html (the app routes in the browser).
 */
export function registerWebAppFileRoutes(app: FastifyInstance, options: WebAppOptions): void {
  const indexPath = path.join(options.distDirectory, 'index.html');

  const sendIndex = async (reply: FastifyReply) => {
    const index = await readFileOrNull(indexPath);
    if (!index) {
      return reply.status(503).header('content-type', 'text/plain; charset=utf-8').send(missingBuildMessage);
    }
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(index);
  };

  app.get('/app/', async (_request, reply) => sendIndex(reply));

  app.get('/app/settings', () => Promise.resolve(options.settings));

  app.get('/app/locales/:language', async (request, reply) => {
    const { language } = parseInput(localeParamsSchema, {
      language: String((request.params as { language?: string }).language ?? '').replace(/\.json$/, ''),
    });
    const catalog = await readCatalog(options.localesDirectory, language);
    if (!catalog) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No catalog.' } });
    return reply.header('cache-control', 'no-cache').send(catalog);
  });

  app.get(
    '/app/*',
    {
      // The platform hook marks every response with a cookie as no-store. Hashed assets hold no
      // personal data and never change, so they are re-marked immutable after it runs.
      onSend: async (request, reply, payload) => {
        if (request.url.startsWith('/app/assets/') && reply.statusCode === 200) {
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        }
        return payload;
      },
    },
    async (request, reply) => {
      const relativePath = decodeURIComponent((request.params as { '*': string })['*'] ?? '');
      if (!contentTypeOf(relativePath)) return sendIndex(reply);
      const filePath = resolveBuiltFile(options.distDirectory, relativePath);
      const body = filePath ? await readFileOrNull(filePath) : null;
      if (!filePath || !body) {
        return reply.status(404).header('content-type', 'text/plain; charset=utf-8').send('Not found.\n');
      }
      const isHashed = relativePath.startsWith('assets/');
      return reply
        .header('content-type', contentTypeOf(filePath) ?? 'application/octet-stream')
        .header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(body);
    },
  );
}

/** The app's own messages plus the platform's error messages as `error.<CODE>`. */
/**
 * The web app's catalog for a language: every `app*.json` namespace of that language (app.json,
 * app-admin.json, ...) merged, with the error messages under `error.<CODE>`.
 */
async function readCatalog(
  localesDirectory: string,
  language: string,
): Promise<Record<string, string> | null> {
  const directory = path.join(localesDirectory, language);
  const names = await readdir(directory).catch(() => [] as string[]);
  const appFiles = names.filter((name) => /^app(-[a-z-]+)?\.json$/.test(name)).sort();
  if (!appFiles.includes('app.json')) return null;
  const errors = await readFileOrNull(path.join(directory, 'errors.json'));
  const errorMessages = errors ? (JSON.parse(errors.toString('utf8')) as Record<string, string>) : {};
  const catalog: Record<string, string> = Object.fromEntries(
    Object.entries(errorMessages).map(([code, message]) => [`error.${code}`, message]),
  );
  for (const name of appFiles) {
    const file = await readFileOrNull(path.join(directory, name));
    if (file) Object.assign(catalog, JSON.parse(file.toString('utf8')) as Record<string, string>);
  }
  return catalog;
}
