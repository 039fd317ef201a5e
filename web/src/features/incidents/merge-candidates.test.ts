import { describe, expect, it } from 'vitest';
import { distanceMeters, mergeCandidates } from './merge-candidates.ts';
import type { PresentedIncident } from './api/types.ts';

function incident(id: string, overrides: Partial<PresentedIncident> = {}): PresentedIncident {
  return {
    id,
    publicId: id,
    status: 'new',
    outcome: null,
    closedReason: null,
    mergedIntoId: null,
    category: 'workplace',
    priority: 0,
    location: null,
    isLocationUnclear: false,
    zip: null,
    reportCount: 1,
    sourceCount: 1,
    firstReportAt: 0,
    latestReportAt: 0,
    lastReceivedAt: 0,
    claim: null,
    expiresAt: null,
    statusChangedAt: 0,
    closedAt: null,
    createdAt: 0,
    ...overrides,
  };
}

const at = (lat: number, lon: number) => ({ lat, lon, precision: 'pin' as const });

describe('merge candidates', () => {
  it('measures short distances to within a percent', () => {
    // 0.01° of latitude is 1,112 m.
    expect(distanceMeters({ lat: 41.85, lon: -87.66 }, { lat: 41.86, lon: -87.66 })).toBeCloseTo(1112, -1);
  });

  it('offers other open incidents, nearest first, unlocated ones last by recency, at most eight', () => {
    const here = incident('here', { location: at(41.85, -87.66) });
    const far = incident('far', { location: at(41.95, -87.66) });
    const near = incident('near', { location: at(41.851, -87.66) });
    const closed = incident('closed', { status: 'closed', location: at(41.85, -87.66) });
    const oldUnlocated = incident('old', { latestReportAt: 1 });
    const newUnlocated = incident('new', { latestReportAt: 2 });
    const ids = mergeCandidates(here, [far, oldUnlocated, here, closed, newUnlocated, near]).map((i) => i.id);
    expect(ids).toEqual(['near', 'far', 'new', 'old']);
    const many = Array.from({ length: 20 }, (_, index) => incident(`i${index}`));
    expect(mergeCandidates(here, many)).toHaveLength(8);
  });
});
