import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import type { TestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { publicFaviconUrl, publicStylesheetBytes, publicStylesheetUrl } from './public-assets.ts';

describeEachDatabase('public stylesheet', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  it('is served at its versioned URL with a year-long immutable cache, even to signed-in browsers', async () => {
    for (const cookie of [undefined, '__Host-amparo_session=abc; amparo_lang=es']) {
      const response = await testApp.app.inject({
        method: 'GET',
        url: publicStylesheetUrl,
        headers: cookie ? { cookie } : {},
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.body).toContain('margin-inline');
      expect(Buffer.byteLength(response.body)).toBe(publicStylesheetBytes);
    }
  });

  it('is not cached forever under a stale or missing version', async () => {
    for (const url of ['/assets/public.css', '/assets/public.css?v=0000000000000000']) {
      const response = await testApp.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('answers a revalidation with 304 and no body', async () => {
    const first = await testApp.app.inject({ method: 'GET', url: '/assets/public.css' });
    const etag = String(first.headers.etag);
    const again = await testApp.app.inject({
      method: 'GET',
      url: '/assets/public.css',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('uses no external fonts, images or imports', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: publicStylesheetUrl });
    expect(response.body).not.toMatch(/@import|url\(|@font-face/);
  });

  it('answers the icon every browser asks for at /favicon.ico: a real icon, cacheable, from this origin', async () => {
    for (const [url, cacheControl] of [
      ['/favicon.ico', 'public, max-age=86400'],
      [publicFaviconUrl, 'public, max-age=31536000, immutable'],
    ] as const) {
      const response = await testApp.app.inject({
        method: 'GET',
        url,
        headers: { cookie: '__Host-amparo_session=abc' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/x-icon');
      expect(response.headers['cache-control']).toBe(cacheControl);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      // An ICO directory whose every entry is a PNG of the size it claims.
      const icon = response.rawPayload;
      expect([icon.readUInt16LE(0), icon.readUInt16LE(2)]).toEqual([0, 1]);
      const count = icon.readUInt16LE(4);
      expect(count).toBeGreaterThanOrEqual(2);
      for (let index = 0; index < count; index += 1) {
        const entry = 6 + 16 * index;
        const size = icon.readUInt8(entry);
        const image = icon.subarray(
          icon.readUInt32LE(entry + 12),
          icon.readUInt32LE(entry + 12) + icon.readUInt32LE(entry + 8),
        );
        const metadata = await sharp(image).metadata();
        expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', size, size]);
      }
    }
  });
});
