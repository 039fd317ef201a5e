import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../server/platform/database/database.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import { buildPmtiles, onePixelPng } from '../support/pmtiles-fixture.ts';
import {
  chooseLanguage,
  expectAccessible,
  newPerson,
  screenshot,
  shouldRunBrowserTests,
  signInMember,
  startBrowserWorld,
} from './browser-support.ts';
import type { BrowserWorld } from './browser-support.ts';

const isEnabled = shouldRunBrowserTests();
const languages = ['en', 'es', 'ar'] as const;
const tilePath = /\/(\d+)\/(\d+)\/(\d+)(\.png)?$/;

if (!isEnabled)
  describe.skip('a self-hosted basemap in Chromium (Chromium not installed)', () =>
    it('loads tiles from the configured source', () => undefined));
else describeEachDatabase('a self-hosted basemap in Chromium', (dialect) => basemap(dialect));

/** Opens the dispatcher's queue (it has a map) and resolves the tile URLs the page loaded. */
async function openQueueMap(world: BrowserWorld, screenshotName?: string): Promise<string[]> {
  const network = await buildNetwork(world.factories, { languages: [...languages] });
  const desk = await buildMember(world.factories, {
    networkId: network.id,
    roles: [{ role: 'dispatcher' }],
    withTotp: true,
  });
  const person = await newPerson(world.browser);
  const tiles: string[] = [];
  person.page.on('response', (response) => {
    if (tilePath.test(new URL(response.url()).pathname) && response.status() === 200)
      tiles.push(response.url());
  });
  await signInMember(person.page, world.server.url, desk);
  await person.page.goto(`${world.server.url}/app/#/queue`);
  await person.page.waitForSelector('.map img.leaflet-tile-loaded');
  if (screenshotName) {
    for (const language of languages) {
      await chooseLanguage(person.page, language);
      await person.page.waitForSelector('.map img.leaflet-tile-loaded');
      await expectAccessible(person.page, `queue with a basemap (${language})`);
      await screenshot(person.page, `${screenshotName}-${language}`);
    }
  }
  expect(person.problems).toEqual([]);
  await person.context.close();
  return tiles;
}

function basemap(dialect: DialectName): void {
  describe('from a PMTiles file the server reads', () => {
    let world: BrowserWorld;
    let postgresData: string | null = null;
    beforeAll(async () => {
      // SQLite keeps its data directory beside the database; PostgreSQL gets one made here.
      if (dialect === 'postgres') postgresData = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-map-'));
      world = await startBrowserWorld(dialect, {
        AMPARO_MAP_PMTILES: 'city.pmtiles',
        ...(postgresData ? { AMPARO_DATA_DIR: postgresData } : {}),
      });
      const target = world.target;
      const dataDirectory = target.kind === 'sqlite' ? path.dirname(target.file) : postgresData!;
      // The server opens the archive at its first tile, so it may be written after start.
      fs.writeFileSync(path.join(dataDirectory, 'city.pmtiles'), buildPmtiles({ minZoom: 0, maxZoom: 18 }));
    });
    afterAll(async () => {
      await world?.stop();
      if (postgresData) fs.rmSync(postgresData, { recursive: true, force: true });
    });

    it('draws the map from tiles this server serves', async () => {
      const tiles = await openQueueMap(world, 'basemap-queue');
      expect(tiles.length).toBeGreaterThan(0);
      for (const url of tiles) expect(url.startsWith(`${world.server.url}/map/tiles/11/`)).toBe(true);
    }, 120_000);
  });

  describe('from a URL template on an origin the network runs', () => {
    let world: BrowserWorld;
    let tileServer: http.Server;
    const asked: string[] = [];
    beforeAll(async () => {
      tileServer = http.createServer((request, response) => {
        asked.push(request.url ?? '');
        response.writeHead(200, { 'content-type': 'image/png' }).end(onePixelPng);
      });
      await new Promise<void>((resolve) => tileServer.listen(0, '127.0.0.1', resolve));
      const { port } = tileServer.address() as AddressInfo;
      world = await startBrowserWorld(dialect, {
        AMPARO_MAP_TILE_URL: `http://127.0.0.1:${port}/osm/{z}/{x}/{y}.png`,
      });
    });
    afterAll(async () => {
      await world?.stop();
      await new Promise((resolve) => tileServer.close(resolve));
    });

    it('asks that origin for tiles, and the policy lets the browser show them', async () => {
      const tiles = await openQueueMap(world);
      expect(tiles.length).toBeGreaterThan(0);
      expect(asked.length).toBeGreaterThan(0);
      for (const url of asked) expect(url).toMatch(/^\/osm\/11\/\d+\/\d+\.png$/);
    }, 120_000);
  });
}
