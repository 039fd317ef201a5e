import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobWorker } from '../../server/platform/jobs/index.ts';
import { t } from '../../server/platform/i18n/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startFakeTwilio } from '../support/fake-twilio.ts';
import type { FakeTwilio } from '../support/fake-twilio.ts';
import {
  buildAlertWorld,
  buildIncident,
  member,
  startTestWorker,
  testAdapters,
  waitFor,
} from '../alerts/support/alert-world.ts';
import { call, outcome } from '../alerts/support/api.ts';
import { publishingSurfaces } from './publishing-surfaces.ts';
import type { Shown, Surfaces } from './publishing-surfaces.ts';

/**
 * SECURITY.md, alert safety: "Every public word is seen by two people." Each test is one way an
 * attacker holding ONE coordinator account (network-wide, with a fresh second factor) could try
 * to put words in front of the public, driven through the HTTP API as they would, and the proof
 * that nothing they wrote reached a text message, the live page, the JSON a push fetches, CAP or
 * Atom. Issue 14, items 1 to 3.
 */

const publicUrl = 'https://amparo.example.org';
const panic = 'RUN NOW everyone is being taken at the school';

describeEachDatabase('one person cannot publish', (dialect) => {
  let testApp: TestApp;
  let twilio: FakeTwilio;
  let worker: JobWorker;

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    testApp = await createTestApp(dialect, {
      AMPARO_PUBLIC_URL: publicUrl,
      TWILIO_API_BASE: twilio.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+13125550100',
      AMPARO_SMS_RATE_PER_SECOND: '100',
    });
    worker = await startTestWorker(testApp, testAdapters(testApp, null));
  });
  afterAll(async () => {
    await worker.stop();
    await testApp.close();
    await twilio.close();
  });

  let surfaces: Surfaces;
  beforeAll(() => {
    surfaces = publishingSurfaces(testApp, twilio);
  });
  const post: Surfaces['post'] = (...args) => surfaces.post(...args);
  const show: Surfaces['show'] = (...args) => surfaces.show(...args);
  const textsTo: Surfaces['textsTo'] = (phone) => surfaces.textsTo(phone);
  const everythingPublic: Surfaces['everythingPublic'] = (world) => surfaces.everythingPublic(world);
  const liveAlert: Surfaces['liveAlert'] = (world, phones) => surfaces.liveAlert(world, phones);
  const subscribed: Surfaces['subscribed'] = (world, language) => surfaces.subscribed(world, language);

  it('(a) edits the cancellation template, then cancels a live alert alone: nothing of it is sent or published', async () => {
    const world = await buildAlertWorld(testApp);
    const attacker = world.drafter;
    const phone = await subscribed(world);
    const alert = await liveAlert(world, [phone]);

    // The old one-person template edit is gone; a change is only a proposal.
    expect(
      outcome(
        await call(testApp, 'PUT', '/api/alert-templates', attacker, {
          key: 'cancellation',
          language: 'en',
          body: panic,
        }),
      ),
    ).toEqual([404, 'NOT_FOUND']);
    const proposed = await post(attacker, '/api/alert-templates/proposals', {
      key: 'cancellation',
      texts: { en: `${panic} {details}` },
    });
    expect(proposed.statusCode).toBe(201);
    const listed = await call(testApp, 'GET', '/api/alert-templates', attacker);
    const inUse = listed.json<{ templates: { key: string; language: string; body: string }[] }>().templates;
    expect(
      inUse.find((entry) => entry.key === 'cancellation' && entry.language === 'en')!.body,
    ).not.toContain(panic);

    // Cancelling with free text makes a draft; its drafter cannot approve it.
    const cancelled = await post(attacker, `/api/alerts/${alert.id}/cancel`, { freeText: { en: panic } });
    expect(cancelled.statusCode).toBe(201);
    const cancellation = cancelled.json<Shown>().alert;
    expect(cancellation.state).toBe('draft');
    const hash = (await show(attacker, cancellation.id)).content!.hash;
    expect(
      outcome(await post(attacker, `/api/alerts/${cancellation.id}/approve`, { contentHash: hash })),
    ).toEqual([403, 'ALERT_SELF_APPROVAL']);

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(textsTo(phone)).toHaveLength(1);
    expect(twilio.messages.some((message) => message.body.includes(panic))).toBe(false);
    expect((await show(world.dispatcher, cancellation.id)).deliveries.total).toBe(0);
    expect((await show(world.dispatcher, alert.id)).alert.state).toBe('approved');
    const published = await everythingPublic(world);
    expect(published).toContain(alert.publicId);
    expect(published).not.toContain(cancellation.publicId);
    expect(published).not.toContain('RUN NOW');
  });

  it('(b) re-renders between the preview and the approval: the old hash is refused, the new one sends exactly the frozen texts', async () => {
    const world = await buildAlertWorld(testApp);
    const honestTemplateApprover = await member(testApp.context, world.network.id, {
      roles: [{ role: 'coordinator' }],
    });
    const english = await subscribed(world, 'en');
    const spanish = await subscribed(world, 'es');
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const { alert } = (await post(world.drafter, '/api/alerts', { incidentId })).json<Shown>();
    const previewed = await show(world.approver, alert.id);
    expect(previewed.content!.hash).toMatch(/^[0-9a-f]{64}$/);

    // A template change that takes effect does not touch the draft...
    const proposal = (
      await post(world.drafter, '/api/alert-templates/proposals', {
        key: 'alert.workplace',
        texts: { en: 'EDITED after the preview near {place}. {details}' },
      })
    ).json<{ proposal: { id: string } }>().proposal;
    expect(
      (await post(honestTemplateApprover, `/api/alert-templates/proposals/${proposal.id}/approve`))
        .statusCode,
    ).toBe(200);
    expect((await show(world.approver, alert.id)).content).toEqual(previewed.content);
    // ...until the drafter re-renders it: a new hash.
    const rerendered = await post(world.drafter, `/api/alerts/${alert.id}/render`);
    expect(rerendered.statusCode).toBe(200);
    const current = await show(world.approver, alert.id);
    expect(current.content!.hash).not.toBe(previewed.content!.hash);
    expect(current.content!.languages.en!.text).toContain('EDITED after the preview');

    // The approval of what was previewed before is refused, and nothing goes out.
    expect(
      outcome(
        await post(world.approver, `/api/alerts/${alert.id}/approve`, {
          contentHash: previewed.content!.hash,
        }),
      ),
    ).toEqual([409, 'ALERT_CONTENT_CHANGED']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...textsTo(english), ...textsTo(spanish)]).toEqual([]);
    expect((await show(world.approver, alert.id)).alert.state).toBe('draft');

    // Whoever re-rendered cannot approve it either; the second person approves what they now see.
    expect(
      outcome(
        await post(world.drafter, `/api/alerts/${alert.id}/approve`, { contentHash: current.content!.hash }),
      ),
    ).toEqual([403, 'ALERT_SELF_APPROVAL']);
    expect(
      (await post(world.approver, `/api/alerts/${alert.id}/approve`, { contentHash: current.content!.hash }))
        .statusCode,
    ).toBe(200);
    await waitFor(
      () => textsTo(english).length + textsTo(spanish).length,
      (count) => count === 2,
    );
    expect(textsTo(english).map((message) => message.body)).toEqual([current.content!.languages.en!.sms]);
    expect(textsTo(spanish).map((message) => message.body)).toEqual([current.content!.languages.es!.sms]);
    const cap = await testApp.app.inject({
      method: 'GET',
      url: `/a/${world.network.slug}/alerts/${alert.publicId}.cap`,
    });
    expect(cap.body).toBe(current.content!.cap);
    const pushed = await call(testApp, 'GET', `/api/public/alerts/${alert.publicId}?lang=es`, null);
    expect(pushed.json<{ message: { headline: string; text: string } }>().message).toMatchObject({
      headline: current.content!.languages.es!.headline,
      text: current.content!.languages.es!.text,
    });
    // Later template changes never reach it.
    const later = (
      await post(world.drafter, '/api/alert-templates/proposals', {
        key: 'alert.workplace',
        texts: { en: 'CHANGED once more near {place}.' },
      })
    ).json<{ proposal: { id: string } }>().proposal;
    expect(
      (await post(honestTemplateApprover, `/api/alert-templates/proposals/${later.id}/approve`)).statusCode,
    ).toBe(200);
    expect(
      (
        await testApp.app.inject({
          method: 'GET',
          url: `/a/${world.network.slug}/alerts/${alert.publicId}.cap`,
        })
      ).body,
    ).toBe(current.content!.cap);
    expect((await show(world.dispatcher, alert.id)).content).toEqual(current.content);
  });

  it('(c) a correction, an update and an all-clear with free text are held until a second coordinator approves', async () => {
    const world = await buildAlertWorld(testApp);
    const phone = await subscribed(world);
    const alert = await liveAlert(world, [phone]);
    const followUps: Shown['alert'][] = [];
    for (const template of ['correction', 'update', 'allClear'] as const) {
      const drafted = await post(world.drafter, `/api/alerts/${alert.id}/correct`, {
        template,
        freeText: { en: `${panic} (${template})` },
      });
      expect(drafted.statusCode).toBe(201);
      const followUp = drafted.json<Shown>().alert;
      expect(followUp).toMatchObject({ state: 'draft', kind: 'correction' });
      const hash = (await show(world.drafter, followUp.id)).content!.hash;
      expect(
        outcome(await post(world.drafter, `/api/alerts/${followUp.id}/approve`, { contentHash: hash })),
      ).toEqual([403, 'ALERT_SELF_APPROVAL']);
      followUps.push(followUp);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textsTo(phone)).toHaveLength(1);
    expect(await everythingPublic(world)).not.toContain('RUN NOW');

    // The second person approves one: then, and only then, its words go out.
    const update = followUps[1]!;
    const { content } = await show(world.approver, update.id);
    expect(
      (await post(world.approver, `/api/alerts/${update.id}/approve`, { contentHash: content!.hash }))
        .statusCode,
    ).toBe(200);
    await waitFor(
      () => textsTo(phone).length,
      (count) => count === 2,
    );
    expect(textsTo(phone)[1]!.body).toBe(content!.languages.en!.sms);
    expect(content!.cap).toContain('<msgType>Update</msgType>');
    expect(content!.cap).toContain(`<references>`);
    expect(content!.cap).toContain(alert.publicId);
  });

  it('(d) retracts alone with the shipped text only; the area stays stopped until a second coordinator reviews', async () => {
    const world = await buildAlertWorld(testApp);
    const phone = await subscribed(world);
    const alert = await liveAlert(world, [phone]);
    // The retraction's confirmation quotes, from the preview, the fixed text in every language.
    const preview = await call(testApp, 'GET', `/api/alerts/${alert.id}/preview`, world.approver);
    const { retractionText } = preview.json<{ retractionText: Record<string, string> }>();
    expect(Object.keys(retractionText)).toEqual(['en', 'es', 'ar']);
    for (const [language, text] of Object.entries(retractionText))
      expect(text).toBe(t(language, 'alerts.retraction.text'));
    // A retraction takes no words at all.
    expect(
      outcome(await post(world.drafter, `/api/alerts/${alert.id}/retract`, { freeText: { en: panic } })),
    ).toEqual([400, 'VALIDATION_FAILED']);

    const retracted = await post(world.drafter, `/api/alerts/${alert.id}/retract`);
    expect(retracted.statusCode).toBe(201);
    const body = retracted.json<{ alert: Shown['alert']; areaStops: { areaId: string | null }[] }>();
    expect(body.alert).toMatchObject({ kind: 'cancellation', state: 'approved' });
    expect(body.areaStops.map((stop) => stop.areaId)).toEqual([world.areaId]);
    const frozen = (await show(world.dispatcher, body.alert.id)).content!;
    for (const [language, texts] of Object.entries(frozen.languages)) {
      expect(texts.text).toBe(t(language, 'alerts.retraction.text'));
    }
    await waitFor(
      () => textsTo(phone).length,
      (count) => count === 2,
    );
    const sent = textsTo(phone)[1]!.body;
    expect(sent).toBe(frozen.languages.en!.sms);
    expect(sent).toBe(
      `${world.network.name}: ${t('en', 'alerts.retraction.text')} ${publicUrl}/a/${world.network.slug} Reply STOP to end.`,
    );
    expect(frozen.cap).toContain('<msgType>Cancel</msgType>');
    expect(frozen.cap).toContain(alert.publicId);
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id'])
      .where('chain', '=', world.network.id)
      .where('action', 'in', ['alert.retracted', 'alert.retractionReviewed'])
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([{ action: 'alert.retracted', actor_member_id: world.drafter.id }]);

    // The area is stopped: another alert there is not approved, by anyone, until the review.
    const listed = await call(testApp, 'GET', '/api/alerts', world.dispatcher);
    // Each stop says where, who, when and why (the alert withdrawn), for the review screen.
    type Stop = { areaName: string | null; stoppedAt: number } & Record<string, unknown>;
    const stops = listed.json<{ stopSwitch: { areaStops: Stop[] } }>().stopSwitch.areaStops;
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({
      areaId: world.areaId,
      retractionId: body.alert.id,
      retractedAlertId: alert.id,
      stoppedBy: world.drafter.id,
    });
    expect(stops[0]!.areaName).toMatch(/\S/);
    expect(stops[0]!.stoppedAt).toBeGreaterThan(0);
    const next = (
      await post(world.drafter, '/api/alerts', {
        incidentId: await buildIncident(testApp.context, world.network.id),
      })
    ).json<Shown>().alert;
    const nextHash = (await show(world.approver, next.id)).content!.hash;
    expect(
      outcome(await post(world.approver, `/api/alerts/${next.id}/approve`, { contentHash: nextHash })),
    ).toEqual([423, 'ALERT_AREA_STOPPED']);
    expect(outcome(await post(world.drafter, `/api/alerts/${body.alert.id}/review-retraction`))).toEqual([
      403,
      'ALERT_RETRACTION_SELF_REVIEW',
    ]);
    expect(outcome(await post(world.approver, `/api/alerts/${alert.id}/review-retraction`))).toEqual([
      409,
      'ALERT_NOT_RETRACTION',
    ]);
    expect((await post(world.approver, `/api/alerts/${body.alert.id}/review-retraction`)).statusCode).toBe(
      200,
    );
    expect(outcome(await post(world.approver, `/api/alerts/${body.alert.id}/review-retraction`))).toEqual([
      409,
      'ALERT_RETRACTION_REVIEWED',
    ]);
    expect(
      (await post(world.approver, `/api/alerts/${next.id}/approve`, { contentHash: nextHash })).statusCode,
    ).toBe(200);
    await waitFor(
      () => textsTo(phone).length,
      (count) => count === 3,
    );
  });

  it('(e) cannot approve their own template change', async () => {
    const world = await buildAlertWorld(testApp);
    const proposal = (
      await post(world.drafter, '/api/alert-templates/proposals', {
        key: 'cancellation',
        texts: { en: `${panic} {details}`, es: `${panic} {details}` },
      })
    ).json<{ proposal: { id: string } }>().proposal;
    expect(
      outcome(await post(world.drafter, `/api/alert-templates/proposals/${proposal.id}/approve`)),
    ).toEqual([403, 'TEMPLATE_SELF_APPROVAL']);
    // An admin account is no second coordinator either.
    expect(outcome(await post(world.admin, `/api/alert-templates/proposals/${proposal.id}/approve`))).toEqual(
      [403, 'FORBIDDEN'],
    );
    const listed = await call(testApp, 'GET', '/api/alert-templates', world.drafter);
    expect(
      listed.json<{ templates: { isDefault: boolean }[] }>().templates.every((entry) => entry.isDefault),
    ).toBe(true);
  });

  it('(f) a stale hash, a missing or malformed hash, a template with unknown placeholders: a clear 4xx, never a 500', async () => {
    const world = await buildAlertWorld(testApp);
    const { alert } = (
      await post(world.drafter, '/api/alerts', {
        incidentId: await buildIncident(testApp.context, world.network.id),
      })
    ).json<Shown>();
    const stale = (await show(world.approver, alert.id)).content!.hash;
    // A re-render later fixes a new CAP `sent`: a new hash even with the same templates.
    testApp.clock.advance(1000);
    expect((await post(world.drafter, `/api/alerts/${alert.id}/render`)).statusCode).toBe(200);
    const approveWith = (body: object) => post(world.approver, `/api/alerts/${alert.id}/approve`, body);
    expect(outcome(await approveWith({ contentHash: stale }))).toEqual([409, 'ALERT_CONTENT_CHANGED']);
    expect(outcome(await approveWith({}))).toEqual([400, 'VALIDATION_FAILED']);
    expect(outcome(await approveWith({ contentHash: 'ABC' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(outcome(await approveWith({ contentHash: stale.toUpperCase() }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(outcome(await approveWith({ contentHash: stale, extra: 1 }))).toEqual([400, 'VALIDATION_FAILED']);
    const noBody = await testApp.app.inject({
      method: 'POST',
      url: `/api/alerts/${alert.id}/approve`,
      headers: world.approver.session.headers,
    });
    expect(outcome(noBody)).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      outcome(
        await post(world.drafter, '/api/alert-templates/proposals', {
          key: 'cancellation',
          texts: { en: 'Withdrawn {place} {victim}' },
        }),
      ),
    ).toEqual([400, 'TEMPLATE_INVALID']);
    expect(
      outcome(
        await post(world.drafter, '/api/alert-templates/proposals', {
          key: 'cancellation',
          texts: { en: 'Withdrawn {place' },
        }),
      ),
    ).toEqual([400, 'TEMPLATE_INVALID']);
    expect((await show(world.approver, alert.id)).alert.state).toBe('draft');
  });
});
