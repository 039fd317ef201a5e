import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebBuildLayout } from '../../../../scripts/web-build/layout.ts';
import { makeFakeBuild, temporaryWebLayout } from '../../../../test/support/web-build.ts';
import { installErrorHandling, respondToFrameworkError } from '../../../platform/http/error-handler.ts';
import { contentSecurityPolicy, installSecurityHeaders } from '../../../platform/http/security-headers.ts';
import { createLogger } from '../../../platform/log/logger.ts';
import { defaultLocalesDirectory } from './webapp-files.ts';
import { registerWebAppFileRoutes } from './webapp.routes.ts';

interface World {
  app: FastifyInstance;
  layout: WebBuildLayout;
  logLines: string[];
}

let world: World | undefined;
afterEach(async () => {
  await world?.app.close();
  if (world) fs.rmSync(world.layout.repositoryRoot, { recursive: true, force: true });
  world = undefined;
});

/** The platform's error handling and headers, and the web app's routes over a throwaway build layout. */
async function startWorld(): Promise<World> {
  const layout = temporaryWebLayout();
  const logLines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in generics (as in server/app.ts).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: logger as FastifyBaseLogger,
    frameworkErrors: respondToFrameworkError,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  installErrorHandling(app);
  installSecurityHeaders(app);
  registerWebAppFileRoutes(app, {
    distDirectory: layout.currentLink,
    localesDirectory: defaultLocalesDirectory,
    settings: { mapTileUrl: null },
  });
  await app.ready();
  world = { app, layout, logLines };
  return world;
}

const signedIn = { cookie: '__Host-amparo_session=abc' };

interface RawResponse {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET over a real socket with the path exactly as written (app.inject would normalize `.`, `..`). */
async function rawGet(app: FastifyInstance, rawPath: string): Promise<RawResponse> {
  if (!app.server.listening) await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: rawPath, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ statusCode: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
  });
}

describe('the web app files', () => {
  it('answers pages with index.html (checked again each time) and hashed assets as immutable', async () => {
    const { app, layout } = await startWorld();
    const build = await makeFakeBuild(layout, 'first');
    for (const headers of [{}, signedIn]) {
      for (const url of ['/app/', '/app', '/app/incidents/42', '/app/responder?tab=offers']) {
        const page = await app.inject({ method: 'GET', url, headers });
        expect(page.statusCode, url).toBe(200);
        expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(page.headers['cache-control']).toBe('no-cache');
        expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
        expect(page.body).toContain(`/app/assets/${build.script}`);
      }
      const script = await app.inject({ method: 'GET', url: `/app/assets/${build.script}`, headers });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(script.headers['x-content-type-options']).toBe('nosniff');
      expect(script.body).toContain('"first"');
      const manifest = await app.inject({ method: 'GET', url: '/app/manifest.webmanifest', headers });
      expect(manifest.headers['content-type']).toBe('application/manifest+json');
      expect(manifest.headers['cache-control']).toBe('no-cache');
    }
  });

  it('revalidates index.html with a 304', async () => {
    const { app, layout } = await startWorld();
    await makeFakeBuild(layout, 'first');
    const first = await app.inject({ method: 'GET', url: '/app/' });
    const again = await app.inject({
      method: 'GET',
      url: '/app/',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers unknown files with 404 NOT_FOUND, never with index.html', async () => {
    const { app, layout } = await startWorld();
    await makeFakeBuild(layout, 'first');
    for (const url of [
      '/app/assets/index-missing.js',
      '/app/assets/',
      '/app/assets/missing',
      '/app/missing.png',
      '/app/.amparo-build.json',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
    }
  });

  it('says how to build when there is no build yet', async () => {
    const { app } = await startWorld();
    const response = await app.inject({ method: 'GET', url: '/app/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:web');
  });

  it('follows a new build at once, and still serves the scripts of pages loaded from the one before', async () => {
    const { app, layout } = await startWorld();
    const first = await makeFakeBuild(layout, 'first');
    const second = await makeFakeBuild(layout, 'second');
    expect(second.buildName).not.toBe(first.buildName);
    expect((await app.inject({ method: 'GET', url: '/app/' })).body).toContain(second.script);
    for (const script of [first.script, second.script]) {
      const response = await app.inject({ method: 'GET', url: `/app/assets/${script}` });
      expect(response.statusCode, script).toBe(200);
    }
    // One build back is kept reachable; older pages reload (their index.html is never cached).
    await makeFakeBuild(layout, 'third');
    expect((await app.inject({ method: 'GET', url: `/app/assets/${first.script}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/app/assets/${second.script}` })).statusCode).toBe(200);
  });

  it('refuses malformed and traversing paths with a stable 4xx, headers on, nothing logged as an error', async () => {
    const { app, layout, logLines } = await startWorld();
    const build = await makeFakeBuild(layout, 'first');
    fs.writeFileSync(path.join(layout.webDirectory, 'secret.txt'), 'outside the build\n');
    const cases: [string, number, string][] = [
      ['/app/%', 400, 'MALFORMED_URL'],
      ['/app/assets/%', 400, 'MALFORMED_URL'],
      ['/app/assets/%E0%A4%A', 400, 'MALFORMED_URL'],
      ['/app/assets/%c0%ae%c0%ae/secret.txt', 400, 'MALFORMED_URL'],
      ['/app/assets/%00.js', 400, 'MALFORMED_URL'],
      [`/app/assets/${build.script}%00.png`, 400, 'MALFORMED_URL'],
      ['/app/assets/%2e%2e/%2e%2e/secret.txt', 400, 'MALFORMED_URL'],
      ['/app/assets/../../secret.txt', 400, 'MALFORMED_URL'],
      ['/app/assets/../../../package.json', 400, 'MALFORMED_URL'],
      ['/app/assets/..%2f..%2fsecret.txt', 404, 'NOT_FOUND'], // %2f stays inside one name
      ['/app/assets/%252e%252e%252f%252e%252e%252fsecret.txt', 404, 'NOT_FOUND'],
      ['/app/assets/%25', 404, 'NOT_FOUND'],
      ['/app//assets/x.js', 400, 'MALFORMED_URL'],
      ['/app/assets/./x.js', 400, 'MALFORMED_URL'],
      ['/app/assets/..\\..\\secret.txt', 400, 'MALFORMED_URL'],
      [`/app/assets/${'a'.repeat(300)}.js`, 400, 'MALFORMED_URL'],
      [`/app/assets/${'a/'.repeat(2000)}x.js`, 404, 'NOT_FOUND'],
    ];
    for (const [url, status, code] of cases) {
      const response = await rawGet(app, url);
      const body = JSON.parse(response.body) as { error: { code: string } };
      expect([url, response.statusCode, body.error.code]).toEqual([url, status, code]);
      expect(response.headers['content-security-policy'], url).toBe(contentSecurityPolicy);
      expect(response.body).not.toContain('outside the build');
    }
    const errors = logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(errors).toEqual([]);
  });

  it('answers a failed precondition with 412 PRECONDITION_FAILED, not a 500', async () => {
    const { app, layout } = await startWorld();
    const build = await makeFakeBuild(layout, 'first');
    const response = await app.inject({
      method: 'GET',
      url: `/app/assets/${build.script}`,
      headers: { 'if-match': '"not-the-etag"' },
    });
    expect(response.statusCode).toBe(412);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('PRECONDITION_FAILED');
  });
});
