import { afterAll, beforeAll, expect, it } from 'vitest';
import { webhookMaxParameters } from '../../server/platform/http/form-parser.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAA' };

function formOf(count: number): string {
  return Array.from({ length: count }, (_, index) => `${index.toString(36)}=`).join('&');
}

describeEachDatabase('outsider limits: bounded parsing', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, {
      TWILIO_ACCOUNT_SID: 'AC0123456789',
      TWILIO_AUTH_TOKEN: 'token-for-tests',
      TWILIO_FROM: '+15550001111',
    });
  });
  afterAll(() => testApp.close());

  it('refuses a 42 000-parameter status callback fast, before any signature is computed', async () => {
    const body = formOf(42_000);
    expect(body.length).toBeLessThan(256 * 1024); // under the body limit: the cap is what refuses it
    const timings: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const started = performance.now();
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/webhooks/twilio/status',
        headers: form,
        payload: body,
      });
      timings.push(performance.now() - started);
      expect(response.statusCode).toBe(413);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('TOO_MANY_PARAMETERS');
    }
    // The first includes warming up; the finding was 60-160 ms of blocked event loop per form.
    expect(Math.min(...timings.slice(1))).toBeLessThan(30);
  });

  it('caps every webhook below the form cap too, with the same stable code', async () => {
    for (const url of ['/webhooks/twilio/status', '/webhooks/twilio/sms']) {
      const over = await testApp.app.inject({
        method: 'POST',
        url,
        headers: form,
        payload: formOf(webhookMaxParameters + 1),
      });
      expect(over.statusCode, url).toBe(413);
      expect(over.json<{ error: { code: string } }>().error.code).toBe('TOO_MANY_PARAMETERS');
      // At the cap the request gets as far as the signature check.
      const at = await testApp.app.inject({
        method: 'POST',
        url,
        headers: form,
        payload: formOf(webhookMaxParameters),
      });
      expect(at.statusCode, url).toBe(403);
      expect(at.json<{ error: { code: string } }>().error.code).toBe('TWILIO_SIGNATURE_INVALID');
    }
  });

  it('refuses an oversized form on any public form route, not only webhooks', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/a/nowhere/subscribe/email',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formOf(5000),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('TOO_MANY_PARAMETERS');
  });

  it('answers malformed and double-encoded asset paths with a 4xx, and unknown assets with 404', async () => {
    for (const url of ['/app/assets/%E0%A4%A', '/app/assets/%252e%252e', '/app/assets/%252e%252e%252fx']) {
      const response = await testApp.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    const unknown = await testApp.app.inject({ method: 'GET', url: '/app/assets/index-unknown.js' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['cache-control']).not.toContain('immutable');
    expect(unknown.body).not.toContain('<html');
  });
});
