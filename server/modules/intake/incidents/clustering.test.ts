import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToEstimate,
  boundingBoxAround,
  chooseIncident,
  coarsen,
  defaultClusteringSettings,
  estimateFrom,
  haversineMeters,
  timeGapMs,
} from './clustering.ts';
import type { ClusterCandidate } from './clustering.ts';

const minuteMs = 60 * 1000;
const pilsen = { lat: 41.8564, lon: -87.6604 };
/** About `meters` north of a point. */
const north = (point: { lat: number; lon: number }, meters: number) => ({
  lat: point.lat + meters / 111_195,
  lon: point.lon,
});

function candidate(
  id: string,
  point: { lat: number; lon: number },
  first: number,
  latest = first,
): ClusterCandidate {
  return { id, lat: point.lat, lon: point.lon, firstReportAt: first, latestReportAt: latest };
}

describe('clustering rules', () => {
  it('keeps reports known only to one ZIP together in the unclear lane, apart from placed incidents', () => {
    const settings = defaultClusteringSettings;
    const placed = candidate('placed', pilsen, 0);
    const unclear = { ...candidate('unclear', pilsen, 0), isPlaced: false };
    const zipOnly = { point: pilsen, occurredAt: 10 * minuteMs, isPlaced: false };
    expect(chooseIncident(zipOnly, [placed, unclear], settings)?.id).toBe('unclear');
    expect(chooseIncident(zipOnly, [placed], settings)).toBeNull();
    // Another ZIP's centroid, or past the window: a new incident.
    expect(chooseIncident({ ...zipOnly, point: north(pilsen, 200) }, [unclear], settings)).toBeNull();
    expect(chooseIncident({ ...zipOnly, occurredAt: 2 * 60 * minuteMs }, [unclear], settings)).toBeNull();
    // A pinned report never joins an unclear incident, however close.
    expect(chooseIncident({ point: pilsen, occurredAt: 0 }, [unclear], settings)).toBeNull();
  });

  it('measures distances like a known pair (Chicago Loop to O’Hare is about 25 km)', () => {
    expect(
      haversineMeters({ lat: 41.8781, lon: -87.6298 }, { lat: 41.9742, lon: -87.9073 }) / 1000,
    ).toBeCloseTo(25.3, 0);
    expect(haversineMeters(pilsen, north(pilsen, 500))).toBeCloseTo(500, 0);
  });

  it('never leaves a point within the distance outside its bounding box', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lat, lon, bearing, fraction) => {
          const meters = 500 * fraction;
          const dLat = (meters * Math.cos(bearing)) / 111_195;
          const dLon = (meters * Math.sin(bearing)) / (111_195 * Math.cos((lat * Math.PI) / 180));
          const point = { lat: lat + dLat, lon: lon + dLon };
          fc.pre(haversineMeters({ lat, lon }, point) <= 500);
          const box = boundingBoxAround({ lat, lon }, 500);
          return (
            point.lat >= box.minLat &&
            point.lat <= box.maxLat &&
            point.lon >= box.minLon &&
            point.lon <= box.maxLon
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('joins the nearest open incident within 500 m and 60 minutes, else opens one', () => {
    const now = Date.UTC(2026, 10, 29, 15);
    const near = candidate('near', north(pilsen, 300), now - 30 * minuteMs);
    const nearer = candidate('nearer', north(pilsen, 120), now - 50 * minuteMs);
    const far = candidate('far', north(pilsen, 700), now);
    const stale = candidate('stale', pilsen, now - 3 * 60 * minuteMs, now - 61 * minuteMs);
    const settings = defaultClusteringSettings;
    expect(chooseIncident({ point: pilsen, occurredAt: now }, [near, far, stale], settings)?.id).toBe('near');
    expect(chooseIncident({ point: pilsen, occurredAt: now }, [near, nearer, far], settings)?.id).toBe(
      'nearer',
    );
    expect(chooseIncident({ point: pilsen, occurredAt: now }, [far, stale], settings)).toBeNull();
    expect(chooseIncident({ point: null, occurredAt: now }, [near], settings)).toBeNull();
    // The window is measured against the incident's latest report, so a long incident keeps taking reports.
    const long = candidate('long', pilsen, now - 5 * 60 * minuteMs, now - 59 * minuteMs);
    expect(chooseIncident({ point: pilsen, occurredAt: now }, [long], settings)?.id).toBe('long');
    // A late report about an earlier moment inside the incident's span joins it too.
    expect(timeGapMs(long, now - 2 * 60 * minuteMs)).toBe(0);
    expect(chooseIncident({ point: pilsen, occurredAt: now }, [{ ...near, lat: null }], settings)).toBeNull();
  });

  it('averages points into the estimate, and a pin outranks ZIP centroids', () => {
    let estimate = addToEstimate(
      { lat: null, lon: null, precision: 'none', count: 0 },
      { lat: 41.8, lon: -87.6 },
      'zip',
    );
    expect(estimate).toEqual({ lat: 41.8, lon: -87.6, precision: 'zip', count: 1 });
    estimate = addToEstimate(estimate, { lat: 41.9, lon: -87.7 }, 'pin');
    expect(estimate).toEqual({ lat: 41.9, lon: -87.7, precision: 'pin', count: 1 });
    estimate = addToEstimate(estimate, { lat: 41.8, lon: -87.6 }, 'zip');
    expect(estimate.count).toBe(1);
    estimate = addToEstimate(estimate, { lat: 41.8, lon: -87.6 }, 'pin');
    expect(estimate).toEqual({ lat: 41.85, lon: -87.65, precision: 'pin', count: 2 });
    expect(addToEstimate(estimate, null, 'none')).toBe(estimate);
  });

  it('computes the same estimate from all reports as one by one', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lat: fc.double({ min: 41, max: 42, noNaN: true }),
            lon: fc.double({ min: -88, max: -87, noNaN: true }),
          }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        (points) => {
          const reports = points.map((point) => ({ point: coarsen(point), precision: 'pin' as const }));
          const whole = estimateFrom(reports);
          let running = { lat: null, lon: null, precision: 'none', count: 0 } as ReturnType<
            typeof estimateFrom
          >;
          for (const report of reports) running = addToEstimate(running, report.point, report.precision);
          expect(whole.count).toBe(points.length);
          expect(whole.lat!).toBeCloseTo(running.lat!, 4);
          const mean = reports.reduce((sum, report) => sum + report.point.lat, 0) / reports.length;
          expect(whole.lat!).toBeCloseTo(mean, 4);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('coarsens points to about 100 m', () => {
    expect(coarsen({ lat: 41.856432, lon: -87.660487 })).toEqual({ lat: 41.856, lon: -87.66 });
  });
});
