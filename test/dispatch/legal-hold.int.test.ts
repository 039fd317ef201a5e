import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork, signIn } from '../support/factories.ts';
import { buildIncident } from '../intake/incident-factory.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** Issue 15 §2: a coordinator's legal hold on an incident's evidence (step-up, audited, reviewed every 90 days). */
describeEachDatabase('legal hold on evidence', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  it('is placed, reviewed and lifted by a coordinator with step-up, audited, its reason encrypted', async () => {
    const network = await buildNetwork(testApp.context);
    const coordinator = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'coordinator' }],
    });
    const dispatcher = await buildMember(testApp.context, {
      networkId: network.id,
      roles: [{ role: 'dispatcher' }],
    });
    const incident = await buildIncident(testApp.context, network.id);
    const url = `/api/incidents/${incident.id}/legal-hold`;
    const call = async (
      member: typeof coordinator,
      method: 'GET' | 'PUT' | 'DELETE',
      options: { stepUp?: boolean; reason?: string } = {},
    ) =>
      testApp.app.inject({
        method,
        url,
        headers: (await signIn(testApp.context, member, { secondFactorProved: options.stepUp ?? false }))
          .headers,
        ...(method === 'PUT' ? { payload: { reason: options.reason ?? '' } } : {}),
      });
    const reason = 'MKL3390 counsel filed a complaint';

    expect((await call(dispatcher, 'GET')).json()).toEqual({ legalHold: null });
    expect((await call(dispatcher, 'PUT', { stepUp: true, reason })).statusCode).toBe(403);
    const noStepUp = await call(coordinator, 'PUT', { reason });
    expect(noStepUp.json<{ error: { code: string } }>().error.code).toBe('STEP_UP_REQUIRED');
    expect((await call(coordinator, 'PUT', { stepUp: true, reason: '' })).statusCode).toBe(400);

    const placed = await call(coordinator, 'PUT', { stepUp: true, reason });
    expect(placed.statusCode).toBe(200);
    const hold = placed.json<{
      legalHold: { reason: string; reviewDueAt: number; isReviewOverdue: boolean };
    }>().legalHold;
    expect(hold).toMatchObject({ reason, isReviewOverdue: false });
    expect(hold.reviewDueAt).toBe(testApp.clock.now() + 90 * dayMs);
    const row = await testApp.database.db
      .selectFrom('evidence_legal_holds')
      .select('reason_enc')
      .executeTakeFirstOrThrow();
    expect(row.reason_enc).not.toContain('MKL3390');

    // Shown overdue after 90 days; a review renews it.
    testApp.clock.advance(91 * dayMs);
    expect(
      (await call(dispatcher, 'GET')).json<{ legalHold: { isReviewOverdue: boolean } }>().legalHold
        .isReviewOverdue,
    ).toBe(true);
    const reviewed = await call(coordinator, 'PUT', { stepUp: true, reason: 'still needed for the case' });
    expect(reviewed.json<{ legalHold: { isReviewOverdue: boolean } }>().legalHold.isReviewOverdue).toBe(
      false,
    );

    expect((await call(dispatcher, 'DELETE', { stepUp: true })).statusCode).toBe(403);
    expect((await call(coordinator, 'DELETE', { stepUp: true })).json()).toEqual({ legalHold: null });
    const actions = await testApp.database.db
      .selectFrom('audit_log')
      .select(['action', 'metadata'])
      .where('object_id', '=', incident.id)
      .where('action', 'like', 'evidence.legalHold%')
      .orderBy('seq')
      .execute();
    expect(actions.map((entry) => entry.action)).toEqual([
      'evidence.legalHoldPlaced',
      'evidence.legalHoldReviewed',
      'evidence.legalHoldLifted',
    ]);
    expect(JSON.stringify(actions)).not.toContain('MKL3390');
  });
});
