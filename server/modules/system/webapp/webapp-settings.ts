import { z } from 'zod';
import type { WebAppSettings } from './webapp.contract.ts';

export type { WebAppSettings } from './webapp.contract.ts';

const tileUrlSchema = z
  .string()
  .trim()
  .max(500)
  .regex(
    /^\/[^\s"'<>]*\{z\}[^\s"'<>]*$/,
    'AMPARO_MAP_TILE_URL must be a path on this server containing {z}/{x}/{y}',
  );

/**
 * Read once at start. Tiles must be self-hosted (same origin): the content security policy allows
 * no third-party images, and a tile server would learn where dispatchers are looking.
 */
export function readWebAppSettings(environment: NodeJS.ProcessEnv): WebAppSettings {
  const raw = environment.AMPARO_MAP_TILE_URL;
  if (!raw) return { mapTileUrl: null };
  const parsed = tileUrlSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'AMPARO_MAP_TILE_URL is invalid');
  return { mapTileUrl: parsed.data };
}
