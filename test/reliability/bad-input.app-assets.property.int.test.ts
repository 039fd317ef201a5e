import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../server/platform/log/logger.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { ensureWebAppBuilt } from '../support/web-build.ts';
import { expectSafeAnswer, numRunsFor, requestTimeoutMs, tally } from './bad-input.support.ts';

const buildsDirectory = path.resolve(import.meta.dirname, '../../web/builds');
const currentLink = path.resolve(import.meta.dirname, '../../web/dist');

/** SHA-256 of every file of every build: the only bodies a 200 under /app/ may carry. */
function builtFileHashes(): Set<string> {
  const hashes = new Set<string>();
  for (const build of fs.readdirSync(buildsDirectory)) {
    const directory = path.join(buildsDirectory, build);
    for (const file of fs.readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
      const fullPath = path.join(directory, file);
      if (fs.statSync(fullPath).isFile()) hashes.add(sha256(fs.readFileSync(fullPath)));
    }
  }
  return hashes;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

interface RawAnswer {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET over a real socket with the path exactly as generated (app.inject would normalize it). */
function rawGet(port: number, rawPath: string, agent: http.Agent): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: rawPath, agent, timeout: requestTimeoutMs });
    request.on('timeout', () =>
      request.destroy(new Error(`no answer within ${requestTimeoutMs} ms: ${rawPath}`)),
    );
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          statusCode: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
  });
}

/** Path segments attackers and broken clients send: traversal in every encoding, bad escapes, NUL, overlong UTF-8. */
function hostileSegment(realNames: string[]): fc.Arbitrary<string> {
  const printable = fc.string({
    unit: fc.constantFrom(...'abcXYZ019-_.~%/\\:;@!$&\'()*+,=[]{}|^`"<>'.split('')),
    maxLength: 24,
  });
  return fc.oneof(
    fc.constantFrom(
      '..',
      '.',
      '',
      '%2e%2e',
      '%2E%2e',
      '.%2e',
      '%2e',
      '%252e%252e',
      '%25252e%25252e',
      '%',
      '%2',
      '%zz',
      '%25',
      '%00',
      '%2500',
      '%c0%ae%c0%ae',
      '%c0%af',
      '%e0%80%ae',
      '%ed%a0%80',
      '%ff',
      '%E0%A4%A',
      '%2f',
      '%2F..%2F..',
      '%5c',
      '..%5c..',
      '..;',
      'index.html',
      '.amparo-build.json',
      'assets',
      'icons',
      'package.json',
      '.env',
    ),
    fc.constantFrom(...realNames),
    fc.webSegment(),
    printable,
    fc.string({ unit: 'binary', maxLength: 12 }).map((text) => encodeURIComponent(text)),
    fc.integer({ min: 200, max: 3000 }).map((length) => 'a'.repeat(length)),
  );
}

describeEachDatabase('bad input: the web app files', (dialect) => {
  let testApp: TestApp;
  let port: number;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const logLines: string[] = [];
  let allowedBodies: Set<string>;
  let realNames: string[];
  beforeAll(async () => {
    ensureWebAppBuilt();
    allowedBodies = builtFileHashes();
    realNames = fs.readdirSync(path.join(currentLink, 'assets'));
    const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
    testApp = await createTestApp(dialect, {}, logger);
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.server.address() as AddressInfo).port;
  }, 120_000);
  afterAll(async () => {
    agent.destroy();
    await testApp.close();
  });

  it('never answers a malformed or traversing path with a 5xx, an error log, or a file outside the build', async () => {
    const outcomes = tally();
    const rawPaths = fc
      .tuple(
        fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom('/app/', '/app/assets/', '/app/icons/') },
          { weight: 1, arbitrary: fc.constantFrom('/app//', '/app/./', '/app/assets/%2e%2e/') },
        ),
        fc.array(hostileSegment(realNames), { minLength: 1, maxLength: 4 }),
        fc.oneof({ weight: 6, arbitrary: fc.constant('/') }, fc.constantFrom('//', '/./', '%2f')),
        fc.option(fc.constantFrom('?v=1', '?%', '?a=%zz&b', '#x'), { freq: 5 }),
      )
      .map(([prefix, segments, separator, suffix]) => `${prefix}${segments.join(separator)}${suffix ?? ''}`)
      // Node's HTTP client refuses control characters and spaces in a path; a real one sends none.
      .filter((rawPath) => /^[\x21-\x7e]+$/.test(rawPath) && rawPath.length < 8000);

    await fc.assert(
      fc.asyncProperty(rawPaths, async (rawPath) => {
        const answer = await rawGet(port, rawPath, agent);
        const label = expectSafeAnswer({
          statusCode: answer.statusCode,
          headers: answer.headers,
          body: answer.body.toString('utf8'),
          json: () => JSON.parse(answer.body.toString('utf8')) as unknown,
        } as Parameters<typeof expectSafeAnswer>[0]);
        outcomes.add(label);
        expect(answer.headers['content-security-policy'], rawPath).toContain("default-src 'self'");
        const isOwnRoute = /^\/app\/(settings|locales\/)/.test(rawPath);
        if (answer.statusCode === 200 && !isOwnRoute) {
          const hash = sha256(answer.body);
          if (!allowedBodies.has(hash)) allowedBodies = builtFileHashes(); // a build may have landed
          expect(allowedBodies.has(hash), `${rawPath} served a file that is not part of a build`).toBe(true);
        }
      }),
      { numRuns: numRunsFor(dialect), endOnFailure: true },
    );

    const errors = logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(errors).toEqual([]);
    const labels = outcomes.labels();
    if (process.env.AMPARO_SHOW_OUTCOMES) console.log(JSON.stringify([...labels]));
    expect(labels.get('200')).toBeGreaterThan(0);
    expect(labels.get('400 MALFORMED_URL')).toBeGreaterThan(0);
    expect(labels.get('404 NOT_FOUND')).toBeGreaterThan(0);
  }, 180_000);
});
