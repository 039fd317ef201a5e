import path from 'node:path';

/**
 * Where the map's tiles come from (docs/basemap.md). Tiles are self-hosted: the network runs them,
 * so no outside tile server learns where dispatchers look. Either a URL template — a path on this
 * server, or an origin the network runs, which the content security policy then allows for images
 * and nothing else — or a PMTiles file in the data directory that this server reads and serves at
 * `pmtilesTileUrl`. Neither: the map has no basemap, as before.
 */
export interface BasemapConfig {
  /** The template the app's map loads tiles from ({z}, {x}, {y}), or null for no basemap. */
  tileUrl: string | null;
  /** The one other origin the CSP allows for images (a template on another origin), or null. */
  imageOrigin: string | null;
  /** The PMTiles archive this server serves tiles from, or null. */
  pmtilesFile: string | null;
}

export const pmtilesTileUrl = '/map/tiles/{z}/{x}/{y}';

const unsafeCharacters = /[\s"'<>\\;,]/;
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Reads AMPARO_MAP_TILE_URL and AMPARO_MAP_PMTILES; throws a message naming the variable. */
export function parseBasemap(
  environment: { AMPARO_MAP_TILE_URL?: string | undefined; AMPARO_MAP_PMTILES?: string | undefined },
  dataDirectory: string,
): BasemapConfig {
  const template = environment.AMPARO_MAP_TILE_URL?.trim() || undefined;
  const archive = environment.AMPARO_MAP_PMTILES?.trim() || undefined;
  if (template && archive) throw new Error('set AMPARO_MAP_TILE_URL or AMPARO_MAP_PMTILES, not both');
  if (archive) {
    if (!/^[\w.-]+\.pmtiles$/.test(archive) || archive.startsWith('.')) {
      throw new Error('AMPARO_MAP_PMTILES must be the name of a .pmtiles file in the data directory');
    }
    return { tileUrl: pmtilesTileUrl, imageOrigin: null, pmtilesFile: path.join(dataDirectory, archive) };
  }
  if (!template) return { tileUrl: null, imageOrigin: null, pmtilesFile: null };
  const hasPlaceholders = ['{z}', '{x}', '{y}'].every((part) => template.includes(part));
  if (!hasPlaceholders || template.length > 500 || unsafeCharacters.test(template)) {
    throw new Error('AMPARO_MAP_TILE_URL must be a URL template containing {z}, {x} and {y}');
  }
  if (template.startsWith('/') && !template.startsWith('//')) {
    return { tileUrl: template, imageOrigin: null, pmtilesFile: null };
  }
  let origin: URL;
  try {
    origin = new URL(template.replaceAll(/\{[zxy]\}/g, '0'));
  } catch {
    throw new Error('AMPARO_MAP_TILE_URL must be a path on this server or an https:// URL template');
  }
  // Plain http only on this machine (a tile server beside Amparo, or a test).
  const isAllowed =
    origin.protocol === 'https:' || (origin.protocol === 'http:' && loopbackHosts.has(origin.hostname));
  if (!isAllowed || origin.username || origin.password) {
    throw new Error('AMPARO_MAP_TILE_URL must be a path on this server or an https:// URL template');
  }
  return { tileUrl: template, imageOrigin: origin.origin, pmtilesFile: null };
}
