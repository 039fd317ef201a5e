import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSubscriptionJobs } from '../../server/modules/alerting/subscriptions/index.ts';
import type { OutboundEmail } from '../../server/platform/email/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildNetwork } from '../support/factories.ts';
import { jobContextFor } from '../hotline/support.ts';

describeEachDatabase('outsider limits: confirmations say what they confirm', (dialect) => {
  let testApp: TestApp;
  const sent: OutboundEmail[] = [];
  beforeAll(async () => {
    testApp = await createTestApp(dialect, { AMPARO_PUBLIC_URL: 'https://amparo.example.org' });
  });
  afterAll(() => testApp.close());

  /** Runs the confirmation job as the worker would, with a mailbox that keeps what it is sent. */
  async function sendConfirmation(subscriberId: string): Promise<{ text: string; path: string }> {
    const [job] = createSubscriptionJobs({
      config: testApp.context.config,
      crypto: testApp.context.crypto,
      senders: {
        ...testApp.context.senders,
        email: {
          send: (message) => {
            sent.push(message);
            return Promise.resolve({ messageId: 'x' });
          },
          close: () => undefined,
        },
      },
    });
    await job!.handle({ subscriberId }, jobContextFor(testApp));
    const text = sent.at(-1)!.text;
    const link = /https:\/\/amparo\.example\.org(\/a\/\S+)/.exec(text)![1]!;
    return { text, path: link };
  }

  const requestEmail = (slug: string, payload: object, address: string) =>
    testApp.app.inject({
      method: 'POST',
      url: `/a/${slug}/subscribe/email`,
      remoteAddress: address,
      payload: { email: 'subscriber@example.org', ...payload },
    });
  const areasOf = async (subscriberId: string) =>
    (
      await testApp.context.database.db
        .selectFrom('subscriber_areas')
        .select('zip')
        .where('subscriber_id', '=', subscriberId)
        .execute()
    ).map((row) => row.zip);

  it("never replaces an active subscriber's areas without that subscriber confirming the change shown", async () => {
    const network = await buildNetwork(testApp.context, { languages: ['en', 'es'] });
    const db = testApp.context.database.db;
    const own = await requestEmail(
      network.slug,
      { zips: ['60608'], language: 'en', preference: 'urgent' },
      '203.0.113.1',
    );
    expect(own.statusCode).toBe(202);
    const { id } = await db
      .selectFrom('subscribers')
      .select('id')
      .where('network_id', '=', network.id)
      .executeTakeFirstOrThrow();
    const first = await sendConfirmation(id);
    // The mail says what it confirms.
    expect(first.text).toContain('60608');
    expect(first.text).toContain('English');
    expect(first.text).toContain('Urgent verified alerts only');
    const firstPage = await testApp.app.inject({ method: 'GET', url: first.path });
    expect(firstPage.body).toContain('60608');
    expect((await testApp.app.inject({ method: 'POST', url: first.path })).statusCode).toBe(200);
    expect(await areasOf(id)).toEqual(['60608']);

    // A stranger asks for other areas, language and kind for the same address.
    const stranger = await requestEmail(
      network.slug,
      { zips: ['60609'], language: 'es', preference: 'all' },
      '198.51.100.2',
    );
    expect(stranger.statusCode).toBe(202);
    expect(await areasOf(id)).toEqual(['60608']);
    const change = await sendConfirmation(id);
    expect(change.text).toContain('already gets alerts');
    expect(change.text).toContain('60609');
    expect(change.text).toContain('Español');
    // The page shows the change: what the address gets now, and after.
    const page = await testApp.app.inject({ method: 'GET', url: `${change.path}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confirming replaces what it gets now');
    const now = page.body.indexOf('Now:');
    const after = page.body.indexOf('After confirming:');
    expect(now).toBeGreaterThan(0);
    expect(page.body.slice(now, after)).toContain('60608');
    expect(page.body.slice(after)).toContain('60609');
    // Opening the page changes nothing; nor does time.
    expect(await areasOf(id)).toEqual(['60608']);

    // Another request makes the link already sent stop working: it was for other settings.
    await requestEmail(network.slug, { zips: ['60616'], language: 'en', preference: 'urgent' }, '192.0.2.3');
    expect((await testApp.app.inject({ method: 'GET', url: change.path })).statusCode).toBe(404);
    expect((await testApp.app.inject({ method: 'POST', url: change.path })).statusCode).toBe(404);
    expect(await areasOf(id)).toEqual(['60608']);

    // Only the subscriber's confirmation of the change it was shown applies it.
    const latest = await sendConfirmation(id);
    expect(latest.text).toContain('60616');
    expect((await testApp.app.inject({ method: 'POST', url: latest.path })).statusCode).toBe(200);
    expect(await areasOf(id)).toEqual(['60616']);
  });
});
