import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  badInputWorld,
  checkSurface,
  hostileString,
  hotline,
  numRunsFor,
  publicUrl,
  twilioAuthToken,
} from './bad-input.support.ts';
import type { BadInputWorld } from './bad-input.support.ts';

/** Twilio's webhooks: correctly signed garbage and bad signatures get a 2xx or a stable 4xx. */
describeEachDatabase('bad input: the Twilio webhooks', (dialect) => {
  let world: BadInputWorld;
  beforeAll(async () => {
    world = await badInputWorld(dialect);
  }, 60_000);
  afterAll(() => world.testApp.close());

  const twilioParams = fc
    .tuple(
      fc.record(
        {
          From: fc.oneof(fc.constantFrom('+17735550123', '+447700900123'), hostileString),
          To: fc.oneof(fc.constant(hotline), hostileString),
          Body: fc.oneof(
            fc.constantFrom('ICE at 18th and Blue Island', 'STOP', 'SUBSCRIBE 60608', 'YES'),
            hostileString,
          ),
          MessageSid: fc.string({ maxLength: 40 }),
          MessageStatus: fc.oneof(fc.constantFrom('delivered', 'failed', 'sent'), hostileString),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), hostileString, { maxKeys: 4 }),
    )
    .map(([known, extra]) => ({ ...extra, ...known }));

  for (const path of ['/webhooks/twilio/sms', '/webhooks/twilio/status']) {
    it(`${path}: correctly signed garbage and bad signatures`, async () => {
      const signature = fc.oneof(
        { weight: 4, arbitrary: fc.constant<'valid'>('valid') },
        {
          weight: 1,
          arbitrary: fc.oneof(fc.constant(''), fc.base64String({ maxLength: 40 }), hostileString),
        },
      );
      const outcomes = await checkSurface(
        world.testApp,
        numRunsFor(dialect),
        fc.tuple(twilioParams, signature).map(([params, signing]) => {
          const usable = Object.fromEntries(Object.entries(params).filter(([key]) => key !== '__proto__'));
          const header =
            signing === 'valid' ? signTwilioRequest(twilioAuthToken, `${publicUrl}${path}`, usable) : signing;
          return {
            method: 'POST' as const,
            url: path,
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': header },
            payload: new URLSearchParams(usable).toString(),
          };
        }),
      );
      expect([...outcomes.keys()].some((label) => label.startsWith('2'))).toBe(true);
      expect(
        outcomes.get('403 TWILIO_SIGNATURE_INVALID') ?? outcomes.get('401 TWILIO_SIGNATURE_INVALID'),
      ).toBeGreaterThan(0);
    }, 120_000);
  }
});
