import { describe, expect, it } from 'vitest';
import { deliveryTimeFor, isQuietTime } from './quiet-hours.ts';

const chicago = 'America/Chicago';

describe('quiet hours', () => {
  it('holds updates from 22:00 to 07:00 local time, never urgent alerts', () => {
    const lateEvening = Date.parse('2026-06-10T23:30:00-05:00');
    expect(isQuietTime(lateEvening, chicago)).toBe(true);
    expect(deliveryTimeFor(lateEvening, chicago, 'urgent')).toBe(lateEvening);
    expect(new Date(deliveryTimeFor(lateEvening, chicago, 'update')).toISOString()).toBe(
      '2026-06-11T12:00:00.000Z',
    );
    const earlyMorning = Date.parse('2026-06-11T03:10:00-05:00');
    expect(new Date(deliveryTimeFor(earlyMorning, chicago, 'update')).toISOString()).toBe(
      '2026-06-11T12:00:00.000Z',
    );
    const afternoon = Date.parse('2026-06-11T15:00:00-05:00');
    expect(isQuietTime(afternoon, chicago)).toBe(false);
    expect(deliveryTimeFor(afternoon, chicago, 'update')).toBe(afternoon);
  });

  it('lands on 07:00 local across a daylight-saving change and in other zones', () => {
    // The night clocks spring forward (8 March 2026): 07:00 CDT is 12:00 UTC, not 13:00.
    const beforeChange = Date.parse('2026-03-07T23:00:00-06:00');
    expect(new Date(deliveryTimeFor(beforeChange, chicago, 'update')).toISOString()).toBe(
      '2026-03-08T12:00:00.000Z',
    );
    const cairo = Date.parse('2026-01-15T21:30:00Z'); // 23:30 in Cairo (UTC+2)
    expect(new Date(deliveryTimeFor(cairo, 'Africa/Cairo', 'update')).toISOString()).toBe(
      '2026-01-16T05:00:00.000Z',
    );
  });
});
