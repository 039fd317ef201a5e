import { afterAll, beforeAll, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../server/platform/http/security-headers.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';

describeEachDatabase('HTTP platform', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => testApp.close());

  it('answers /healthz and /readyz when the database is migrated', async () => {
    const health = await testApp.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await testApp.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('sends strict security headers on every response, errors included', async () => {
    for (const url of ['/healthz', '/no-such-page']) {
      const response = await testApp.app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['strict-transport-security']).toContain('max-age=');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-store');
    }
    // The policy names no origin but our own.
    expect(contentSecurityPolicy).not.toMatch(/https?:|\*/);
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
    // Fetched evidence plays from blob: URLs; nothing else may load from one.
    const directives = new Map(
      contentSecurityPolicy.split('; ').map((directive) => {
        const [name, ...sources] = directive.split(' ');
        return [name!, sources.join(' ')] as const;
      }),
    );
    expect(directives.get('media-src')).toBe("'self' blob:");
    expect([...directives].filter(([, sources]) => sources.includes('blob:')).map(([name]) => name)).toEqual([
      'img-src',
      'media-src',
    ]);
  });

  it('answers unknown routes with a stable NOT_FOUND code', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/nothing/here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
  });

  it('rejects malformed JSON with MALFORMED_BODY, not a 500', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/healthz',
      headers: { 'content-type': 'application/json' },
      payload: '{"unterminated": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('MALFORMED_BODY');
  });

  it('refuses prototype-polluting JSON', async () => {
    for (const payload of ['{"__proto__": {"isAdmin": true}}', '{"constructor": {"prototype": {"x": 1}}}']) {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/healthz',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('MALFORMED_BODY');
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('rejects bodies over the configured limit with BODY_TOO_LARGE', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/healthz',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(5000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('BODY_TOO_LARGE');
  });

  it('rejects unsupported content types with UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      // A real POST route: on unmatched routes the 404 wins over content negotiation.
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'abc',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
