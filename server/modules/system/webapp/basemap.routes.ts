import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { openPmtilesArchive } from '../../../platform/map/pmtiles-archive.ts';

const tileParamsSchema = z
  .object({
    z: z.coerce.number().int().min(0).max(24),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
  })
  .refine((tile) => tile.x < 2 ** tile.z && tile.y < 2 ** tile.z, 'no such tile at this zoom');

/**
 * The basemap's tiles from the network's PMTiles file (AMPARO_MAP_PMTILES, docs/basemap.md),
 * read by range on each request. Public like the app's own files: a city's street map says
 * nothing about anyone, and the map asks for tiles as plain images.
 */
export function registerBasemapRoutes(app: FastifyInstance, pmtilesFile: string): void {
  const archive = openPmtilesArchive(pmtilesFile);
  app.addHook('onClose', () => archive.close());
  app.get('/map/tiles/:z/:x/:y', async (request, reply) => {
    const { z: zoom, x, y } = parseInput(tileParamsSchema, request.params);
    const tile = await archive.readTile(zoom, x, y);
    if (!tile) throw new AppError('NOT_FOUND', 'No tile here.');
    return reply
      .header('content-type', tile.contentType)
      .header('cache-control', 'public, max-age=86400')
      .send(tile.data);
  });
}
