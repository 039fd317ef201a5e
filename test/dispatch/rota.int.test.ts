import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnDutyMembers } from '../../server/modules/field/rota/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildArea, buildNetwork } from '../support/factories.ts';
import { call, offset, openIncident, outcome, person, pilsen, responder } from './support.ts';
import type { Person } from './support.ts';

const at = (iso: string) => Date.parse(iso);

/** Issue 16 item 1: weekly turns in the network's zone, time off, extra turns and swaps. */
describeEachDatabase('on-duty rota', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());

  async function world() {
    const context = testApp.context;
    const network = await buildNetwork(context, { timezone: 'America/Chicago' });
    const area = await buildArea(context, network.id, { center: pilsen, radiusMeters: 5_000 });
    const farArea = await buildArea(context, network.id, {
      center: offset(pilsen, 40_000),
      radiusMeters: 5_000,
    });
    const coordinator = await person(context, network.id, [{ role: 'coordinator' }], { withTotp: true });
    const day = await person(context, network.id, [{ role: 'dispatcher' }]);
    const night = await person(context, network.id, [{ role: 'dispatcher' }]);
    const cover = await person(context, network.id, [{ role: 'dispatcher' }]);
    const elsewhere = await person(context, network.id, [{ role: 'dispatcher', areaId: farArea.id }]);
    const responder = await person(context, network.id, [{ role: 'responder' }]);
    return { network, area, farArea, coordinator, day, night, cover, elsewhere, responder };
  }

  async function addShift(by: Person, body: Record<string, unknown>) {
    const response = await call(testApp, 'POST', '/api/rota/shifts', by, body);
    expect(response.statusCode, response.body).toBe(201);
  }

  it('answers who is on duty across a DST change, past midnight, with time off and a swap', async () => {
    const w = await world();
    const onDuty = (iso: string, areaIds: readonly string[] | 'any' = [w.area.id]) =>
      findOnDutyMembers(testApp.context.database.db, {
        networkId: w.network.id,
        role: 'dispatcher',
        areaIds,
        at: at(iso),
      });
    // Monday 09:00–17:00 Chicago time, entered by a coordinator.
    await addShift(w.coordinator, {
      memberId: w.day.id,
      role: 'dispatcher',
      weekday: 1,
      start: '09:00',
      end: '17:00',
    });
    // Saturday night 22:00 to Sunday 04:00, entered by the dispatcher herself: it spans the autumn
    // DST change (Sunday 1 November 2026, 02:00 CDT → 01:00 CST), six wall-clock hours, seven real.
    await addShift(w.night, {
      memberId: w.night.id,
      role: 'dispatcher',
      weekday: 6,
      start: '22:00',
      end: '04:00',
    });
    // The far-area dispatcher works Mondays too, but only in their own area.
    await addShift(w.coordinator, {
      memberId: w.elsewhere.id,
      role: 'dispatcher',
      weekday: 1,
      start: '00:00',
      end: '23:59',
    });

    // Monday 26 October (CDT, UTC-5): 09:30 local is 14:30Z. Monday 2 November (CST, UTC-6): 14:30Z
    // is 08:30 local (not yet), 15:30Z is 09:30 local.
    expect(await onDuty('2026-10-26T14:30:00Z')).toEqual([w.day.id]);
    expect(await onDuty('2026-10-26T13:30:00Z')).toEqual([]);
    expect(await onDuty('2026-11-02T14:30:00Z')).toEqual([]);
    expect(await onDuty('2026-11-02T15:30:00Z')).toEqual([w.day.id]);
    expect(await onDuty('2026-11-02T22:30:00Z')).toEqual([w.day.id]);
    expect(await onDuty('2026-11-02T23:30:00Z')).toEqual([]);
    // The night shift: 01:30 CDT (06:30Z), 01:30 CST an hour later (07:30Z), 03:59 CST (09:59Z); off at 04:00 CST.
    for (const iso of [
      '2026-11-01T03:30:00Z',
      '2026-11-01T06:30:00Z',
      '2026-11-01T07:30:00Z',
      '2026-11-01T09:59:00Z',
    ]) {
      expect(await onDuty(iso), iso).toEqual([w.night.id]);
    }
    expect(await onDuty('2026-11-01T10:00:00Z')).toEqual([]);
    expect(await onDuty('2026-11-01T02:59:00Z')).toEqual([]);
    // Any area (an incident without a place) includes the far-area dispatcher.
    expect(await onDuty('2026-11-02T15:30:00Z', 'any')).toEqual([w.day.id, w.elsewhere.id].sort());
    expect(await onDuty('2026-11-02T15:30:00Z', [w.farArea.id])).toEqual([w.day.id, w.elsewhere.id].sort());

    // Time off on Monday 9 November 15:00–17:00Z, entered by the dispatcher himself.
    const off = await call(testApp, 'POST', '/api/rota/exceptions', w.day, {
      memberId: w.day.id,
      role: 'dispatcher',
      kind: 'off',
      startsAt: at('2026-11-09T15:00:00Z'),
      endsAt: at('2026-11-09T17:00:00Z'),
    });
    expect(off.statusCode, off.body).toBe(201);
    expect(await onDuty('2026-11-09T16:00:00Z')).toEqual([]);
    expect(await onDuty('2026-11-09T17:30:00Z')).toEqual([w.day.id]);

    // A swap on Monday 16 November: the day dispatcher hands 15:00–19:00Z to the cover.
    const swap = await call(testApp, 'POST', '/api/rota/exceptions', w.day, {
      memberId: w.day.id,
      role: 'dispatcher',
      kind: 'swap',
      coverMemberId: w.cover.id,
      startsAt: at('2026-11-16T15:00:00Z'),
      endsAt: at('2026-11-16T19:00:00Z'),
    });
    expect(swap.statusCode, swap.body).toBe(201);
    expect(await onDuty('2026-11-16T16:00:00Z')).toEqual([w.cover.id]);
    expect(await onDuty('2026-11-16T20:00:00Z')).toEqual([w.day.id]);
    // Removing one half of the swap removes both.
    const [firstId] = swap.json<{ ids: string[] }>().ids;
    expect((await call(testApp, 'DELETE', `/api/rota/exceptions/${firstId}`, w.coordinator)).statusCode).toBe(
      204,
    );
    expect(await onDuty('2026-11-16T16:00:00Z')).toEqual([w.day.id]);
  });

  it('shows 7 days of coverage per area and role with the gaps', async () => {
    const w = await world();
    const from = testApp.clock.now();
    // An extra turn for the next 24 hours in the near area.
    const extra = await call(testApp, 'POST', '/api/rota/exceptions', w.coordinator, {
      memberId: w.cover.id,
      role: 'dispatcher',
      areaId: w.area.id,
      kind: 'extra',
      startsAt: from - 3_600_000,
      endsAt: from + 24 * 3_600_000,
    });
    expect(extra.statusCode, extra.body).toBe(201);
    const rota = await call(testApp, 'GET', '/api/rota', w.responder);
    expect(rota.statusCode).toBe(200);
    const body = rota.json<{
      coverage: { areaId: string | null; role: string; gapMinutes: number; segments: { onDuty: number }[] }[];
      onDutyNow: { role: string; memberIds: string[] }[];
      members: { id: string; name: string }[];
    }>();
    const near = body.coverage.find((entry) => entry.areaId === w.area.id && entry.role === 'dispatcher')!;
    const far = body.coverage.find((entry) => entry.areaId === w.farArea.id && entry.role === 'dispatcher')!;
    expect(near.segments[0]!.onDuty).toBe(1);
    // 24 hours from now covered, in half-hour steps from the current half hour: six days of gap.
    expect(near.gapMinutes).toBeGreaterThanOrEqual(6 * 24 * 60 - 30);
    expect(near.gapMinutes).toBeLessThanOrEqual(6 * 24 * 60);
    expect(far.gapMinutes).toBe(7 * 24 * 60);
    expect(body.onDutyNow.find((entry) => entry.role === 'dispatcher')!.memberIds).toEqual([w.cover.id]);
    expect(body.members.map((member) => member.id)).toContain(w.responder.id);
  });

  it('puts responders on duty first in dispatch suggestions', async () => {
    const w = await world();
    const near = await responder(testApp.context, w.network.id, { location: offset(pilsen, 200) });
    const far = await responder(testApp.context, w.network.id, { location: offset(pilsen, 2_000) });
    const incidentId = await openIncident(testApp, w.day, pilsen);
    const ranked = async () =>
      (await call(testApp, 'GET', `/api/incidents/${incidentId}/suggestions`, w.day)).json<{
        suggestions: { memberId: string; isOnDuty: boolean }[];
      }>().suggestions;
    expect((await ranked()).map((entry) => entry.memberId)).toEqual([near.id, far.id]);
    const now = testApp.clock.now();
    const turn = await call(testApp, 'POST', '/api/rota/exceptions', w.coordinator, {
      memberId: far.id,
      role: 'responder',
      kind: 'extra',
      startsAt: now - 60_000,
      endsAt: now + 3_600_000,
    });
    expect(turn.statusCode, turn.body).toBe(201);
    expect(await ranked()).toMatchObject([
      { memberId: far.id, isOnDuty: true },
      { memberId: near.id, isOnDuty: false },
    ]);
  });

  describe('refuses', () => {
    it('others’ turns, wrong roles, malformed input and strangers with stable codes', async () => {
      const w = await world();
      const shift = { memberId: w.day.id, role: 'dispatcher', weekday: 2, start: '08:00', end: '12:00' };
      const cases: [Person | null, string, Record<string, unknown>, [number, string]][] = [
        [null, '/api/rota/shifts', shift, [401, 'UNAUTHENTICATED']],
        [w.night, '/api/rota/shifts', shift, [403, 'FORBIDDEN']],
        [w.responder, '/api/rota/shifts', shift, [403, 'FORBIDDEN']],
        [w.responder, '/api/rota/shifts', { ...shift, memberId: w.responder.id }, [403, 'FORBIDDEN']],
        [
          w.coordinator,
          '/api/rota/shifts',
          { ...shift, memberId: w.responder.id },
          [400, 'ROTA_ROLE_NOT_HELD'],
        ],
        [w.coordinator, '/api/rota/shifts', { ...shift, start: '25:00' }, [400, 'VALIDATION_FAILED']],
        [w.coordinator, '/api/rota/shifts', { ...shift, end: '08:00' }, [400, 'VALIDATION_FAILED']],
        [w.coordinator, '/api/rota/shifts', { ...shift, weekday: 7 }, [400, 'VALIDATION_FAILED']],
        [w.coordinator, '/api/rota/shifts', { ...shift, extra: 1 }, [400, 'VALIDATION_FAILED']],
        [
          w.coordinator,
          '/api/rota/shifts',
          { ...shift, memberId: w.elsewhere.id, areaId: w.area.id },
          [400, 'ROTA_ROLE_NOT_HELD'],
        ],
        [
          w.coordinator,
          '/api/rota/exceptions',
          { memberId: w.day.id, role: 'dispatcher', kind: 'off', startsAt: 2_000, endsAt: 1_000 },
          [400, 'VALIDATION_FAILED'],
        ],
        [
          w.coordinator,
          '/api/rota/exceptions',
          { memberId: w.day.id, role: 'dispatcher', kind: 'swap', startsAt: 1_000, endsAt: 2_000 },
          [400, 'VALIDATION_FAILED'],
        ],
      ];
      for (const [who, url, body, expected] of cases) {
        expect(outcome(await call(testApp, 'POST', url, who, body)), JSON.stringify(body)).toEqual(expected);
      }
      // Someone else's turn cannot be removed by a dispatcher; another network's is not found.
      await addShift(w.coordinator, shift);
      const list = await call(testApp, 'GET', '/api/rota', w.day);
      const shiftId = list.json<{ shifts: { id: string }[] }>().shifts[0]!.id;
      expect(outcome(await call(testApp, 'DELETE', `/api/rota/shifts/${shiftId}`, w.night))).toEqual([
        403,
        'FORBIDDEN',
      ]);
      const other = await world();
      expect(
        outcome(await call(testApp, 'DELETE', `/api/rota/shifts/${shiftId}`, other.coordinator)),
      ).toEqual([404, 'NOT_FOUND']);
      expect(outcome(await call(testApp, 'DELETE', '/api/rota/shifts/not-an-id', w.coordinator))).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
      expect((await call(testApp, 'DELETE', `/api/rota/shifts/${shiftId}`, w.day)).statusCode).toBe(204);
    });
  });
});
