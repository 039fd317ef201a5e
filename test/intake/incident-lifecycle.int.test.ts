import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAppJobRegistry } from '../../server/jobs.ts';
import { expireUnverifiedIncidents } from '../../server/modules/intake/incidents/index.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
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

describeEachDatabase('incidents API: lifecycle, claims, notes, merge and split', (dialect) => {
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

  it('walks the lifecycle, refuses invalid transitions, and audits and pushes every change', async () => {
    const { net, dispatcher } = await setting();
    const { incidentId } = await report(dispatcher, { category: 'checkpoint', location: pilsen });
    const recorder = recordEvents(testApp);
    expect(outcome(await status(incidentId, dispatcher, 'confirmed'))).toEqual([
      409,
      'INCIDENT_TRANSITION_INVALID',
    ]);
    const verifying = await status(incidentId, dispatcher, 'verifying');
    expect(verifying.statusCode).toBe(200);
    // Whoever starts verifying an unclaimed incident holds it.
    expect(verifying.json<{ incident: IncidentBody }>().incident.claim?.memberId).toBe(dispatcher.id);
    expect(
      (await status(incidentId, dispatcher, 'confirmed', 'Legal observer on scene confirms')).statusCode,
    ).toBe(200);
    expect(outcome(await status(incidentId, dispatcher, 'false_alarm'))).toEqual([
      409,
      'INCIDENT_TRANSITION_INVALID',
    ]);
    expect((await status(incidentId, dispatcher, 'closed')).statusCode).toBe(200);
    expect(outcome(await status(incidentId, dispatcher, 'verifying'))).toEqual([409, 'INCIDENT_CLOSED']);
    expect(
      outcome(await call(testApp, 'POST', `/api/incidents/${incidentId}/claim`, dispatcher, {})),
    ).toEqual([409, 'INCIDENT_CLOSED']);
    recorder.stop();

    const changes = recorder.events.filter((event) => event.type === 'incident.statusChanged');
    expect(changes.map((event) => event.data.toStatus)).toEqual(['verifying', 'confirmed', 'closed']);
    expect(changes[0]!.rooms).toContain(`role:${net.id}:dispatcher`);
    expect(JSON.stringify(changes)).not.toContain('Legal observer');
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select(['metadata'])
      .where('chain', '=', net.id)
      .where('action', '=', 'incident.statusChanged')
      .where('object_id', '=', incidentId)
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => (JSON.parse(entry.metadata) as { toStatus: string }).toStatus)).toEqual([
      'verifying',
      'confirmed',
      'closed',
    ]);
    const detail = await call(testApp, 'GET', `/api/incidents/${incidentId}`, dispatcher);
    const history = detail.json<{ history: { kind: string; toStatus: string | null }[] }>().history;
    expect(history.map((entry) => `${entry.kind}:${entry.toStatus}`)).toEqual([
      'opened:new',
      'statusChanged:verifying',
      'statusChanged:confirmed',
      'statusChanged:closed',
    ]);
    const notes = await call(testApp, 'GET', `/api/incidents/${incidentId}/notes`, dispatcher);
    expect(notes.json<{ notes: { body: string }[] }>().notes.map((note) => note.body)).toEqual([
      'Legal observer on scene confirms',
    ]);
    // A new report at the same place opens a new incident: a closed one takes no reports.
    expect((await report(dispatcher, { category: 'checkpoint', location: pilsen })).incidentId).not.toBe(
      incidentId,
    );
  });

  it('shows who holds a claim, refuses a silent takeover, and audits an explicit one', async () => {
    const { net, dispatcher, colleague } = await setting();
    const { incidentId } = await report(dispatcher, { category: 'transport', location: pilsen });
    const claimUrl = `/api/incidents/${incidentId}/claim`;
    const claimed = await call(testApp, 'POST', claimUrl, dispatcher, {});
    expect(claimed.json<{ incident: IncidentBody }>().incident.claim).toEqual(
      expect.objectContaining({ memberId: dispatcher.id, displayName: dispatcher.displayName }),
    );
    expect(outcome(await call(testApp, 'POST', claimUrl, colleague, {}))).toEqual([409, 'INCIDENT_CLAIMED']);
    expect(outcome(await status(incidentId, colleague, 'verifying'))).toEqual([409, 'INCIDENT_CLAIMED']);
    const queue = await call(testApp, 'GET', '/api/incidents', colleague);
    expect(queue.json<{ incidents: IncidentBody[] }>().incidents[0]!.claim?.displayName).toBe(
      dispatcher.displayName,
    );

    const takenOver = await call(testApp, 'POST', claimUrl, colleague, { takeOver: true });
    expect(takenOver.json<{ incident: IncidentBody }>().incident.claim?.memberId).toBe(colleague.id);
    expect(outcome(await call(testApp, 'POST', `/api/incidents/${incidentId}/release`, dispatcher))).toEqual([
      409,
      'INCIDENT_CLAIMED',
    ]);
    expect((await status(incidentId, colleague, 'verifying')).statusCode).toBe(200);
    const released = await call(testApp, 'POST', `/api/incidents/${incidentId}/release`, colleague);
    expect(released.json<{ incident: IncidentBody }>().incident.claim).toBeNull();

    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_member_id', 'metadata'])
      .where('chain', '=', net.id)
      .where('object_id', '=', incidentId)
      .where('action', 'like', 'incident.claim%')
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => [entry.action, entry.actor_member_id])).toEqual([
      ['incident.claimed', dispatcher.id],
      ['incident.claimTakenOver', colleague.id],
      ['incident.claimReleased', colleague.id],
    ]);
    expect(JSON.parse(audit[1]!.metadata)).toMatchObject({ previousHolder: dispatcher.id });
  });

  it('keeps notes encrypted at rest and pushes only their ids', async () => {
    const { dispatcher, colleague } = await setting();
    const { incidentId } = await report(dispatcher, { category: 'other', location: pilsen });
    const recorder = recordEvents(testApp);
    const added = await call(testApp, 'POST', `/api/incidents/${incidentId}/notes`, colleague, {
      body: 'Called the parish office',
    });
    recorder.stop();
    expect(added.statusCode).toBe(201);
    const stored = await testApp.context.database.db
      .selectFrom('incident_notes')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.body_enc).not.toContain('parish');
    expect(JSON.stringify(recorder.events)).not.toContain('parish');
    expect(recorder.events.map((event) => event.type)).toEqual(['incident.noteAdded']);
    const listed = await call(testApp, 'GET', `/api/incidents/${incidentId}/notes`, dispatcher);
    const notes = listed.json<{ notes: { body: string; author: { memberId: string } }[] }>().notes;
    expect(notes.map((note) => [note.body, note.author.memberId])).toEqual([
      ['Called the parish office', colleague.id],
    ]);
    expect(
      outcome(await call(testApp, 'POST', `/api/incidents/${incidentId}/notes`, colleague, { body: '   ' })),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('merges two incidents into one and splits reports out again, audited', async () => {
    const { net, dispatcher } = await setting();
    const a1 = await report(dispatcher, {
      category: 'workplace',
      location: pilsen,
      callerPhone: '3125550301',
    });
    const a2 = await report(dispatcher, {
      category: 'workplace',
      location: northOf(pilsen, 100),
      callerPhone: '3125550302',
    });
    const b1 = await report(dispatcher, {
      category: 'workplace',
      location: northOf(pilsen, 800),
      callerPhone: '3125550301',
    });
    expect(a1.incidentId).toBe(a2.incidentId);
    expect(b1.incidentId).not.toBe(a1.incidentId);

    const merged = await call(testApp, 'POST', `/api/incidents/${b1.incidentId}/merge`, dispatcher, {
      intoIncidentId: a1.incidentId,
    });
    expect(merged.statusCode).toBe(200);
    // Caller 0301 reported both: three reports, two people.
    expect(merged.json<{ incident: IncidentBody }>().incident).toMatchObject({
      id: a1.incidentId,
      reportCount: 3,
      sourceCount: 2,
    });
    const emptied = await call(testApp, 'GET', `/api/incidents/${b1.incidentId}`, dispatcher);
    expect(emptied.json<{ incident: Record<string, unknown> }>().incident).toMatchObject({
      status: 'closed',
      closedReason: 'merged',
      mergedIntoId: a1.incidentId,
    });
    expect(
      outcome(
        await call(testApp, 'POST', `/api/incidents/${a1.incidentId}/merge`, dispatcher, {
          intoIncidentId: a1.incidentId,
        }),
      ),
    ).toEqual([409, 'INCIDENT_MERGE_INVALID']);
    expect(
      outcome(
        await call(testApp, 'POST', `/api/incidents/${b1.incidentId}/merge`, dispatcher, {
          intoIncidentId: a1.incidentId,
        }),
      ),
    ).toEqual([409, 'INCIDENT_CLOSED']);

    const split = await call(testApp, 'POST', `/api/incidents/${a1.incidentId}/split`, dispatcher, {
      reportIds: [b1.reportId],
    });
    expect(split.statusCode).toBe(201);
    const parts = split.json<{ incident: IncidentBody; newIncident: IncidentBody }>();
    expect(parts.incident).toMatchObject({ reportCount: 2, sourceCount: 2 });
    expect(parts.newIncident).toMatchObject({ status: 'new', reportCount: 1, sourceCount: 1 });
    const moved = await testApp.context.database.db
      .selectFrom('reports')
      .select('incident_id')
      .where('id', '=', b1.reportId)
      .executeTakeFirstOrThrow();
    expect(moved.incident_id).toBe(parts.newIncident.id);
    expect(
      outcome(
        await call(testApp, 'POST', `/api/incidents/${a1.incidentId}/split`, dispatcher, {
          reportIds: [a1.reportId, a2.reportId],
        }),
      ),
    ).toEqual([409, 'INCIDENT_SPLIT_INVALID']);
    expect(
      outcome(
        await call(testApp, 'POST', `/api/incidents/${a1.incidentId}/split`, dispatcher, {
          reportIds: [b1.reportId],
        }),
      ),
    ).toEqual([409, 'INCIDENT_SPLIT_INVALID']);
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('chain', '=', net.id)
      .where('action', 'in', ['incident.merged', 'incident.split'])
      .execute();
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      'incident.merged',
      'incident.merged',
      'incident.split',
      'incident.split',
    ]);
  });

  it('closes incidents nobody verified within 12 hours of their latest report, and only those', async () => {
    const { net, dispatcher } = await setting();
    const stale = await report(dispatcher, { category: 'other', location: pilsen });
    const checking = await report(dispatcher, { category: 'other', location: northOf(pilsen, 3000) });
    const confirmed = await report(dispatcher, { category: 'other', location: northOf(pilsen, 6000) });
    await status(checking.incidentId, dispatcher, 'verifying');
    await status(confirmed.incidentId, dispatcher, 'verifying');
    await status(confirmed.incidentId, dispatcher, 'confirmed');
    testApp.clock.advance(50 * minuteMs);
    // A fresh report keeps the incident being verified alive until 12 hours after it.
    const later = await staff(testApp, net.id, [{ role: 'dispatcher' }]);
    expect((await report(later, { category: 'other', location: northOf(pilsen, 3000) })).incidentId).toBe(
      checking.incidentId,
    );
    testApp.clock.advance(11 * 60 * minuteMs + 15 * minuteMs);
    // The app's job registry runs it every five minutes; run that job's handler once here.
    const registry = createAppJobRegistry(testApp.context);
    const job = registry.find('incidents.expireUnverified')!;
    expect(registry.recurring.map((schedule) => schedule.job.name)).toContain('incidents.expireUnverified');
    const recorder = recordEvents(testApp);
    await job.handle(
      {},
      {
        jobId: 'test',
        attempt: 1,
        db: testApp.context.database.db,
        dialect,
        clock: testApp.clock,
        logger: createLogger('silent'),
        signal: new AbortController().signal,
      },
    );
    recorder.stop();
    expect(
      recorder.events
        .filter((event) => event.networkId === net.id)
        .map((event) => [event.type, event.data.incidentId]),
    ).toEqual([['incident.statusChanged', stale.incidentId]]);
    const deps = {
      db: testApp.context.database.db,
      dialect,
      clock: testApp.clock,
      events: testApp.context.events,
    };
    expect(await expireUnverifiedIncidents(deps)).toBe(0);
    const statuses = await testApp.context.database.db
      .selectFrom('incidents')
      .select(['id', 'status', 'outcome', 'closed_reason'])
      .where('network_id', '=', net.id)
      .execute();
    const byId = new Map(statuses.map((row) => [row.id, row]));
    expect(byId.get(stale.incidentId)).toMatchObject({
      status: 'closed',
      outcome: 'unconfirmed',
      closed_reason: 'expired',
    });
    expect(byId.get(checking.incidentId)?.status).toBe('verifying');
    expect(byId.get(confirmed.incidentId)?.status).toBe('confirmed');
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select(['object_id', 'actor_member_id'])
      .where('chain', '=', net.id)
      .where('action', '=', 'incident.expired')
      .execute();
    expect(audit).toEqual([{ object_id: stale.incidentId, actor_member_id: null }]);
  });
});
