import { afterAll, beforeAll, expect, it } from 'vitest';
import { planAlert } from '../../server/modules/alerting/alerts/index.ts';
import { claimDelivery } from '../../server/modules/alerting/alerts/delivery-claim.service.ts';
import type { Claim, DeliveryDeps } from '../../server/modules/alerting/alerts/delivery-claim.service.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildAlertWorld, buildIncident, smsSubscribe } from './support/alert-world.ts';
import { approve, call, uniquePhone } from './support/api.ts';

/**
 * The SMS rate is a promise to the provider and to the carriers: no second may carry more texts
 * than the rate, even when the worker falls behind (a busy machine, a restart) and finds many
 * deliveries whose reserved slots have already passed. These tests drive the claim decisions on
 * a manual clock, so they say exactly when each text would leave.
 */
describeEachDatabase('SMS pacing', (dialect) => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp(dialect, {
      AMPARO_PUBLIC_URL: 'https://amparo.example.org',
      AMPARO_SMS_RATE_PER_SECOND: '100',
    });
  });
  afterAll(async () => {
    await testApp.close();
  });

  const deps = (): DeliveryDeps => ({
    db: testApp.context.database.db,
    dialect,
    clock: testApp.clock,
    crypto: testApp.context.crypto,
    publicUrl: 'https://amparo.example.org',
    smsRatePerSecond: 100,
    retryCapMs: 60_000,
    random: Math.random,
  });

  /** An approved, planned alert to `count` SMS subscribers of a network paced at `perSecond`. */
  async function plannedSmsAlert(count: number, perSecond: number): Promise<string[]> {
    const world = await buildAlertWorld(testApp, { settings: { smsPerSecond: perSecond } });
    for (let index = 0; index < count; index += 1) {
      await smsSubscribe(testApp, world.network.id, uniquePhone(), 'ALTA 60608');
    }
    const incidentId = await buildIncident(testApp.context, world.network.id);
    const draft = await call(testApp, 'POST', '/api/alerts', world.drafter, { incidentId });
    const alertId = draft.json<{ alert: { id: string } }>().alert.id;
    expect((await approve(testApp, alertId, world.approver)).statusCode).toBe(200);
    const { db } = testApp.context.database;
    await planAlert(
      { db, dialect, clock: testApp.clock, jobs: testApp.context.jobs },
      alertId,
      new AbortController().signal,
    );
    const rows = await db
      .selectFrom('alert_deliveries')
      .select('id')
      .where('alert_id', '=', alertId)
      .where('channel', '=', 'sms')
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(count);
    return rows.map((row) => row.id);
  }

  /**
   * Workers claim every waiting delivery each time the clock reaches the earliest moment one of
   * them was told to wait for, as the job loop does; returns the moment each text was let go.
   */
  async function runWorkers(ids: string[], limitMs: number): Promise<number[]> {
    const sentAt: number[] = [];
    let waiting = [...ids];
    const end = testApp.clock.now() + limitMs;
    while (waiting.length > 0 && testApp.clock.now() <= end) {
      const stillWaiting: { id: string; until: number }[] = [];
      for (const id of waiting) {
        const claim: Claim = await claimDelivery(deps(), id, `job:${id}`);
        if (claim.action === 'send') sentAt.push(testApp.clock.now());
        else if (claim.action === 'wait') stillWaiting.push({ id, until: claim.until });
      }
      waiting = stillWaiting.map((entry) => entry.id);
      if (stillWaiting.length > 0) {
        testApp.clock.set(Math.max(testApp.clock.now() + 1, Math.min(...stillWaiting.map((e) => e.until))));
      }
    }
    return sentAt;
  }

  function busiestSecond(times: number[]): number {
    const sorted = [...times].sort((a, b) => a - b);
    let best = 0;
    let first = 0;
    for (let last = 0; last < sorted.length; last += 1) {
      while (sorted[last]! - sorted[first]! >= 1000) first += 1;
      best = Math.max(best, last - first + 1);
    }
    return best;
  }

  /** Every delivery gets its slot (the first is sent at once); then the worker stalls past them all. */
  async function reserveThenStall(ids: string[], stallMs: number): Promise<string[]> {
    testApp.clock.advance(1_000); // a quiet second since the texts of the test before
    const firstPass = await Promise.all(ids.map((id) => claimDelivery(deps(), id, `job:${id}`)));
    expect(firstPass.filter((claim) => claim.action === 'send')).toHaveLength(1);
    testApp.clock.advance(stallMs);
    return ids.filter((_, index) => firstPass[index]!.action !== 'send');
  }

  it('sends at most the rate in any second when every reserved slot has already passed', async () => {
    const ids = await plannedSmsAlert(12, 5);
    // Slots one every 200 ms, then a 10 s stall (a busy machine, a restart): all are in the past.
    const rest = await reserveThenStall(ids, 10_000);
    const sentAt = await runWorkers(rest, 30_000);
    expect(sentAt).toHaveLength(11);
    expect(busiestSecond(sentAt)).toBeLessThanOrEqual(5);
    // The backlog still leaves at the full rate: 11 texts at 5/s take 2 s, not more.
    expect(Math.max(...sentAt) - Math.min(...sentAt)).toBeLessThanOrEqual(2_000);
  });

  it('keeps the account rate across networks whose own rates allow more', async () => {
    const first = await plannedSmsAlert(6, 100);
    const second = await plannedSmsAlert(6, 100);
    const rest = await reserveThenStall([...first, ...second], 5_000);
    // Two networks, an account rate of 100/s: never two texts within 10 ms.
    const sentAt = await runWorkers(rest, 10_000);
    expect(sentAt).toHaveLength(11);
    const sorted = [...sentAt].sort((a, b) => a - b);
    expect(Math.min(...sorted.slice(1).map((time, index) => time - sorted[index]!))).toBeGreaterThanOrEqual(
      10,
    );
  });
});
