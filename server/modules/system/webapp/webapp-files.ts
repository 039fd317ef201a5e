import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:web` writes the single-page app. */
export const defaultWebDistDirectory = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

/** Where the message catalogs live (`locales/<language>/app*.json` for the web app). */
export const defaultLocalesDirectory = fileURLToPath(new URL('../../../../locales/', import.meta.url));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(filePath: string): string | null {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? null;
}

/**
 * Resolves a request path inside the build directory. Anything that would leave it (`..`, encoded
 * separators, NUL) or that has an unknown type is refused, so only built files can ever be served.
 */
export function resolveBuiltFile(distDirectory: string, relativePath: string): string | null {
  if (relativePath.includes('\0') || relativePath.includes('\\')) return null;
  const segments = relativePath.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.startsWith('.'))) return null;
  const resolved = path.resolve(distDirectory, ...segments);
  if (!resolved.startsWith(path.resolve(distDirectory) + path.sep)) return null;
  return contentTypeOf(resolved) ? resolved : null;
}

export async function readFileOrNull(filePath: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(filePath);
  } catch {
    return null;
  }
}
