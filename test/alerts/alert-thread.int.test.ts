import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildAlertWorld, buildIncident, member } from './support/alert-world.ts';
import { approve, call, outcome } from './support/api.ts';

interface ThreadBody {
  alerts: {
    id: string;
    kind: string;
    state: string;
    referencesAlertId: string | null;
    freeText: Record<string, string>;
    supersededAt: number | null;
    cancelledAt: number | null;
  }[];
}

describeEachDatabase('alert history: the thread of an alert', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  it('lists the original, its correction and its cancellation from any of them, oldest first', async () => {
    const world = await buildAlertWorld(testApp);
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const drafted = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    const original = drafted.json<{ alert: { id: string } }>().alert;
    expect((await approve(testApp, original.id, world.approver)).statusCode).toBe(200);
    testApp.clock.advance(1000);
    const corrected = await call(testApp, 'POST', `/api/alerts/${original.id}/correct`, world.drafter, {
      freeText: { en: 'Agents left at 10:40.', es: 'Los agentes se fueron a las 10:40.' },
    });
    const correction = corrected.json<{ alert: { id: string } }>().alert;
    expect((await approve(testApp, correction.id, world.approver)).statusCode).toBe(200);
    testApp.clock.advance(1000);
    // A cancellation with words is a draft too: one coordinator writes it, another approves it.
    const cancelled = await call(testApp, 'POST', `/api/alerts/${correction.id}/cancel`, world.approver, {
      freeText: { en: 'Sent in error.' },
    });
    expect(cancelled.statusCode).toBe(201);
    const cancellation = cancelled.json<{ alert: { id: string; state: string } }>().alert;
    expect(cancellation.state).toBe('draft');
    expect((await approve(testApp, cancellation.id, world.drafter)).statusCode).toBe(200);

    for (const id of [original.id, correction.id]) {
      const thread = await call(testApp, 'GET', `/api/alerts/${id}/thread`, world.dispatcher);
      expect(thread.statusCode).toBe(200);
      const { alerts } = thread.json<ThreadBody>();
      expect(alerts.map((alert) => alert.kind)).toEqual(['alert', 'correction', 'cancellation']);
      expect(alerts[0]).toMatchObject({ id: original.id, state: 'approved' });
      expect(alerts[0]!.supersededAt).not.toBeNull();
      expect(alerts[0]!.cancelledAt).not.toBeNull();
      expect(alerts[1]).toMatchObject({
        id: correction.id,
        referencesAlertId: original.id,
        freeText: { en: 'Agents left at 10:40.', es: 'Los agentes se fueron a las 10:40.' },
      });
      expect(alerts[2]).toMatchObject({
        referencesAlertId: correction.id,
        freeText: { en: 'Sent in error.' },
      });
    }
  });

  it('keeps the thread from another network and from members without an alert role', async () => {
    const world = await buildAlertWorld(testApp);
    const other = await buildAlertWorld(testApp);
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const drafted = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    const { id } = drafted.json<{ alert: { id: string } }>().alert;
    const responder = await member(testApp.context, world.network.id, { roles: [{ role: 'responder' }] });
    expect(outcome(await call(testApp, 'GET', `/api/alerts/${id}/thread`, other.drafter))).toEqual([
      404,
      'ALERT_NOT_FOUND',
    ]);
    expect(outcome(await call(testApp, 'GET', `/api/alerts/${id}/thread`, responder))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(outcome(await call(testApp, 'GET', `/api/alerts/${id}/thread`, null))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
  });
});
