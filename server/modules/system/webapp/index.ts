import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { defaultLocalesDirectory, defaultWebDistDirectory } from './webapp-files.ts';
import { registerWebAppFileRoutes } from './webapp.routes.ts';
import { readWebAppSettings } from './webapp-settings.ts';

/** The members' single-page app (web/), built by Vite and served under /app/. */
export { webAppLanguages } from './webapp.routes.ts';

export function registerWebAppRoutes(app: FastifyInstance, _context: PlatformContext): void {
  registerWebAppFiles(app);
}

/** The app's built files alone: a sealed server (system/seal) serves them for its unseal screen. */
export function registerWebAppFiles(app: FastifyInstance): void {
  const settings = readWebAppSettings(process.env);
  registerWebAppFileRoutes(app, {
    distDirectory: defaultWebDistDirectory,
    localesDirectory: defaultLocalesDirectory,
    settings,
  });
}
