import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the server serves under /app/: `web/dist`, a link to the current build under web/builds/
 * (scripts/build-web.ts replaces it atomically; a running server follows it on every request).
 */
export const defaultWebDistDirectory = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

/** Where the message catalogs live (`locales/<language>/app*.json` for the web app). */
export const defaultLocalesDirectory = fileURLToPath(new URL('../../../../locales/', import.meta.url));

/** Content-hashed files: the name changes whenever the content does. */
export const hashedAssetsCacheControl = 'public, max-age=31536000, immutable';
/** Everything else (index.html, the manifest, icons): kept, but checked again before each use. */
export const revalidatedCacheControl = 'no-cache';

/** How long a browser may keep a built file, from where it lies in the build. */
export function cacheControlFor(distDirectory: string, filePath: string): string {
  const relative = path.relative(distDirectory, filePath);
  return relative.startsWith(`assets${path.sep}`) ? hashedAssetsCacheControl : revalidatedCacheControl;
}

/**
 * Whether a request under /app/ names a page of the single-page app (the browser routes it, so the
 * answer is index.html) rather than a file: no extension in its last segment, outside assets/.
 */
export function isAppPagePath(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  if (pathname === '/app') return true;
  if (!pathname.startsWith('/app/') || pathname.startsWith('/app/assets/')) return false;
  return !pathname.slice(pathname.lastIndexOf('/') + 1).includes('.');
}

export async function readFileOrNull(filePath: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(filePath);
  } catch {
    return null;
  }
}
