import type { FastifyInstance } from 'fastify';
import { serviceDepsFrom } from '../../../platform/context.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { createAuthenticator } from '../../identity/index.ts';
import { locateSchema, placesImportSchema, streetsImportSchema, streetsMaxBytes } from './place.contract.ts';
import type {
  GazetteerImported,
  GazetteerImportPreview,
  GazetteerView,
  LocateAnswer,
} from './place.contract.ts';
import {
  getGazetteer,
  importPlaces,
  importStreets,
  locatePlace,
  previewPlacesImport,
  previewStreetsImport,
} from './place.service.ts';

/** The network's gazetteer (named places) and street list: admin imports, and look-ups. */
export function registerPlaceRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = serviceDepsFrom(context);
  const authenticator = createAuthenticator(context);
  // A street list of a city's areas is megabytes of GeoJSON; JSON quoting adds a little.
  const bodyLimit = Math.max(context.config.bodyLimitBytes, streetsMaxBytes + 64 * 1024);

  app.get('/api/gazetteer', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return (await getGazetteer(deps, principal)) satisfies GazetteerView;
  });

  app.post('/api/gazetteer/places/preview', { bodyLimit }, async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return previewPlacesImport(
      principal,
      parseInput(placesImportSchema, request.body),
    ) satisfies GazetteerImportPreview;
  });

  app.post('/api/gazetteer/places', { bodyLimit }, async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return (await importPlaces(
      deps,
      principal,
      parseInput(placesImportSchema, request.body),
    )) satisfies GazetteerImported;
  });

  app.post('/api/gazetteer/streets/preview', { bodyLimit }, async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return previewStreetsImport(
      principal,
      parseInput(streetsImportSchema, request.body),
    ) satisfies GazetteerImportPreview;
  });

  app.post('/api/gazetteer/streets', { bodyLimit }, async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return (await importStreets(
      deps,
      principal,
      parseInput(streetsImportSchema, request.body),
    )) satisfies GazetteerImported;
  });

  app.post('/api/gazetteer/locate', async (request) => {
    const principal = await authenticator.requirePrincipal(request);
    return (await locatePlace(
      deps,
      principal,
      parseInput(locateSchema, request.body),
    )) satisfies LocateAnswer;
  });
}
