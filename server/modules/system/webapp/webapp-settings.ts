import path from 'node:path';
import { parseBasemap } from '../../../platform/map/basemap.ts';
import type { WebAppSettings } from './webapp.contract.ts';

export type { WebAppSettings } from './webapp.contract.ts';

/**
 * What the app asks the server at start (/app/settings), for a server without a parsed config
 * (the sealed server): the map's tile template, self-hosted (docs/basemap.md), or null.
 */
export function readWebAppSettings(environment: NodeJS.ProcessEnv): WebAppSettings {
  const dataDirectory = path.resolve(environment.AMPARO_DATA_DIR ?? './data');
  return { mapTileUrl: parseBasemap(environment, dataDirectory).tileUrl };
}
