import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { locationGridDegrees } from '../../server/modules/field/responders/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { call, dispatchWorld, outcome, person, pilsen, recordEvents, registerPhone } from './support.ts';
import type { DispatchWorld } from './support.ts';

interface OwnProfile {
  isOnCall: boolean;
  isOnCallNow: boolean;
  onCallSource: string | null;
  location: { lat: number; lon: number; expiresAt: number } | null;
  smsPhoneEnding: string | null;
  windows: unknown[];
}

describeEachDatabase('responder availability, location and roster', (dialect) => {
  let testApp: TestApp;
  let world: DispatchWorld;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  // Fresh people per test: a test that moves the clock would otherwise sign the others out.
  beforeEach(async () => {
    world = await dispatchWorld(testApp);
  });
  afterAll(() => testApp.close());

  const me = async (who: Parameters<typeof call>[3]) =>
    (await call(testApp, 'GET', '/api/responders/me', who)).json<{ responder: OwnProfile }>().responder;

  it('keeps only a coarse location, only while on call, and forgets it when going off call', async () => {
    const responder = await person(testApp.context, world.network.id, [{ role: 'responder' }]);
    const exact = { lat: 41.857_123_4, lon: -87.661_987_6 };

    expect(outcome(await call(testApp, 'POST', '/api/responders/me/location', responder, exact))).toEqual([
      409,
      'RESPONDER_NOT_ON_CALL',
    ]);
    const onCall = await call(testApp, 'PUT', '/api/responders/me/availability', responder, {
      isOnCall: true,
    });
    expect(onCall.statusCode).toBe(200);
    const shared = await call(testApp, 'POST', '/api/responders/me/location', responder, exact);
    expect(shared.statusCode).toBe(200);
    const { location } = shared.json<{ location: { lat: number; lon: number } }>();
    expect(location).not.toEqual(exact);
    expect(Math.abs(location.lat - exact.lat)).toBeLessThanOrEqual(locationGridDegrees);
    const stored = await testApp.context.database.db
      .selectFrom('responder_profiles')
      .select(['location_lat', 'location_lon'])
      .where('member_id', '=', responder.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ location_lat: location.lat, location_lon: location.lon });
    expect(String(stored.location_lat)).not.toContain('8571234');

    // It expires on its own after 30 minutes (the app keeps the session alive meanwhile)...
    testApp.clock.advance(16 * 60 * 1000);
    expect((await me(responder)).location).not.toBeNull();
    testApp.clock.advance(15 * 60 * 1000);
    expect((await me(responder)).location).toBeNull();
    await call(testApp, 'POST', '/api/responders/me/location', responder, exact);
    expect((await me(responder)).location).not.toBeNull();

    // ...and is deleted at once when the responder goes off call.
    await call(testApp, 'PUT', '/api/responders/me/availability', responder, { isOnCall: false });
    const after = await testApp.context.database.db
      .selectFrom('responder_profiles')
      .select(['location_lat', 'location_lon', 'location_expires_at'])
      .where('member_id', '=', responder.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ location_lat: null, location_lon: null, location_expires_at: null });
  });

  it('counts a recurring window in the network time zone as on call', async () => {
    const responder = await person(testApp.context, world.network.id, [{ role: 'responder' }]);
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: world.network.timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(testApp.clock.now()));
    const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(
      local.find((part) => part.type === 'weekday')!.value,
    );
    const hour = Number(local.find((part) => part.type === 'hour')!.value);
    const pad = (value: number) => String(value).padStart(2, '0');
    const covering = { weekday, start: `${pad(hour)}:00`, end: `${pad((hour + 1) % 24)}:00` };
    const elsewhere = { weekday: (weekday + 3) % 7, start: '09:00', end: '17:00' };

    await call(testApp, 'PUT', '/api/responders/me/availability', responder, {
      isOnCall: false,
      windows: [elsewhere],
    });
    expect((await me(responder)).isOnCallNow).toBe(false);
    await call(testApp, 'PUT', '/api/responders/me/availability', responder, {
      isOnCall: false,
      windows: [elsewhere, covering],
    });
    const profile = await me(responder);
    expect(profile).toMatchObject({ isOnCall: false, isOnCallNow: true, onCallSource: 'window' });
  });

  it('rejects malformed windows and locations with a 400', async () => {
    const responder = await person(testApp.context, world.network.id, [{ role: 'responder' }]);
    for (const body of [
      { isOnCall: true, windows: [{ weekday: 7, start: '09:00', end: '10:00' }] },
      { isOnCall: true, windows: [{ weekday: 1, start: '9am', end: '10:00' }] },
      { isOnCall: 'yes' },
    ]) {
      expect(outcome(await call(testApp, 'PUT', '/api/responders/me/availability', responder, body))).toEqual(
        [400, 'VALIDATION_FAILED'],
      );
    }
    expect(
      outcome(await call(testApp, 'POST', '/api/responders/me/location', responder, { lat: 91, lon: 0 })),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('stores the SMS number encrypted, shows only its ending, and refuses a number another responder uses', async () => {
    const first = await person(testApp.context, world.network.id, [{ role: 'responder' }]);
    const second = await person(testApp.context, world.network.id, [{ role: 'responder' }]);
    const phone = '+13125557788';
    const set = await registerPhone(testApp, first, phone);
    expect(set.json<{ responder: OwnProfile }>().responder.smsPhoneEnding).toBe('7788');
    const row = await testApp.context.database.db
      .selectFrom('responder_profiles')
      .select(['sms_phone_enc'])
      .where('member_id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(row.sms_phone_enc).not.toContain('5557788');
    expect(
      outcome(await call(testApp, 'PUT', '/api/responders/me/contact', second, { smsPhone: phone })),
    ).toEqual([409, 'RESPONDER_PHONE_TAKEN']);
    expect(
      outcome(await call(testApp, 'PUT', '/api/responders/me/contact', second, { smsPhone: '3125557788' })),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('shows the roster with locations to dispatchers and coordinators, never to responders', async () => {
    const responder = await person(testApp.context, world.network.id, [{ role: 'responder' }], {
      languages: ['es', 'en'],
    });
    await call(testApp, 'PUT', '/api/responders/me/availability', responder, { isOnCall: true });
    await call(testApp, 'POST', '/api/responders/me/location', responder, pilsen);

    const roster = await call(testApp, 'GET', '/api/responders?limit=200', world.dispatcher);
    expect(roster.statusCode).toBe(200);
    const entry = roster
      .json<{
        responders: { memberId: string; location: unknown; languages: string[]; vettingStatus: string }[];
      }>()
      .responders.find((candidate) => candidate.memberId === responder.id);
    expect(entry).toMatchObject({ languages: ['es', 'en'], vettingStatus: 'active' });
    expect(entry?.location).not.toBeNull();
    expect((await call(testApp, 'GET', '/api/responders', world.coordinator)).statusCode).toBe(200);

    expect(outcome(await call(testApp, 'GET', '/api/responders', responder))).toEqual([403, 'FORBIDDEN']);
    expect(outcome(await call(testApp, 'GET', '/api/responders', null))).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('pushes availability changes to dispatchers live', async () => {
    const responder = await person(testApp.context, world.network.id, [{ role: 'responder' }]);
    const recorder = recordEvents(testApp);
    await call(testApp, 'PUT', '/api/responders/me/availability', responder, { isOnCall: true });
    recorder.stop();
    const event = recorder.events.find((candidate) => candidate.type === 'responder.availabilityChanged');
    expect(event?.data).toEqual({ memberId: responder.id, isOnCallNow: true, hasLocation: false });
    expect(event?.rooms).toContain(`role:${world.network.id}:dispatcher`);
  });

  describe('training records', () => {
    it('lets coordinators record training (audited) and nobody else', async () => {
      const responder = await person(testApp.context, world.network.id, [{ role: 'responder' }]);
      const body = { trainings: [{ kind: 'legal_observer', completedOn: '2026-10-04' }] };
      const url = `/api/responders/${responder.id}/training`;
      expect(outcome(await call(testApp, 'PUT', url, world.dispatcher, body))).toEqual([403, 'FORBIDDEN']);
      expect(outcome(await call(testApp, 'PUT', url, responder, body))).toEqual([403, 'FORBIDDEN']);
      const recorded = await call(testApp, 'PUT', url, world.coordinator, body);
      expect(recorded.statusCode).toBe(200);
      expect(recorded.json()).toEqual({
        memberId: responder.id,
        trainings: [{ kind: 'legal_observer', completedOn: '2026-10-04', expiresOn: null }],
      });
      const audit = await testApp.context.database.db
        .selectFrom('audit_log')
        .select(['action', 'object_id'])
        .where('action', '=', 'responder.trainingRecorded')
        .where('object_id', '=', responder.id)
        .execute();
      expect(audit).toHaveLength(1);
      const notResponder = await person(testApp.context, world.network.id, [{ role: 'advocate' }]);
      expect(
        outcome(
          await call(testApp, 'PUT', `/api/responders/${notResponder.id}/training`, world.coordinator, body),
        ),
      ).toEqual([404, 'RESPONDER_NOT_FOUND']);
      expect(
        outcome(
          await call(testApp, 'PUT', url, world.coordinator, {
            trainings: [{ kind: 'legal_observer', completedOn: '2026-13-40' }],
          }),
        ),
      ).toEqual([400, 'VALIDATION_FAILED']);
    });
  });
});
