import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveBuiltFile } from './webapp-files.ts';
import { readWebAppSettings } from './webapp-settings.ts';

const dist = path.resolve('/srv/amparo/web/dist');

describe('web app file resolution', () => {
  it('resolves built files inside the build directory', () => {
    expect(resolveBuiltFile(dist, 'assets/index-abc.js')).toBe(path.join(dist, 'assets', 'index-abc.js'));
    expect(resolveBuiltFile(dist, 'manifest.webmanifest')).toBe(path.join(dist, 'manifest.webmanifest'));
  });

  it.each([
    '../package.json',
    'assets/../../server/main.ts',
    '..\\..\\package.json',
    '.env',
    'assets/.hidden.js',
    'index.html\0.js',
    'assets/index.ts',
    'assets/data.sqlite',
  ])('refuses %j', (requested) => {
    expect(resolveBuiltFile(dist, requested)).toBeNull();
  });

  it('names the content types browsers need (manifest, module scripts)', () => {
    expect(contentTypeOf('manifest.webmanifest')).toBe('application/manifest+json; charset=utf-8');
    expect(contentTypeOf('assets/index.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('assets/x.unknown')).toBeNull();
  });
});

describe('web app settings', () => {
  it('has no map tiles by default and accepts only a same-origin tile path', () => {
    expect(readWebAppSettings({})).toEqual({ mapTileUrl: null });
    expect(readWebAppSettings({ AMPARO_MAP_TILE_URL: '/tiles/{z}/{x}/{y}.png' })).toEqual({
      mapTileUrl: '/tiles/{z}/{x}/{y}.png',
    });
    expect(() =>
      readWebAppSettings({ AMPARO_MAP_TILE_URL: 'https://tile.example.org/{z}/{x}/{y}.png' }),
    ).toThrow(/path on this server/);
  });
});
