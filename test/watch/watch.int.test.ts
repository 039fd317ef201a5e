import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CoverageAnswer, ScheduleAnswer } from '../../server/modules/watch/shifts/shift.contract.ts';
import type { WatchSitesAnswer } from '../../server/modules/watch/sites/site.contract.ts';
import { watchPurgeTasks } from '../../server/modules/watch/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildNetwork, signIn } from '../support/factories.ts';
import { buildWatchShift, buildWatchSite } from './watch-factory.ts';
import { call, offset, outcome, person, pilsen } from '../dispatch/support.ts';
import type { Person } from '../dispatch/support.ts';

const at = (iso: string) => Date.parse(iso);
const dayMs = 24 * 60 * 60 * 1000;

/** Issue 19 items 1 and 2: sites, recurring shifts in the network's zone, sign-ups and coverage. */
describeEachDatabase('court and check-in watch', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function world() {
    const context = testApp.context;
    // Monday 26 October 2026, 07:00 in Chicago (CDT); clocks fall back on Sunday 1 November.
    testApp.clock.set(at('2026-10-26T12:00:00Z'));
    const network = await buildNetwork(context, { timezone: 'America/Chicago' });
    const area = await buildArea(context, network.id, { center: pilsen, radiusMeters: 5_000 });
    const farArea = await buildArea(context, network.id, {
      center: offset(pilsen, 40_000),
      radiusMeters: 5_000,
    });
    const coordinator = await person(context, network.id, [{ role: 'coordinator' }], { withTotp: true });
    const ana = await person(context, network.id, [{ role: 'responder' }]);
    const ben = await person(context, network.id, [{ role: 'advocate', areaId: area.id }]);
    const cruz = await person(context, network.id, [{ role: 'dispatcher' }]);
    const elsewhere = await person(context, network.id, [{ role: 'responder', areaId: farArea.id }]);
    const viewer = await person(context, network.id, [{ role: 'viewer' }]);
    return { network, area, farArea, coordinator, ana, ben, cruz, elsewhere, viewer };
  }

  async function created(by: Person, url: string, body: Record<string, unknown>): Promise<string> {
    const response = await call(testApp, 'POST', url, by, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  }

  const site = (areaId: string) => ({
    areaId,
    kind: 'immigration_office',
    name: 'ICE Field Office',
    address: '101 W Congress Pkwy',
    openingHours: 'Mon–Fri 8:00–16:00',
    entryRules: 'Photo ID at the door',
    safetyNotes: 'Film from the sidewalk; never block the entrance',
    rallyPoint: 'Harold Washington Library steps',
  });

  it('keeps a site with encrypted details, visible only in its area', async () => {
    const w = await world();
    const siteId = await created(w.coordinator, '/api/watch/sites', site(w.area.id));
    const stored = await testApp.context.database.db
      .selectFrom('watch_sites')
      .selectAll()
      .where('id', '=', siteId)
      .executeTakeFirstOrThrow();
    expect(stored.details_enc).not.toContain('Congress');
    expect(stored.details_enc).not.toContain('Library');

    const seen = (await call(testApp, 'GET', '/api/watch/sites', w.ben)).json<WatchSitesAnswer>();
    expect(seen.sites.map((entry) => [entry.name, entry.rallyPoint, entry.canManage])).toEqual([
      ['ICE Field Office', 'Harold Washington Library steps', false],
    ]);
    expect(seen.manageableAreas).toEqual([]);
    const far = (await call(testApp, 'GET', '/api/watch/sites', w.elsewhere)).json<WatchSitesAnswer>();
    expect(far.sites).toEqual([]);
    expect(outcome(await call(testApp, 'GET', '/api/watch/sites', w.viewer))).toEqual([403, 'FORBIDDEN']);
    // A volunteer cannot add or change a site; a coordinator can change it.
    expect(outcome(await call(testApp, 'POST', '/api/watch/sites', w.ana, site(w.area.id)))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    const renamed = await call(testApp, 'PUT', `/api/watch/sites/${siteId}`, w.coordinator, {
      ...site(w.area.id),
      name: 'Chicago ICE Field Office',
    });
    expect(renamed.statusCode).toBe(204);
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', siteId)
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['watch.siteCreated', 'watch.siteUpdated']);
  });

  it('repeats a weekly shift on local time across a DST change, skips a date, and waitlists', async () => {
    const w = await world();
    const siteId = await created(w.coordinator, '/api/watch/sites', site(w.area.id));
    const shift = {
      siteId,
      startsOn: '2026-10-20',
      start: '09:00',
      durationMinutes: 240,
      recurrenceRule: 'FREQ=WEEKLY;BYDAY=TU',
      skippedDates: ['2026-11-10'],
      minVolunteers: 2,
      targetVolunteers: 2,
      roles: ['observer', 'lead'],
    };
    expect(
      outcome(
        await call(testApp, 'POST', '/api/watch/shifts', w.coordinator, {
          ...shift,
          recurrenceRule: 'FREQ=HOURLY',
        }),
      ),
    ).toEqual([400, 'WATCH_RULE_INVALID']);
    expect(
      outcome(
        await call(testApp, 'POST', '/api/watch/shifts', w.coordinator, {
          ...shift,
          recurrenceRule: 'FREQ=WEEKLY;BYDAY=XX',
        }),
      ),
    ).toEqual([400, 'WATCH_RULE_INVALID']);
    const shiftId = await created(w.coordinator, '/api/watch/shifts', shift);

    const schedule = (await call(testApp, 'GET', '/api/watch/schedule', w.ana)).json<ScheduleAnswer>();
    // 09:00 CDT is 14:00Z; after the change 09:00 CST is 15:00Z; 10 November is skipped.
    expect(schedule.occurrences.map((occurrence) => new Date(occurrence.startsAt).toISOString())).toEqual([
      '2026-10-27T14:00:00.000Z',
      '2026-11-03T15:00:00.000Z',
    ]);
    const first = at('2026-10-27T14:00:00Z');
    expect(schedule.occurrences[0]).toMatchObject({ status: 'empty', confirmed: 0, mine: null });

    const signUp = (who: Person, body: Record<string, unknown> = {}) =>
      call(testApp, 'POST', '/api/watch/signups', who, {
        shiftId,
        startsAt: first,
        role: 'observer',
        ...body,
      });
    expect(outcome(await signUp(w.ana, { startsAt: first + 60_000 }))).toEqual([
      404,
      'WATCH_OCCURRENCE_NOT_FOUND',
    ]);
    expect(outcome(await signUp(w.ana, { role: 'livestreamer' }))).toEqual([400, 'WATCH_ROLE_NOT_OFFERED']);
    expect(outcome(await signUp(w.elsewhere))).toEqual([404, 'NOT_FOUND']);
    const anaSignup = await signUp(w.ana);
    expect(anaSignup.json()).toMatchObject({ status: 'confirmed' });
    expect(outcome(await signUp(w.ana))).toEqual([409, 'WATCH_ALREADY_SIGNED_UP']);

    const coverage = async () =>
      (
        await call(testApp, 'GET', `/api/watch/coverage?siteId=${siteId}&week=${first}`, w.coordinator)
      ).json<CoverageAnswer>();
    let view = await coverage();
    expect(view.occurrences.map((occurrence) => occurrence.status)).toEqual(['short']);
    expect(view.gaps.map((gap) => [gap.startsAt, gap.status])).toEqual([[first, 'short']]);

    const benSignup = (await signUp(w.ben, { role: 'lead' })).json<{ id: string; status: string }>();
    expect(benSignup.status).toBe('confirmed');
    const cruzSignup = (await signUp(w.cruz)).json<{ id: string; status: string }>();
    expect(cruzSignup.status).toBe('waitlisted');
    view = await coverage();
    expect(view.occurrences[0]).toMatchObject({ status: 'covered', confirmed: 2, waitlisted: 1 });
    expect(view.occurrences[0]?.signups.map((signup) => signup.status)).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
    ]);
    expect(view.gaps).toEqual([]);

    // Another volunteer cannot cancel Ben's place; Ben can, and Cruz moves up from the waitlist.
    expect(outcome(await call(testApp, 'DELETE', `/api/watch/signups/${benSignup.id}`, w.ana))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect((await call(testApp, 'DELETE', `/api/watch/signups/${benSignup.id}`, w.ben)).statusCode).toBe(204);
    view = await coverage();
    expect(view.occurrences[0]).toMatchObject({ status: 'covered', confirmed: 2, waitlisted: 0 });
    const mine = (await call(testApp, 'GET', '/api/watch/schedule', w.cruz)).json<ScheduleAnswer>();
    expect(mine.occurrences[0]?.mine).toMatchObject({ id: cruzSignup.id, status: 'confirmed' });

    // Without a waitlist, a cancellation leaves the shift short.
    expect((await call(testApp, 'DELETE', `/api/watch/signups/${cruzSignup.id}`, w.cruz)).statusCode).toBe(
      204,
    );
    view = await coverage();
    expect(view.occurrences[0]).toMatchObject({ status: 'short', confirmed: 1 });

    // A skipped date added later removes that occurrence; the shift's past is closed to sign-ups.
    const skipped = await call(testApp, 'POST', `/api/watch/shifts/${shiftId}/skipped-dates`, w.coordinator, {
      date: '2026-11-03',
    });
    expect(skipped.statusCode).toBe(204);
    const after = (await call(testApp, 'GET', '/api/watch/schedule', w.ana)).json<ScheduleAnswer>();
    expect(after.occurrences.map((occurrence) => occurrence.startsAt)).toEqual([first]);
    testApp.clock.set(first + 5 * 60 * 60 * 1000);
    const late = await person(testApp.context, w.network.id, [{ role: 'responder' }]);
    expect(outcome(await signUp(late))).toEqual([409, 'WATCH_OCCURRENCE_PAST']);
    // Sign-ups of shifts ended over 30 days ago are purged.
    testApp.clock.set(first + 32 * dayMs);
    const [task] = watchPurgeTasks;
    expect(
      await task?.run({ db: testApp.context.database.db, dialect, clock: testApp.clock }),
    ).toBeGreaterThanOrEqual(1);
    const left = await testApp.context.database.db
      .selectFrom('watch_signups')
      .select('id')
      .where('shift_id', '=', shiftId)
      .execute();
    expect(left).toEqual([]);
  });

  it('checks a confirmed volunteer in and out on site, only around the shift, and only their own', async () => {
    const w = await world();
    const site = await buildWatchSite(testApp.context, {
      networkId: w.network.id,
      areaId: w.area.id,
      createdBy: w.coordinator.id,
    });
    const shift = await buildWatchShift(testApp.context, { site, createdBy: w.coordinator.id });
    const signup = (
      await call(testApp, 'POST', '/api/watch/signups', w.ana, {
        shiftId: shift.id,
        startsAt: shift.nextStartsAt,
        role: 'observer',
      })
    ).json<{ id: string }>();
    // Sessions end after 30 idle minutes: sign in again after each move of the clock.
    const press = async (who: Person, kind: 'in' | 'out') => {
      const session = await signIn(testApp.context, who, { secondFactorProved: false });
      return call(testApp, 'POST', `/api/watch/signups/${signup.id}/check-${kind}`, { ...who, session });
    };
    testApp.clock.set(shift.nextStartsAt - 60 * 60 * 1000);
    expect(outcome(await press(w.ana, 'in'))).toEqual([409, 'WATCH_CHECK_IN_CLOSED']);
    testApp.clock.set(shift.nextStartsAt - 10 * 60 * 1000);
    expect(outcome(await press(w.ana, 'out'))).toEqual([409, 'WATCH_CHECK_IN_CLOSED']);
    expect(outcome(await press(w.ben, 'in'))).toEqual([404, 'NOT_FOUND']);
    const checkedIn = await press(w.ana, 'in');
    expect(checkedIn.json()).toEqual({
      checkedInAt: shift.nextStartsAt - 10 * 60 * 1000,
      checkedOutAt: null,
    });
    testApp.clock.set(shift.nextStartsAt + 60 * 60 * 1000);
    expect((await press(w.ana, 'in')).json<{ checkedInAt: number }>().checkedInAt).toBe(
      shift.nextStartsAt - 10 * 60 * 1000,
    );
    expect((await press(w.ana, 'out')).json<{ checkedOutAt: number }>().checkedOutAt).toBe(
      shift.nextStartsAt + 60 * 60 * 1000,
    );
    const session = await signIn(testApp.context, w.ana, { secondFactorProved: false });
    const schedule = (
      await call(testApp, 'GET', '/api/watch/schedule', { ...w.ana, session })
    ).json<ScheduleAnswer>();
    expect(schedule.occurrences.find((occurrence) => occurrence.mine)?.mine).toMatchObject({
      checkedInAt: shift.nextStartsAt - 10 * 60 * 1000,
      checkedOutAt: shift.nextStartsAt + 60 * 60 * 1000,
    });
    const audit = await testApp.context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', signup.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['watch.signedUp', 'watch.checkedIn', 'watch.checkedOut']);
  });
});
