import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../server/platform/http/security-headers.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildPmtiles, onePixelPng } from '../support/pmtiles-fixture.ts';

function imageSources(policy: string | undefined): string[] {
  const directive = (policy ?? '').split('; ').find((part) => part.startsWith('img-src '));
  return directive?.split(' ').slice(1) ?? [];
}

describeEachDatabase('a self-hosted basemap', (dialect) => {
  describe('without one', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createTestApp(dialect);
    });
    afterAll(() => testApp.close());

    it('keeps the strict policy and gives the map no tiles', async () => {
      const settings = await testApp.app.inject({ method: 'GET', url: '/app/settings' });
      expect(settings.json()).toEqual({ mapTileUrl: null });
      expect(settings.headers['content-security-policy']).toBe(contentSecurityPolicy);
      expect(imageSources(contentSecurityPolicy)).toEqual(["'self'", 'data:', 'blob:']);
      expect((await testApp.app.inject({ method: 'GET', url: '/map/tiles/11/525/761' })).statusCode).toBe(
        404,
      );
    });
  });

  describe('a URL template on an origin the network runs', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createTestApp(dialect, {
        AMPARO_MAP_TILE_URL: 'https://tiles.network.example/osm/{z}/{x}/{y}.png',
      });
    });
    afterAll(() => testApp.close());

    it('allows images from exactly that origin, and nothing else from it', async () => {
      const response = await testApp.app.inject({ method: 'GET', url: '/app/settings' });
      expect(response.json()).toEqual({ mapTileUrl: 'https://tiles.network.example/osm/{z}/{x}/{y}.png' });
      const policy = response.headers['content-security-policy'] as string;
      expect(imageSources(policy)).toEqual(["'self'", 'data:', 'blob:', 'https://tiles.network.example']);
      // Every other directive is the strict one, word for word.
      const others = (text: string) => text.split('; ').filter((part) => !part.startsWith('img-src '));
      expect(others(policy)).toEqual(others(contentSecurityPolicy));
      expect(policy.match(/tiles\.network\.example/g)).toHaveLength(1);
    });
  });

  describe('a PMTiles file in the data directory', () => {
    let testApp: TestApp;
    let dataDirectory: string;
    beforeAll(async () => {
      dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-basemap-'));
      fs.writeFileSync(path.join(dataDirectory, 'city.pmtiles'), buildPmtiles({ minZoom: 10, maxZoom: 12 }));
      testApp = await createTestApp(dialect, {
        AMPARO_DATA_DIR: dataDirectory,
        AMPARO_MAP_PMTILES: 'city.pmtiles',
      });
    });
    afterAll(async () => {
      await testApp.close();
      fs.rmSync(dataDirectory, { recursive: true, force: true });
    });

    it('serves its tiles from this server, under the strict policy', async () => {
      const settings = await testApp.app.inject({ method: 'GET', url: '/app/settings' });
      expect(settings.json()).toEqual({ mapTileUrl: '/map/tiles/{z}/{x}/{y}' });
      const tile = await testApp.app.inject({ method: 'GET', url: '/map/tiles/11/525/761' });
      expect(tile.statusCode).toBe(200);
      expect(tile.headers['content-type']).toBe('image/png');
      expect(tile.rawPayload.equals(onePixelPng)).toBe(true);
      expect(tile.headers['content-security-policy']).toBe(contentSecurityPolicy);
      // Outside the archive's zooms: none; outside the world: a validation error, never a 500.
      expect((await testApp.app.inject({ method: 'GET', url: '/map/tiles/14/4000/6000' })).statusCode).toBe(
        404,
      );
      const outside = await testApp.app.inject({ method: 'GET', url: '/map/tiles/2/9/9' });
      expect(outside.statusCode).toBe(400);
      expect(outside.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    });
  });
});
