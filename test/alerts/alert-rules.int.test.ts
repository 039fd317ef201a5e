import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea } from '../support/factories.ts';
import { buildAlertWorld, buildIncident, member } from './support/alert-world.ts';
import type { AlertWorld } from './support/alert-world.ts';
import { approve as approveAs, call, outcome } from './support/api.ts';

interface AlertBody {
  alert: {
    id: string;
    state: string;
    isOverride: boolean;
    messages: Record<string, { text: string; sms: string; headline: string }>;
  };
}

describeEachDatabase('alert approval rules', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function draft(world: AlertWorld, body: Record<string, unknown> = {}) {
    const incidentId =
      (body.incidentId as string | undefined) ?? (await buildIncident(testApp.context, world.network.id));
    const response = await call(testApp, 'POST', '/api/alerts', world.drafter, { ...body, incidentId });
    expect(response.statusCode).toBe(201);
    return response.json<AlertBody>().alert;
  }
  const approve = (alertId: string, who: Parameters<typeof call>[3]) => approveAs(testApp, alertId, who);

  it('needs a different coordinator, for the area, with a fresh second factor', async () => {
    const world = await buildAlertWorld(testApp);
    const alert = await draft(world);
    const elsewhere = await buildArea(testApp.context, world.network.id, {
      center: { lat: 41.95, lon: -87.65 },
      radiusMeters: 1000,
    });
    const wrongArea = await member(testApp.context, world.network.id, {
      roles: [{ role: 'coordinator', areaId: elsewhere.id }],
    });
    const notSteppedUp = await member(
      testApp.context,
      world.network.id,
      { roles: [{ role: 'coordinator' }] },
      false,
    );
    const probationary = await member(testApp.context, world.network.id, {
      roles: [{ role: 'coordinator' }],
      status: 'probationary',
    });

    expect(outcome(await approve(alert.id, null))).toEqual([401, 'UNAUTHENTICATED']);
    expect(outcome(await approve(alert.id, world.drafter))).toEqual([403, 'ALERT_SELF_APPROVAL']);
    expect(outcome(await approve(alert.id, world.dispatcher))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await approve(alert.id, world.admin))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await approve(alert.id, probationary))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await approve(alert.id, wrongArea))).toEqual([403, 'ALERT_AREA_NOT_COVERED']);
    expect(outcome(await approve(alert.id, notSteppedUp))).toEqual([403, 'STEP_UP_REQUIRED']);
    // The step-up window is five minutes: an older proof no longer counts.
    testApp.clock.advance(6 * 60 * 1000);
    expect(outcome(await approve(alert.id, world.approver))).toEqual([403, 'STEP_UP_REQUIRED']);
    testApp.clock.advance(-6 * 60 * 1000);

    const approved = await approve(alert.id, world.approver);
    expect(approved.statusCode).toBe(200);
    const body = approved.json<AlertBody>().alert;
    expect(body.state).toBe('approved');
    expect(Object.keys(body.messages).sort()).toEqual(['ar', 'en', 'es']);
    expect(outcome(await approve(alert.id, world.approver))).toEqual([409, 'ALERT_NOT_DRAFT']);
    const plan = await testApp.context.database.db
      .selectFrom('jobs')
      .select(['name', 'status'])
      .where('idempotency_key', '=', `alerts.plan:${alert.id}`)
      .execute();
    expect(plan).toEqual([{ name: 'alerts.plan', status: 'pending' }]);
  });

  it('drafts only from a verified incident, or with an override two people confirm; never from a false alarm', async () => {
    const world = await buildAlertWorld(testApp);
    const unverified = await buildIncident(testApp.context, world.network.id, { status: 'verifying' });
    const refused = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId: unverified });
    expect(outcome(refused)).toEqual([409, 'ALERT_INCIDENT_NOT_VERIFIED']);
    const falseAlarm = await buildIncident(testApp.context, world.network.id, { status: 'false_alarm' });
    expect(
      outcome(
        await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId: falseAlarm, override: true }),
      ),
    ).toEqual([409, 'ALERT_INCIDENT_NOT_ALERTABLE']);
    const unlocated = await buildIncident(testApp.context, world.network.id, { lat: null, lon: null });
    expect(
      outcome(await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId: unlocated })),
    ).toEqual([409, 'ALERT_INCIDENT_UNLOCATED']);
    const otherNetwork = await buildAlertWorld(testApp);
    const foreign = await buildIncident(testApp.context, otherNetwork.network.id);
    expect(
      outcome(await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId: foreign })),
    ).toEqual([404, 'INCIDENT_NOT_FOUND']);

    const alert = await draft(world, { incidentId: unverified, override: true });
    expect(alert.isOverride).toBe(true);
    expect(outcome(await approve(alert.id, world.approver))).toEqual([409, 'ALERT_OVERRIDE_UNCONFIRMED']);
    const confirmUrl = `/api/alerts/${alert.id}/confirm-override`;
    expect(outcome(await call(testApp, 'POST', confirmUrl, world.drafter))).toEqual([
      403,
      'ALERT_OVERRIDE_SELF_CONFIRMATION',
    ]);
    expect(outcome(await call(testApp, 'POST', confirmUrl, world.dispatcher))).toEqual([403, 'FORBIDDEN']);
    expect((await call(testApp, 'POST', confirmUrl, world.approver)).statusCode).toBe(200);
    expect((await approve(alert.id, world.approver)).statusCode).toBe(200);

    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id'])
      .where('object_id', '=', alert.id)
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'alert.overrideRequested', actor_member_id: world.drafter.id },
      { action: 'alert.overrideConfirmed', actor_member_id: world.approver.id },
      { action: 'alert.approved', actor_member_id: world.approver.id },
    ]);
  });

  it('refuses an approval once the incident was judged a false alarm', async () => {
    const world = await buildAlertWorld(testApp);
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const alert = await draft(world, { incidentId });
    await testApp.context.database.db
      .updateTable('incidents')
      .set({ status: 'false_alarm' })
      .where('id', '=', incidentId)
      .execute();
    expect(outcome(await approve(alert.id, world.approver))).toEqual([409, 'ALERT_INCIDENT_NOT_ALERTABLE']);
  });

  it('caps live alerts per area per hour; exercises are not counted', async () => {
    const world = await buildAlertWorld(testApp, { settings: { alertCapPerAreaPerHour: 1 } });
    const first = await draft(world);
    const second = await draft(world);
    const drill = await draft(world, { status: 'exercise' });
    expect((await approve(first.id, world.approver)).statusCode).toBe(200);
    const capped = await approve(second.id, world.approver);
    expect(outcome(capped)).toEqual([429, 'ALERT_CAP_REACHED']);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(3500);
    expect((await approve(drill.id, world.approver)).statusCode).toBe(200);
    testApp.clock.advance(61 * 60 * 1000);
    const later = await member(testApp.context, world.network.id, { roles: [{ role: 'coordinator' }] });
    expect((await approve(second.id, later)).statusCode).toBe(200);
  });

  it('has a stop switch: on halts approvals at once; off needs a fresh second factor', async () => {
    const world = await buildAlertWorld(testApp);
    const alert = await draft(world);
    const switchUrl = '/api/alerts/stop-switch';
    expect(
      outcome(
        await call(testApp, 'POST', switchUrl, world.dispatcher, {
          isStopped: true,
          reason: 'Checking a report',
        }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    const tired = await member(
      testApp.context,
      world.network.id,
      { roles: [{ role: 'coordinator' }] },
      false,
    );
    expect(
      (await call(testApp, 'POST', switchUrl, tired, { isStopped: true, reason: 'Checking a report' }))
        .statusCode,
    ).toBe(200);
    expect(outcome(await approve(alert.id, world.approver))).toEqual([423, 'ALERTS_STOPPED']);
    expect(
      outcome(await call(testApp, 'POST', switchUrl, tired, { isStopped: false, reason: 'Report checked' })),
    ).toEqual([403, 'STEP_UP_REQUIRED']);
    const list = await call(testApp, 'GET', '/api/alerts', world.dispatcher);
    expect(list.json<{ stopSwitch: { isStopped: boolean } }>().stopSwitch.isStopped).toBe(true);
    expect(
      (await call(testApp, 'POST', switchUrl, world.admin, { isStopped: false, reason: 'Report checked' }))
        .statusCode,
    ).toBe(200);
    expect((await approve(alert.id, world.approver)).statusCode).toBe(200);
  });

  it('rejects oversized or malformed text with stable codes', async () => {
    const world = await buildAlertWorld(testApp);
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const tooLong = await call(testApp, 'POST', '/api/alerts', world.drafter, {
      incidentId,
      freeText: { en: 'x'.repeat(281) },
    });
    expect(outcome(tooLong)).toEqual([400, 'TEMPLATE_TOO_LONG']);
    const fits = await call(testApp, 'POST', '/api/alerts', world.drafter, {
      incidentId,
      freeText: { en: 'x'.repeat(280) },
    });
    expect(fits.statusCode).toBe(201);
    const wrongLanguage = await call(testApp, 'POST', '/api/alerts', world.drafter, {
      incidentId,
      freeText: { fr: 'Bonjour' },
    });
    expect(outcome(wrongLanguage)).toEqual([400, 'VALIDATION_FAILED']);
    for (const body of [
      { incidentId, status: 'test' },
      { incidentId, radiusMeters: 5 },
      { incidentId, extra: 1 },
      {},
    ]) {
      expect(outcome(await call(testApp, 'POST', '/api/alerts', world.drafter, body))).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
    }
    const template = (body: unknown, who = world.admin) =>
      call(testApp, 'POST', '/api/alert-templates/proposals', who, {
        key: 'alert.workplace',
        texts: { en: body },
      });
    expect(outcome(await template('y'.repeat(481)))).toEqual([400, 'TEMPLATE_TOO_LONG']);
    expect(outcome(await template('Agents near {place} {address}'))).toEqual([400, 'TEMPLATE_INVALID']);
    expect(outcome(await template('Agents near {place'))).toEqual([400, 'TEMPLATE_INVALID']);
    expect(outcome(await template('Agents near {place}', world.dispatcher))).toEqual([403, 'FORBIDDEN']);
  });

  it('applies a template change once a second coordinator approves it; drafts and approved alerts keep their frozen text', async () => {
    const world = await buildAlertWorld(testApp);
    const approved = await draft(world);
    await approve(approved.id, world.approver);
    const draftBefore = await draft(world);
    const proposed = await call(testApp, 'POST', '/api/alert-templates/proposals', world.admin, {
      key: 'alert.workplace',
      texts: { en: 'CONFIRMED: agents at a job site near {place} since {time}. {details}' },
    });
    expect(proposed.statusCode).toBe(201);
    const proposalId = proposed.json<{ proposal: { id: string } }>().proposal.id;
    // Proposed, not in effect: a draft made now still uses the text in use.
    expect((await draft(world)).messages.en!.text).toContain('VERIFIED');
    const decided = await call(
      testApp,
      'POST',
      `/api/alert-templates/proposals/${proposalId}/approve`,
      world.drafter,
      {},
    );
    expect(decided.statusCode).toBe(200);
    const draftAfter = await draft(world);
    const preview = await call(testApp, 'GET', `/api/alerts/${draftAfter.id}/preview`, world.dispatcher);
    const english = preview
      .json<{ languages: { language: string; text: string }[] }>()
      .languages.find((entry) => entry.language === 'en');
    expect(english?.text).toContain('CONFIRMED: agents at a job site near');
    // The draft made before keeps the text it was drafted with, and so does the approved alert.
    for (const id of [draftBefore.id, approved.id]) {
      const frozen = await call(testApp, 'GET', `/api/alerts/${id}`, world.dispatcher);
      expect(frozen.json<AlertBody>().alert.messages.en!.text).toContain('VERIFIED');
    }
    const listed = await call(testApp, 'GET', '/api/alert-templates', world.dispatcher);
    const templates = listed.json<{
      templates: { key: string; language: string; isDefault: boolean; version: string }[];
    }>().templates;
    expect(templates).toHaveLength(33);
    expect(templates.filter((entry) => !entry.isDefault)).toEqual([
      expect.objectContaining({ key: 'alert.workplace', language: 'en', version: proposalId }),
    ]);
    expect(
      (
        await call(testApp, 'POST', '/api/alert-templates/proposals', world.admin, {
          key: 'alert.workplace',
          texts: { en: null },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('labels an exercise in every language and in every rendering', async () => {
    const world = await buildAlertWorld(testApp);
    const drill = await draft(world, { status: 'exercise' });
    const approved = (await approve(drill.id, world.approver)).json<AlertBody>().alert;
    for (const message of Object.values(approved.messages)) {
      for (const rendering of [message.headline, message.text, message.sms])
        expect(rendering).toContain('EXERCISE');
    }
  });

  it('keeps another network out of an alert', async () => {
    const world = await buildAlertWorld(testApp);
    const other = await buildAlertWorld(testApp);
    const alert = await draft(world);
    expect((await approve(alert.id, world.approver)).statusCode).toBe(200);
    const outsider = await member(testApp.context, other.network.id, { roles: [{ role: 'coordinator' }] });
    for (const url of [`/api/alerts/${alert.id}`, `/api/alerts/${alert.id}/preview`]) {
      expect(outcome(await call(testApp, 'GET', url, outsider))).toEqual([404, 'ALERT_NOT_FOUND']);
    }
    const cancel = await call(testApp, 'POST', `/api/alerts/${alert.id}/cancel`, outsider, {});
    expect(outcome(cancel)).toEqual([404, 'ALERT_NOT_FOUND']);
    expect(outcome(await call(testApp, 'GET', `/api/alerts/${alert.id}`, null))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
  });
});
