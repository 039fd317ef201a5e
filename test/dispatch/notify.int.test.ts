import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { notifyResponderOfOffer } from '../../server/modules/field/dispatch/index.ts';
import { dispatchDepsFrom } from '../../server/modules/field/dispatch/index.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { PushSendError } from '../../server/platform/push/index.ts';
import type { PushMessage, PushSender } from '../../server/platform/push/index.ts';
import type { OutboundSms, SmsSender } from '../../server/platform/sms/sms.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { call, dispatchWorld, offset, openIncident, pilsen, registerPhone, responder } from './support.ts';

function subscription() {
  return {
    endpoint: `https://push.example.org/send/${randomBytes(8).toString('hex')}`,
    keys: {
      p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    },
  };
}

/** Offers reach the responder's phone by Web Push (no content), with SMS as the fallback. */
describeEachDatabase('notifying responders of offers', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_PUSH_HOSTS: 'push.example.org' });
  });
  afterAll(() => testApp.close());

  function adapters(pushFailure?: PushSendError) {
    const pushed: PushMessage[] = [];
    const texted: OutboundSms[] = [];
    const push: PushSender = {
      send: (message) => {
        pushed.push(message);
        return pushFailure ? Promise.reject(pushFailure) : Promise.resolve({ statusCode: 201 });
      },
    };
    const sms: SmsSender = {
      send: (message) => {
        texted.push(message);
        return Promise.resolve({ providerMessageId: 'SM1', status: 'queued' });
      },
    };
    const deps = { ...dispatchDepsFrom(testApp.context), push, sms, logger: createLogger('silent') };
    return { deps, pushed, texted };
  }

  async function offerTo(options: { push: boolean; phone: string | null }) {
    const world = await dispatchWorld(testApp);
    const observer = await responder(testApp.context, world.network.id, {
      location: offset(pilsen, 300),
      languages: ['es'],
    });
    if (options.push) {
      const stored = await call(testApp, 'PUT', '/api/responders/me/push', observer, {
        subscription: subscription(),
      });
      expect(stored.json()).toEqual({ hasPushSubscription: true });
    }
    if (options.phone) await registerPhone(testApp, observer, options.phone);
    const incidentId = await openIncident(testApp, world.dispatcher, offset(pilsen, Math.random() * 50_000));
    const sent = await call(testApp, 'POST', `/api/incidents/${incidentId}/offers`, world.dispatcher, {
      responderIds: [observer.id],
    });
    return { observer, offerId: sent.json<{ offers: { id: string }[] }>().offers[0]!.id };
  }

  it('wakes the app by Web Push with only the offer id, and does not also text', async () => {
    const { offerId } = await offerTo({ push: true, phone: '+13125550142' });
    const { deps, pushed, texted } = adapters();
    expect(await notifyResponderOfOffer(deps, offerId)).toBe('push');
    expect(pushed).toHaveLength(1);
    expect(JSON.parse(pushed[0]!.payload)).toEqual({ type: 'dispatch.offer', offerId });
    expect(pushed[0]).toMatchObject({ urgency: 'high' });
    expect(texted).toEqual([]);
    // A retried job does not notify twice.
    expect(await notifyResponderOfOffer(deps, offerId)).toBe('alreadySent');
    expect(pushed).toHaveLength(1);
  });

  it('falls back to SMS when the subscription is gone, and forgets the subscription', async () => {
    const { observer, offerId } = await offerTo({ push: true, phone: '+13125550143' });
    const { deps, texted } = adapters(new PushSendError('gone', 'gone', 410));
    expect(await notifyResponderOfOffer(deps, offerId)).toBe('sms');
    expect(texted).toHaveLength(1);
    expect(texted[0]!.to).toBe('+13125550143');
    expect(texted[0]!.body).toMatch(/ACEPTO [A-Z0-9]{4}/);
    const profile = await call(testApp, 'GET', '/api/responders/me', observer);
    expect(profile.json()).toMatchObject({ responder: { hasPushSubscription: false } });
    expect(await notifyResponderOfOffer(deps, offerId)).toBe('alreadySent');
  });

  it('says so when there is no channel, and skips an offer already answered', async () => {
    const silent = await offerTo({ push: false, phone: null });
    const { deps } = adapters();
    expect(await notifyResponderOfOffer(deps, silent.offerId)).toBe('noChannel');
    const answered = await offerTo({ push: false, phone: '+13125550144' });
    await call(testApp, 'POST', `/api/offers/${answered.offerId}/decline`, answered.observer);
    expect(await notifyResponderOfOffer(deps, answered.offerId)).toBe('notPending');
  });

  it('refuses a push subscription to a private address', async () => {
    const world = await dispatchWorld(testApp);
    const observer = await responder(testApp.context, world.network.id);
    const response = await call(testApp, 'PUT', '/api/responders/me/push', observer, {
      subscription: { ...subscription(), endpoint: 'https://127.0.0.1/push' },
    });
    expect(response.statusCode).toBe(400);
  });
});
