import { afterAll, beforeAll, expect, it } from 'vitest';
import { remindExpiringLocations, responderFields } from '../../server/modules/field/responders/index.ts';
import type { PushMessage } from '../../server/platform/push/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { dispatchWorld, offset, pilsen, responder } from './support.ts';
import type { Person } from './support.ts';

describeEachDatabase('location expiry: one content-free push before a shared location expires', (dialect) => {
  let testApp: TestApp;
  let soon: Person;
  let later: Person;
  const sent: PushMessage[] = [];
  // The push service's side of the exchange: what the sender hands over, and a 201.
  const push = {
    send: (message: PushMessage) => {
      sent.push(message);
      return Promise.resolve({ statusCode: 201 });
    },
  };
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
    const world = await dispatchWorld(testApp);
    soon = await responder(testApp.context, world.network.id, { location: offset(pilsen, 300) });
    later = await responder(testApp.context, world.network.id, { location: offset(pilsen, 600) });
    const now = testApp.context.clock.now();
    const subscription = (id: string) =>
      testApp.context.crypto.encrypt(
        JSON.stringify({ endpoint: `https://push.example.org/${id}`, keys: { p256dh: 'x', auth: 'y' } }),
        responderFields.pushSubscription,
      );
    for (const [who, expiresInMs] of [
      [soon, 5 * 60 * 1000],
      [later, 25 * 60 * 1000],
    ] as const) {
      await testApp.context.database.db
        .updateTable('responder_profiles')
        .set({
          location_updated_at: now,
          location_expires_at: now + expiresInMs,
          push_subscription_enc: subscription(who.id),
        })
        .where('member_id', '=', who.id)
        .execute();
    }
  });
  afterAll(() => testApp.close());

  const remind = () =>
    remindExpiringLocations({
      db: testApp.context.database.db,
      clock: testApp.context.clock,
      crypto: testApp.context.crypto,
      push,
      logger: testApp.context.logger,
    });

  it('pushes once to the responder whose location expires within ten minutes, and not again', async () => {
    expect(await remind()).toBe(1);
    expect(sent.map((message) => [message.subscription.endpoint, message.payload])).toEqual([
      [`https://push.example.org/${soon.id}`, JSON.stringify({ type: 'responders.locationExpiring' })],
    ]);
    expect(await remind()).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('reminds again after the location is shared anew', async () => {
    const now = testApp.context.clock.now() + 1;
    await testApp.context.database.db
      .updateTable('responder_profiles')
      .set({ location_updated_at: now, location_expires_at: now + 3 * 60 * 1000 })
      .where('member_id', '=', soon.id)
      .execute();
    expect(await remind()).toBe(1);
    expect(sent).toHaveLength(2);
  });
});
