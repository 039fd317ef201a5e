import fs from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { directionOf, supportedLanguages, t } from '../../../platform/i18n/index.ts';
import type { ErrorCode } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { cacheControlFor, isAppPagePath, readFileOrNull } from './webapp-files.ts';
import type { WebAppSettings } from './webapp-settings.ts';
import type { LanguageList } from './webapp.contract.ts';

export interface WebAppOptions {
  distDirectory: string;
  localesDirectory: string;
  settings: WebAppSettings;
}

/**
 * Languages the web app is offered in: registered with a complete catalog (platform/i18n, ADR 0033),
 * derived from locales/ at start. A folder still being translated is refused until it is complete.
 */
export const webAppLanguages: readonly string[] = supportedLanguages;

const localeParamsSchema = z.object({
  language: z
    .string()
    .max(12)
    .refine((language) => webAppLanguages.includes(language), 'No such language.'),
});

/** GET /app/languages: each offered language with its own name and script direction, English first. */
export function languageList(): LanguageList {
  return {
    languages: webAppLanguages.map((code) => ({
      code,
      name: t(code, 'common.languageName'),
      direction: directionOf(code),
    })),
  };
}

const missingBuildMessage =
  'The Amparo web app has not been built. Run `npm run build:web` (npm install, npm start and npm test do it for you).\n';

/**
 * Serves the built single-page app under /app/ (docs/adr/0016-serving-the-web-app.md): the files
 * through @fastify/static, which decodes a path once and refuses every non-canonical form; pages
 * of the app (paths without an extension) get index.html; an unknown file is a 404.
 */
export function registerWebAppFileRoutes(app: FastifyInstance, options: WebAppOptions): void {
  app.get('/app/settings', () => Promise.resolve(options.settings));
  app.get('/app/languages', () => Promise.resolve(languageList()));

  app.get('/app/locales/:language', async (request, reply) => {
    const { language } = parseInput(localeParamsSchema, {
      language: String((request.params as { language?: string }).language ?? '').replace(/\.json$/, ''),
    });
    const catalog = await readCatalog(options.localesDirectory, language);
    if (!catalog) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No catalog.' } });
    return reply.header('cache-control', 'no-cache').send(catalog);
  });

  void app.register((scope) => registerBuiltFiles(scope, options.distDirectory), { prefix: '/app' });
}

async function registerBuiltFiles(scope: FastifyInstance, distDirectory: string): Promise<void> {
  // Chosen per file by setHeaders, applied after the platform's hook has marked every response to
  // a request with cookies `no-store`: built files hold no personal data and are the same for all.
  const cachePolicies = new WeakMap<FastifyReply, string>();
  await scope.register(fastifyStatic, {
    root: distDirectory,
    index: false,
    // The build's own record (.amparo-build.json) and any other dot file are not served.
    dotfiles: 'ignore',
    // Scripts and styles are small and fetched whole; no partial responses to get wrong.
    acceptRanges: false,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      cachePolicies.set(reply, cacheControlFor(distDirectory, filePath));
      // RFC 9239's name for scripts (@fastify/send still says application/javascript).
      if (filePath.endsWith('.js')) reply.header('content-type', 'text/javascript; charset=utf-8');
    },
  });
  scope.addHook('onSend', async (_request, reply, payload) => {
    const policy = cachePolicies.get(reply);
    if (policy && (reply.statusCode === 200 || reply.statusCode === 304))
      reply.header('cache-control', policy);
    return payload;
  });

  const indexPath = path.join(distDirectory, 'index.html');
  const sendIndex = (reply: FastifyReply) => {
    if (!fs.existsSync(indexPath)) {
      return reply.status(503).header('content-type', 'text/plain; charset=utf-8').send(missingBuildMessage);
    }
    return reply.sendFile('index.html');
  };
  // Only `/app/` (the router's ignoreTrailingSlash sends `/app` here too).
  scope.get('/', { prefixTrailingSlash: 'slash' }, (_request, reply) => sendIndex(reply));
  scope.setNotFoundHandler((request, reply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && isAppPagePath(request.url);
    if (isPage) return sendIndex(reply);
    throw new AppError('NOT_FOUND', 'Not found.');
  });
  // @fastify/send and the plugin report bad paths and failed preconditions as plain HTTP errors;
  // give them stable codes (the platform handler would treat them as unknown: a 500).
  scope.setErrorHandler((error) => {
    const code = clientErrorCodeOf(error);
    throw code ? new AppError(code, clientErrorMessages[code]) : error;
  });
}

const clientErrorMessages: Partial<Record<ErrorCode, string>> = {
  MALFORMED_URL: 'The address is not valid.',
  NOT_FOUND: 'Not found.',
  PRECONDITION_FAILED: 'The file has changed.',
};

function clientErrorCodeOf(error: unknown): ErrorCode | null {
  const { code, status, statusCode } = (error ?? {}) as {
    code?: string;
    status?: number;
    statusCode?: number;
  };
  // A non-canonical path (`..`, `.`, `//` or a backslash once decoded), refused before any lookup.
  if (code === 'FST_STATIC_FORBIDDEN_PATH') return 'MALFORMED_URL';
  switch (statusCode ?? status ?? 0) {
    case 400: // a NUL byte, or a path that does not decode
      return 'MALFORMED_URL';
    case 403: // a folder (no listing), or a path @fastify/send will not open
    case 404:
      return 'NOT_FOUND';
    case 412:
      return 'PRECONDITION_FAILED';
    default:
      return null;
  }
}

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
