import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../../platform/context.ts';
import { defaultLocalesDirectory, defaultWebDistDirectory } from './webapp-files.ts';
import { registerWebAppFileRoutes } from './webapp.routes.ts';
import { readWebAppSettings } from './webapp-settings.ts';
import type { WebAppSettings } from './webapp-settings.ts';
import { registerBasemapRoutes } from './basemap.routes.ts';

/** The members' single-page app (web/), built by Vite and served under /app/. */
export { webAppLanguages } from './webapp.routes.ts';

export function registerWebAppRoutes(app: FastifyInstance, context: PlatformContext): void {
  const { map } = context.config;
  registerWebAppFiles(app, { mapTileUrl: map.tileUrl });
  if (map.pmtilesFile !== null) registerBasemapRoutes(app, map.pmtilesFile);
}

/** The app's built files alone: a sealed server (system/seal) serves them for its unseal screen. */
export function registerWebAppFiles(
  app: FastifyInstance,
  settings: WebAppSettings = readWebAppSettings(process.env),
): void {
  registerWebAppFileRoutes(app, {
    distDirectory: defaultWebDistDirectory,
    localesDirectory: defaultLocalesDirectory,
    settings,
  });
}
