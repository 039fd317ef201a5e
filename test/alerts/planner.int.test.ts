import { afterAll, beforeAll, expect, it } from 'vitest';
import { planAlert } from '../../server/modules/alerting/alerts/index.ts';
import { systemClock } from '../../server/platform/clock/clock.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildAlertWorld, buildIncident, pilsen, pilsenZip } from './support/alert-world.ts';
import type { AlertWorld } from './support/alert-world.ts';
import { approve, call } from './support/api.ts';
import { insertSubscribers } from './support/bulk-subscribers.ts';

describeEachDatabase('alert planner', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());
  const db = () => testApp.context.database.db;

  async function approvedAlert(world: AlertWorld): Promise<string> {
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    const alertId = draft.json<{ alert: { id: string } }>().alert.id;
    expect((await approve(testApp, alertId, world.approver)).statusCode).toBe(200);
    return alertId;
  }

  async function counts(alertId: string) {
    const deliveries = await db()
      .selectFrom('alert_deliveries')
      .select(['id', 'recipient_id', 'channel'])
      .where('alert_id', '=', alertId)
      .execute();
    const jobs = await db()
      .selectFrom('jobs')
      .select('idempotency_key')
      .where('name', 'in', ['alerts.deliverSms', 'alerts.deliverPush', 'alerts.deliverEmail'])
      .where(
        'idempotency_key',
        'in',
        deliveries.length > 0
          ? deliveries.map(
              (row) =>
                `alerts.deliver${row.channel === 'sms' ? 'Sms' : row.channel === 'push' ? 'Push' : 'Email'}:${row.id}`,
            )
          : [''],
      )
      .execute();
    return {
      deliveries: deliveries.length,
      recipients: new Set(deliveries.map((row) => row.recipient_id)).size,
      jobs: jobs.length,
    };
  }

  it('resumes from its cursor after a crash mid-plan and never plans a recipient twice', async () => {
    const world = await buildAlertWorld(testApp);
    await insertSubscribers(testApp.context, {
      networkId: world.network.id,
      matching: 1_300,
      others: 400,
      point: pilsen,
      zip: pilsenZip,
      farZip: '60601',
    });
    const alertId = await approvedAlert(world);

    // The first run stops after its first committed batch, as if the worker died there.
    const stop = new AbortController();
    const interrupted = planAlert(
      { db: db(), dialect, clock: systemClock, jobs: { wake: () => stop.abort() } },
      alertId,
      stop.signal,
    );
    await expect(interrupted).rejects.toThrow(/resumes from its cursor/);
    expect((await counts(alertId)).deliveries).toBe(500);

    // A retried job and a duplicate run at the same time: one wins each batch, the other stops.
    const noop = { wake: () => undefined };
    await Promise.all([
      planAlert({ db: db(), dialect, clock: systemClock, jobs: noop }, alertId, new AbortController().signal),
      planAlert({ db: db(), dialect, clock: systemClock, jobs: noop }, alertId, new AbortController().signal),
    ]);
    expect(await counts(alertId)).toEqual({ deliveries: 1_300, recipients: 1_300, jobs: 1_300 });
    const alert = await db()
      .selectFrom('alerts')
      .select(['plan_state', 'planned_at'])
      .where('id', '=', alertId)
      .executeTakeFirstOrThrow();
    expect(alert.plan_state).toBe('planned');
    await planAlert(
      { db: db(), dialect, clock: systemClock, jobs: noop },
      alertId,
      new AbortController().signal,
    );
    expect((await counts(alertId)).deliveries).toBe(1_300);
  });

  it('plans 5,000 of 6,000 subscribers in batches (timed)', async () => {
    const world = await buildAlertWorld(testApp);
    await insertSubscribers(testApp.context, {
      networkId: world.network.id,
      matching: 5_000,
      others: 1_000,
      point: pilsen,
      zip: pilsenZip,
      farZip: '60601',
    });
    const alertId = await approvedAlert(world);
    const started = performance.now();
    await planAlert(
      { db: db(), dialect, clock: systemClock, jobs: { wake: () => undefined } },
      alertId,
      new AbortController().signal,
    );
    const elapsedMs = performance.now() - started;
    expect(await counts(alertId)).toEqual({ deliveries: 5_000, recipients: 5_000, jobs: 5_000 });
    console.log(`[${dialect}] planned 5,000 deliveries (and their jobs) in ${Math.round(elapsedMs)} ms`);
  }, 120_000);
});
