import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea } from '../support/factories.ts';
import {
  call,
  minuteMs,
  network,
  northOf,
  outcome,
  pilsen,
  postOperatorReport,
  recordEvents,
  staff,
} from './support.ts';
import type { Staff } from './support.ts';

interface IncidentBody {
  id: string;
  status: string;
  reportCount: number;
  sourceCount: number;
  priority: number;
  claim: { memberId: string; displayName: string | null } | null;
}

describeEachDatabase('incidents API: intake, queue and access', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    // One test client sends many reports: the flood limits (tested by their own module) are scaled away.
    testApp = await createTestApp(dialect, { AMPARO_INTAKE_LIMIT_SCALE: '100' });
  });
  afterAll(() => testApp.close());

  async function report(
    operator: Staff,
    payload: Record<string, unknown>,
  ): Promise<{ reportId: string; incidentId: string }> {
    const response = await postOperatorReport(testApp, operator, payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  async function setting() {
    const net = await network(testApp);
    const dispatcher = await staff(testApp, net.id, [{ role: 'dispatcher' }]);
    const colleague = await staff(testApp, net.id, [{ role: 'dispatcher' }]);
    const coordinator = await staff(testApp, net.id, [{ role: 'coordinator' }]);
    return { net, dispatcher, colleague, coordinator };
  }

  const status = (id: string, who: Staff, next: string, note?: string) =>
    call(testApp, 'POST', `/api/incidents/${id}/status`, who, { status: next, ...(note ? { note } : {}) });

  it('lets an operator enter a call, counts distinct callers, and audits the entry', async () => {
    const { net, dispatcher } = await setting();
    const responder = await staff(testApp, net.id, [{ role: 'responder' }]);
    const first = await report(dispatcher, {
      category: 'home',
      location: pilsen,
      callerPhone: '(312) 555-0100',
    });
    const again = await report(dispatcher, {
      category: 'home',
      location: northOf(pilsen, 50),
      callerPhone: '+1 312 555 0100',
    });
    const other = await report(dispatcher, {
      category: 'home',
      location: northOf(pilsen, 80),
      callerPhone: '312-555-0199',
    });
    const anonymous = await report(dispatcher, {
      category: 'home',
      locationText: 'W 18th St and S Paulina St',
    });
    expect(new Set([first.incidentId, again.incidentId, other.incidentId]).size).toBe(1);
    // Address text only: the report cannot be placed, so it waits in its own incident for a dispatcher.
    expect(anonymous.incidentId).not.toBe(first.incidentId);

    const detail = await call(testApp, 'GET', `/api/incidents/${first.incidentId}`, dispatcher);
    expect(detail.json<{ incident: IncidentBody }>().incident).toMatchObject({
      reportCount: 3,
      sourceCount: 2,
    });
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id', 'object_id'])
      .where('chain', '=', net.id)
      .where('action', '=', 'report.entered')
      .execute();
    expect(audit).toHaveLength(4);
    expect(audit.every((entry) => entry.actor_member_id === dispatcher.id)).toBe(true);

    expect(
      outcome(await postOperatorReport(testApp, responder, { category: 'home', location: pilsen })),
    ).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await postOperatorReport(testApp, null, { category: 'home', location: pilsen }))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    expect(
      outcome(
        await postOperatorReport(testApp, dispatcher, { channel: 'web', category: 'home', location: pilsen }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('orders the queue by priority then age, pages with a cursor, and counts by status', async () => {
    const { net, dispatcher } = await setting();
    const now = testApp.clock.now();
    const street = await report(dispatcher, {
      category: 'street_stop',
      location: pilsen,
      occurredAt: now - 30 * minuteMs,
    });
    const olderHome = await report(dispatcher, {
      category: 'home',
      location: northOf(pilsen, 3000),
      occurredAt: now - 20 * minuteMs,
    });
    const newerHome = await report(dispatcher, {
      category: 'home',
      location: northOf(pilsen, 6000),
      occurredAt: now - 10 * minuteMs,
    });
    const busyStreet = await report(dispatcher, {
      category: 'street_stop',
      location: northOf(pilsen, 9000),
      callerPhone: '3125550001',
    });
    await report(dispatcher, {
      category: 'street_stop',
      location: northOf(pilsen, 9000),
      callerPhone: '3125550002',
    });
    await status(street.incidentId, dispatcher, 'verifying');

    const first = await call(testApp, 'GET', '/api/incidents?limit=2', dispatcher);
    expect(first.statusCode).toBe(200);
    const page = first.json<{
      incidents: IncidentBody[];
      counts: Record<string, number>;
      nextCursor: string;
    }>();
    expect(page.incidents.map((incident) => incident.id)).toEqual([
      olderHome.incidentId,
      newerHome.incidentId,
    ]);
    expect(page.counts).toMatchObject({ new: 3, verifying: 1, closed: 0 });
    const second = await call(testApp, 'GET', `/api/incidents?limit=2&cursor=${page.nextCursor}`, dispatcher);
    const rest = second.json<{ incidents: IncidentBody[]; nextCursor: string | null }>();
    expect(rest.incidents.map((incident) => incident.id)).toEqual([busyStreet.incidentId, street.incidentId]);
    expect(rest.nextCursor).toBeNull();
    const verifying = await call(testApp, 'GET', '/api/incidents?status=verifying', dispatcher);
    expect(verifying.json<{ incidents: IncidentBody[] }>().incidents.map((incident) => incident.id)).toEqual([
      street.incidentId,
    ]);
    expect(outcome(await call(testApp, 'GET', '/api/incidents?cursor=bm9wZQ', dispatcher))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(outcome(await call(testApp, 'GET', '/api/incidents?status=bogus', dispatcher))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(net.id).toBeTruthy();
  });

  it('limits an area dispatcher to incidents in their areas, and hides other networks', async () => {
    const { net, dispatcher } = await setting();
    const area = await buildArea(testApp.context, net.id, { center: pilsen, radiusMeters: 1000 });
    const areaDispatcher = await staff(testApp, net.id, [{ role: 'dispatcher', areaId: area.id }]);
    const recorder = recordEvents(testApp);
    const inside = await report(dispatcher, { category: 'home', location: northOf(pilsen, 200) });
    recorder.stop();
    // The area dispatcher's live feed hears about incidents in their area.
    expect(recorder.events.find((event) => event.type === 'incident.opened')?.rooms).toEqual(
      expect.arrayContaining([`role:${net.id}:dispatcher`, `area:${area.id}:role:dispatcher`]),
    );
    const outside = await report(dispatcher, { category: 'home', location: northOf(pilsen, 5000) });
    const unplaced = await report(dispatcher, { category: 'home', locationText: 'near the church' });

    const queue = await call(testApp, 'GET', '/api/incidents', areaDispatcher);
    const body = queue.json<{ incidents: IncidentBody[]; counts: Record<string, number> }>();
    expect(body.incidents.map((incident) => incident.id)).toEqual([inside.incidentId]);
    expect(body.counts.new).toBe(1);
    expect(
      (await call(testApp, 'GET', `/api/incidents/${inside.incidentId}`, areaDispatcher)).statusCode,
    ).toBe(200);
    for (const hidden of [outside.incidentId, unplaced.incidentId]) {
      expect(outcome(await call(testApp, 'GET', `/api/incidents/${hidden}`, areaDispatcher))).toEqual([
        404,
        'INCIDENT_NOT_FOUND',
      ]);
      expect(outcome(await status(hidden, areaDispatcher, 'verifying'))).toEqual([404, 'INCIDENT_NOT_FOUND']);
    }

    const stranger = await staff(testApp, (await network(testApp)).id, [
      { role: 'dispatcher' },
      { role: 'coordinator' },
    ]);
    expect(outcome(await call(testApp, 'GET', `/api/incidents/${inside.incidentId}`, stranger))).toEqual([
      404,
      'INCIDENT_NOT_FOUND',
    ]);
    expect(outcome(await status(inside.incidentId, stranger, 'verifying'))).toEqual([
      404,
      'INCIDENT_NOT_FOUND',
    ]);
    const strangerQueue = await call(testApp, 'GET', '/api/incidents', stranger);
    expect(strangerQueue.json<{ incidents: unknown[] }>().incidents).toEqual([]);

    const responder = await staff(testApp, net.id, [{ role: 'responder' }]);
    const probationary = await staff(testApp, net.id, [{ role: 'dispatcher' }], { status: 'probationary' });
    for (const denied of [responder, probationary]) {
      expect(outcome(await call(testApp, 'GET', '/api/incidents', denied))).toEqual([403, 'FORBIDDEN']);
      expect(outcome(await call(testApp, 'GET', `/api/incidents/${inside.incidentId}`, denied))).toEqual([
        403,
        'FORBIDDEN',
      ]);
    }
    expect(outcome(await call(testApp, 'GET', '/api/incidents', null))).toEqual([401, 'UNAUTHENTICATED']);
    expect(outcome(await call(testApp, 'GET', '/api/incidents/not-a-uuid', dispatcher))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const withoutCsrf = await testApp.app.inject({
      method: 'POST',
      url: `/api/incidents/${inside.incidentId}/status`,
      headers: { cookie: dispatcher.session.cookie },
      payload: { status: 'verifying' },
    });
    expect(outcome(withoutCsrf)).toEqual([403, 'CSRF_FAILED']);
  });

  it('decrypts report text for dispatchers, shows contacts only on request, and audits that read', async () => {
    const { net, dispatcher, coordinator } = await setting();
    const { incidentId, reportId } = await report(dispatcher, {
      category: 'courthouse',
      location: pilsen,
      locationText: '2650 S California Ave',
      description: 'Agents detaining people leaving courtroom 101',
      callbackContact: '312-555-0123',
      contactConsent: true,
    });
    const contactReads = () =>
      testApp.context.database.db
        .selectFrom('audit_log')
        .select('actor_member_id')
        .where('chain', '=', net.id)
        .where('action', '=', 'report.contactRead')
        .execute();
    const plain = await call(testApp, 'GET', `/api/incidents/${incidentId}`, dispatcher);
    const reports = plain.json<{ reports: Record<string, unknown>[] }>().reports;
    expect(reports[0]).toMatchObject({
      id: reportId,
      description: 'Agents detaining people leaving courtroom 101',
      locationText: '2650 S California Ave',
      exactLocation: pilsen,
      hasCallbackContact: true,
    });
    expect(plain.body).not.toContain('555-0123');
    expect(await contactReads()).toEqual([]);
    const withContact = await call(
      testApp,
      'GET',
      `/api/incidents/${incidentId}?includeContact=true`,
      coordinator,
    );
    expect(withContact.json<{ reports: { callbackContact: string }[] }>().reports[0]!.callbackContact).toBe(
      '312-555-0123',
    );
    expect(await contactReads()).toEqual([{ actor_member_id: coordinator.id }]);
  });
});
