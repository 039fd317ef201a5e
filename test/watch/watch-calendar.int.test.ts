import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CalendarFeedCreated } from '../../server/modules/watch/calendar/calendar.contract.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildNetwork } from '../support/factories.ts';
import { call, outcome, person, pilsen } from '../dispatch/support.ts';
import { buildWatchShift, buildWatchSite } from './watch-factory.ts';

/** ical.js, the maintained parser Thunderbird uses: what a calendar app would make of the text. */
function parseCalendar(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

/** Issue 19 item 3: a private, revocable iCalendar feed and a single-event download, parsed by ical.js. */
describeEachDatabase('watch shifts in a calendar', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  it('serves a member their own shifts at a secret URL, hashed at rest, until revoked', async () => {
    const context = testApp.context;
    const network = await buildNetwork(context, { timezone: 'America/Chicago' });
    const area = await buildArea(context, network.id, { center: pilsen });
    const coordinator = await person(context, network.id, [{ role: 'coordinator' }], { withTotp: true });
    const ana = await person(context, network.id, [{ role: 'responder' }], { languages: ['es'] });
    const other = await person(context, network.id, [{ role: 'responder' }]);
    const site = await buildWatchSite(context, {
      networkId: network.id,
      areaId: area.id,
      createdBy: coordinator.id,
      name: 'Corte de Inmigración, Sala 3; piso 2',
    });
    const shift = await buildWatchShift(context, { site, createdBy: coordinator.id, targetVolunteers: 1 });
    const signUp = (who: typeof ana) =>
      call(testApp, 'POST', '/api/watch/signups', who, {
        shiftId: shift.id,
        startsAt: shift.nextStartsAt,
        role: 'lead',
      });
    const anaSignup = (await signUp(ana)).json<{ id: string; status: string }>();
    const otherSignup = (await signUp(other)).json<{ id: string; status: string }>();
    expect([anaSignup.status, otherSignup.status]).toEqual(['confirmed', 'waitlisted']);

    const created = await call(testApp, 'POST', '/api/watch/calendar-feed', ana);
    expect(created.statusCode).toBe(201);
    const { url } = created.json<CalendarFeedCreated>();
    const token = /\/watch\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(url)?.[1];
    expect(token).toBeDefined();
    const stored = await context.database.db.selectFrom('watch_calendar_feeds').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token!);

    const path = new URL(url).pathname;
    const feed = await testApp.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toMatch(/\r\n$/);
    for (const line of feed.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const calendar = parseCalendar(feed.body);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.uid).toBe(`${anaSignup.id}@amparo`);
    expect(event!.startDate.toJSDate().getTime()).toBe(shift.nextStartsAt);
    expect(event!.endDate.toJSDate().getTime()).toBe(shift.nextStartsAt + 240 * 60_000);
    // Escaped and folded text comes back whole, in the member's language.
    expect(event!.summary).toBe('Vigilancia: Corte de Inmigración, Sala 3; piso 2 (responsable)');
    expect(event!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');

    // The single-event download: the waitlisted volunteer's own shift, tentative; not Ana's.
    const own = await call(testApp, 'GET', `/api/watch/signups/${otherSignup.id}/event.ics`, other);
    expect(own.headers['content-disposition']).toContain('attachment');
    const single = parseCalendar(own.body).getFirstSubcomponent('vevent')!;
    expect(single.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(
      outcome(await call(testApp, 'GET', `/api/watch/signups/${anaSignup.id}/event.ics`, other)),
    ).toEqual([404, 'NOT_FOUND']);

    // A new link voids the old one; revoking voids every link; a guessed token finds nothing.
    const replaced = (
      await call(testApp, 'POST', '/api/watch/calendar-feed', ana)
    ).json<CalendarFeedCreated>();
    expect((await testApp.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    const newPath = new URL(replaced.url).pathname;
    expect((await testApp.app.inject({ method: 'GET', url: newPath })).statusCode).toBe(200);
    expect((await call(testApp, 'DELETE', '/api/watch/calendar-feed', ana)).statusCode).toBe(204);
    expect((await testApp.app.inject({ method: 'GET', url: newPath })).statusCode).toBe(404);
    expect((await call(testApp, 'GET', '/api/watch/calendar-feed', ana)).json()).toEqual({
      isActive: false,
      createdAt: null,
    });
    expect((await testApp.app.inject({ method: 'GET', url: '/watch/calendar/nope.ics' })).statusCode).toBe(
      400,
    );
  });
});
