import { describe, expect, it } from 'vitest';
import { isWithinWindow, localWeekdayAndMinute, onCallSourceAt } from './responder-availability.ts';
import { coarsenLocation, estimatedMinutesFor, locationGridDegrees } from './responder-location.ts';

// 2026-11-30 is a Monday. 15:30 UTC is 09:30 in Chicago (CST, UTC-6).
const mondayMorningChicago = Date.UTC(2026, 10, 30, 15, 30);

describe('on-call windows', () => {
  it('reads the weekday and time on the network’s wall clock', () => {
    expect(localWeekdayAndMinute(mondayMorningChicago, 'America/Chicago')).toEqual({
      weekday: 1,
      minute: 9 * 60 + 30,
    });
    expect(localWeekdayAndMinute(mondayMorningChicago, 'Asia/Tokyo')).toEqual({ weekday: 2, minute: 30 });
  });

  it('covers [start, end) of its weekday', () => {
    const window = { weekday: 1, start: '09:00', end: '17:00' };
    expect(isWithinWindow(window, { weekday: 1, minute: 9 * 60 })).toBe(true);
    expect(isWithinWindow(window, { weekday: 1, minute: 17 * 60 })).toBe(false);
    expect(isWithinWindow(window, { weekday: 2, minute: 10 * 60 })).toBe(false);
  });

  it('runs past midnight when the end is not after the start (Saturday night into Sunday)', () => {
    const night = { weekday: 6, start: '22:00', end: '06:00' };
    expect(isWithinWindow(night, { weekday: 6, minute: 23 * 60 })).toBe(true);
    expect(isWithinWindow(night, { weekday: 0, minute: 5 * 60 + 59 })).toBe(true);
    expect(isWithinWindow(night, { weekday: 0, minute: 6 * 60 })).toBe(false);
    expect(isWithinWindow(night, { weekday: 6, minute: 21 * 60 })).toBe(false);
  });

  it('prefers the toggle, then a window, else off call', () => {
    const windows = [{ weekday: 1, start: '09:00', end: '10:00' }];
    expect(onCallSourceAt({ isOnCall: true, windows: [] }, 'America/Chicago', mondayMorningChicago)).toBe(
      'toggle',
    );
    expect(onCallSourceAt({ isOnCall: false, windows }, 'America/Chicago', mondayMorningChicago)).toBe(
      'window',
    );
    expect(onCallSourceAt({ isOnCall: false, windows }, 'America/New_York', mondayMorningChicago)).toBeNull();
    expect(
      onCallSourceAt({ isOnCall: false, windows: [] }, 'America/Chicago', mondayMorningChicago),
    ).toBeNull();
  });
});

describe('coarse locations', () => {
  it('snaps every point in a cell to the cell centre', () => {
    const a = coarsenLocation({ lat: 41.85601, lon: -87.66001 });
    const b = coarsenLocation({ lat: 41.85799, lon: -87.66199 });
    expect(a).toEqual(b);
    expect(Math.abs(a.lat - 41.857)).toBeLessThanOrEqual(locationGridDegrees / 2);
  });

  it('never lands more than half a cell away from the real point', () => {
    for (let index = 0; index < 200; index += 1) {
      const point = { lat: -60 + Math.random() * 120, lon: -179 + Math.random() * 358 };
      const snapped = coarsenLocation(point);
      expect(Math.abs(snapped.lat - point.lat)).toBeLessThanOrEqual(locationGridDegrees / 2 + 1e-6);
      expect(Math.abs(snapped.lon - point.lon)).toBeLessThanOrEqual(locationGridDegrees / 2 + 1e-6);
    }
  });

  it('estimates arrival at urban driving speed, at least a minute', () => {
    expect(estimatedMinutesFor(0)).toBe(1);
    expect(estimatedMinutesFor(5_000)).toBe(10);
  });
});
