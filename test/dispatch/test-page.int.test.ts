import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  deliverTestPage,
  responderDepsFrom,
  testPageJobName,
} from '../../server/modules/field/responders/index.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { PushSendError } from '../../server/platform/push/index.ts';
import type { PushMessage, PushSender } from '../../server/platform/push/index.ts';
import type { OutboundSms, SmsSender } from '../../server/platform/sms/sms.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { call, dispatchWorld, registerPhone, responder } from './support.ts';
import type { Person } from './support.ts';

function subscription() {
  return {
    endpoint: `https://push.example.org/send/${randomBytes(8).toString('hex')}`,
    keys: {
      p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    },
  };
}

/** "Send me a test page": the responder checks that their registered channels reach them. */
describeEachDatabase('test page to a responder', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_PUSH_HOSTS: 'push.example.org' });
  });
  afterAll(() => testApp.close());

  function senders(pushFailure?: PushSendError) {
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
    const deps = { ...responderDepsFrom(testApp.context), push, sms, logger: createLogger('silent') };
    return { deps, pushed, texted };
  }

  const testPageJobsOf = (who: Person) =>
    testApp.context.database.db
      .selectFrom('jobs')
      .select(['payload'])
      .where('name', '=', testPageJobName)
      .where('payload', 'like', `%${who.id}%`)
      .execute();

  async function registered(options: { push: boolean; phone: string | null }) {
    const world = await dispatchWorld(testApp);
    const observer = await responder(testApp.context, world.network.id, { languages: ['es'] });
    if (options.push)
      await call(testApp, 'PUT', '/api/responders/me/push', observer, { subscription: subscription() });
    if (options.phone) await registerPhone(testApp, observer, options.phone);
    return { world, observer };
  }

  it('queues nothing for a responder with no registered channel', async () => {
    const { observer } = await registered({ push: false, phone: null });
    const answer = await call(testApp, 'POST', '/api/responders/me/test-page', observer);
    expect(answer.statusCode).toBe(202);
    expect(answer.json()).toEqual({ channels: [] });
    expect(await testPageJobsOf(observer)).toHaveLength(0);
  });

  it('pages push (content-free) and SMS, at most once a minute however often it is pressed', async () => {
    const { observer } = await registered({ push: true, phone: '+13125550177' });
    for (let press = 0; press < 3; press += 1) {
      const answer = await call(testApp, 'POST', '/api/responders/me/test-page', observer);
      expect(answer.statusCode).toBe(202);
      expect(answer.json()).toEqual({ channels: ['push', 'sms'] });
    }
    expect(await testPageJobsOf(observer)).toHaveLength(1);
    testApp.clock.advance(61_000);
    await call(testApp, 'POST', '/api/responders/me/test-page', observer);
    expect(await testPageJobsOf(observer)).toHaveLength(2);

    const { deps, pushed, texted } = senders();
    expect(await deliverTestPage(deps, observer.id)).toEqual({ push: true, sms: true });
    expect(pushed).toHaveLength(1);
    expect(JSON.parse(pushed[0]!.payload)).toEqual({ type: 'responders.testPage' });
    expect(texted).toHaveLength(1);
    expect(texted[0]!.to).toBe('+13125550177');
    // In the responder's language (Spanish), and nothing about any incident.
    expect(texted[0]!.body).toContain('prueba');
  });

  it('forgets a push subscription the push service says is gone, and still texts', async () => {
    const { observer } = await registered({ push: true, phone: '+13125550178' });
    const { deps, texted } = senders(new PushSendError('gone', 'gone', 410));
    expect(await deliverTestPage(deps, observer.id)).toEqual({ push: false, sms: true });
    expect(texted).toHaveLength(1);
    const profile = await call(testApp, 'GET', '/api/responders/me', observer);
    expect(
      profile.json<{ responder: { hasPushSubscription: boolean } }>().responder.hasPushSubscription,
    ).toBe(false);
  });
});
