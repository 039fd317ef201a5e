import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeTasks } from '../../server/retention.ts';
import { t } from '../../server/platform/i18n/index.ts';
import { signTwilioRequest } from '../../server/platform/sms/twilio-webhook.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import {
  buildHotlineNetwork,
  createHotlineApp,
  publicUrl,
  randomPhone,
  twilioAuthToken,
  webhookPath,
} from '../hotline/support.ts';

/**
 * Issue 14, items 8 and 9: intake's side doors — a weaponized tip that slips past the screen with
 * look-alike letters or learns from its status link that it was caught, and a second report from
 * a replayed Twilio webhook. The other side doors are in one-person-cannot-hijack.int.test.ts.
 */

describeEachDatabase('one person cannot hijack intake', (dialect) => {
  describe("(8) a look-alike tip is screened, and its status link answers like a real report's", () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createHotlineApp(dialect);
    });
    afterAll(() => testApp.close());

    const report = (slug: string, description: string) =>
      testApp.app.inject({
        method: 'POST',
        url: `/api/public/${slug}/reports`,
        headers: { 'sec-fetch-site': 'same-origin', 'x-forwarded-for': '198.51.100.20' },
        payload: { category: 'home', zip: '60608', description, language: 'es' },
      });
    /** The status page with its own id blanked: everything else must be byte for byte the same. */
    async function statusPage(statusUrl: string) {
      const response = await testApp.app.inject({ method: 'GET', url: `${statusUrl}?lang=es` });
      const publicId = statusUrl.split('/').at(-1) ?? '';
      return {
        status: response.statusCode,
        type: response.headers['content-type'],
        body: response.body.split(publicId).join('<id>'),
      };
    }

    it('Cyrillic е/а/о and zero-width characters are flagged; the link matches a real report from new to expired and after purge', async () => {
      const { network } = await buildHotlineNetwork(testApp.context);
      // "Quiero denunciar a mi vecina, es ilegal, vive en 4410 S Wood St" in Cyrillic look-alikes and ZWSP.
      const disguised =
        'Qui\u0435r\u043E d\u0435\u200Bnunci\u0430r \u0430 mi v\u0435cin\u0430, \u0435s il\u0435g\u0430l, vive en 4410 S Wood St';
      const real = await report(
        network.slug,
        'Hay agentes de ICE deteniendo gente afuera de la casa ahora mismo',
      );
      const tip = await report(network.slug, disguised);
      expect([real.statusCode, tip.statusCode]).toEqual([201, 201]);
      type Receipt = { reportId: string; language: string; statusUrl: string };
      const [realReceipt, tipReceipt] = [real.json<Receipt>(), tip.json<Receipt>()];
      expect(Object.keys(tipReceipt).sort()).toEqual(Object.keys(realReceipt).sort());
      expect(tipReceipt.statusUrl).toHaveLength(realReceipt.statusUrl.length);

      // The tip was caught: kept apart for coordinators, in no incident.
      const db = testApp.database.db;
      const flagged = await db
        .selectFrom('flagged_reports')
        .select('id')
        .where('network_id', '=', network.id)
        .execute();
      expect(flagged.map((row) => row.id)).toEqual([tipReceipt.reportId]);
      const incidents = await db
        .selectFrom('incidents')
        .select(['id', 'expires_at'])
        .where('network_id', '=', network.id)
        .execute();
      expect(incidents).toHaveLength(1);

      const compare = async () => {
        const [realPage, tipPage] = [
          await statusPage(realReceipt.statusUrl),
          await statusPage(tipReceipt.statusUrl),
        ];
        expect(realPage.status).toBe(200);
        expect(tipPage).toEqual(realPage);
        return realPage.body;
      };
      const fresh = await compare();
      expect(fresh).toContain(t('es', 'report.stepReceived'));

      testApp.clock.advance(60 * 60 * 1000);
      await compare();

      // The real report expires unverified at its expiry time; the tip's link follows it.
      testApp.clock.set(Number(incidents[0]?.expires_at));
      const { expireUnverifiedIncidents } =
        await import('../../server/modules/intake/incidents/incident-expiry.jobs.ts');
      expect(
        await expireUnverifiedIncidents({
          db,
          dialect,
          clock: testApp.clock,
          events: testApp.context.events,
        }),
      ).toBe(1);
      const expired = await compare();
      expect(expired).toContain(t('es', 'report.statusExpired'));

      // Two days on, retention has purged the flagged tip itself; its link still answers the same.
      testApp.clock.advance(2 * 24 * 60 * 60 * 1000);
      for (const task of purgeTasks) await task.run({ db, dialect, clock: testApp.clock });
      expect(
        await db.selectFrom('flagged_reports').select('id').where('network_id', '=', network.id).execute(),
      ).toEqual([]);
      await compare();
    });
  });

  describe('(9) a replayed Twilio webhook is answered as the first time and makes no second report', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createHotlineApp(dialect);
    });
    afterAll(() => testApp.close());

    it('replays of one signed MessageSid: same TwiML, one report, purged by retention', async () => {
      const { network, hotline } = await buildHotlineNetwork(testApp.context);
      const params = {
        MessageSid: `SM${'0123456789abcdef'.repeat(2)}`,
        AccountSid: 'ACtest00000000000000000000000000',
        From: randomPhone(),
        To: hotline,
        Body: 'ICE agents are detaining people at 1845 S Loomis St 60608 right now',
        NumMedia: '0',
      };
      const signature = signTwilioRequest(twilioAuthToken, `${publicUrl}${webhookPath}`, params);
      const deliver = () =>
        testApp.app.inject({
          method: 'POST',
          url: webhookPath,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
          payload: new URLSearchParams(params).toString(),
        });
      const reports = () =>
        testApp.database.db.selectFrom('reports').select('id').where('network_id', '=', network.id).execute();

      const first = await deliver();
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain('<Message>');
      expect(await reports()).toHaveLength(1);
      for (let replay = 0; replay < 3; replay += 1) {
        const again = await deliver();
        expect([again.statusCode, again.headers['content-type'], again.body]).toEqual([
          first.statusCode,
          first.headers['content-type'],
          first.body,
        ]);
      }
      expect(await reports()).toHaveLength(1);

      // The receipt is kept a day, its answer encrypted, then purged with the rest of the hotline's data.
      const receipt = await testApp.database.db
        .selectFrom('sms_webhook_receipts')
        .selectAll()
        .where('message_sid', '=', params.MessageSid)
        .executeTakeFirstOrThrow();
      expect(receipt.answer_enc).not.toContain('Message');
      const purge = purgeTasks.find((task) => task.tables.includes('sms_webhook_receipts'));
      expect(purge).toBeDefined();
      testApp.clock.advance(25 * 60 * 60 * 1000);
      await purge?.run({ db: testApp.database.db, clock: testApp.clock, dialect });
      const left = await testApp.database.db
        .selectFrom('sms_webhook_receipts')
        .select('message_sid')
        .where('message_sid', '=', params.MessageSid)
        .execute();
      expect(left).toEqual([]);
    });

    it('deliveries of one MessageSid racing each other still make one report', async () => {
      const { network, hotline } = await buildHotlineNetwork(testApp.context);
      const params = {
        MessageSid: `SM${'fedcba9876543210'.repeat(2)}`,
        AccountSid: 'ACtest00000000000000000000000000',
        From: randomPhone(),
        To: hotline,
        Body: 'ICE agents are detaining people at 2231 W 18th St 60608 right now',
        NumMedia: '0',
      };
      const signature = signTwilioRequest(twilioAuthToken, `${publicUrl}${webhookPath}`, params);
      const answers = await Promise.all(
        [0, 1, 2, 3].map(() =>
          testApp.app.inject({
            method: 'POST',
            url: webhookPath,
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
            payload: new URLSearchParams(params).toString(),
          }),
        ),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200]);
      const reports = await testApp.database.db
        .selectFrom('reports')
        .select('id')
        .where('network_id', '=', network.id)
        .execute();
      expect(reports).toHaveLength(1);
    });
  });
});
