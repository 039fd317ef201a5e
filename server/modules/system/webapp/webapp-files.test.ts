import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cacheControlFor,
  hashedAssetsCacheControl,
  isAppPagePath,
  revalidatedCacheControl,
} from './webapp-files.ts';
import { readWebAppSettings } from './webapp-settings.ts';

const dist = path.resolve('/srv/amparo/web/dist');

describe('web app files', () => {
  it('lets browsers keep hashed assets for a year and makes them check everything else', () => {
    expect(cacheControlFor(dist, path.join(dist, 'assets', 'index-abc.js'))).toBe(hashedAssetsCacheControl);
    expect(hashedAssetsCacheControl).toBe('public, max-age=31536000, immutable');
    for (const file of ['index.html', 'manifest.webmanifest', 'icons/icon-192.png', 'assets-list.txt']) {
      expect(cacheControlFor(dist, path.join(dist, file))).toBe(revalidatedCacheControl);
    }
    expect(revalidatedCacheControl).toBe('no-cache');
  });

  it.each([
    '/app',
    '/app/',
    '/app/incidents',
    '/app/incidents/42',
    '/app/responder?tab=offers',
    '/app/a.b/c',
  ])('answers the page %j with the app', (url) => {
    expect(isAppPagePath(url)).toBe(true);
  });

  it.each([
    '/app/assets/index-abc.js',
    '/app/assets/',
    '/app/assets/missing',
    '/app/manifest.webmanifest',
    '/app/icons/icon-192.png',
    '/app/.amparo-build.json',
    '/apps/x',
    '/api/incidents',
  ])('looks up %j as a file (404 when missing), never as a page', (url) => {
    expect(isAppPagePath(url)).toBe(false);
  });
});

describe('web app settings', () => {
  it('has no map tiles by default, and accepts a self-hosted template or a PMTiles file', () => {
    expect(readWebAppSettings({})).toEqual({ mapTileUrl: null });
    expect(readWebAppSettings({ AMPARO_MAP_TILE_URL: '/tiles/{z}/{x}/{y}.png' })).toEqual({
      mapTileUrl: '/tiles/{z}/{x}/{y}.png',
    });
    expect(readWebAppSettings({ AMPARO_MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' })).toEqual({
      mapTileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
    });
    expect(readWebAppSettings({ AMPARO_MAP_PMTILES: 'chicago.pmtiles' })).toEqual({
      mapTileUrl: '/map/tiles/{z}/{x}/{y}',
    });
    for (const wrong of [
      'http://tiles.example.org/{z}/{x}/{y}.png',
      'javascript:alert(1)//{z}{x}{y}',
      '//tiles.example.org/{z}/{x}/{y}.png',
      'https://tiles.example.org/tile.png',
      'https://tiles.example.org/{z}/{x}/{y}.png; script-src *',
    ]) {
      expect(() => readWebAppSettings({ AMPARO_MAP_TILE_URL: wrong }), wrong).toThrow(/AMPARO_MAP_TILE_URL/);
    }
    expect(() => readWebAppSettings({ AMPARO_MAP_PMTILES: '../secret.pmtiles' })).toThrow(
      /AMPARO_MAP_PMTILES/,
    );
  });
});
