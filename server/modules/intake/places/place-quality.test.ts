import { describe, expect, it } from 'vitest';
import { benchPlaces } from '../../../../bench/places.bench.ts';

describe('places on labelled sets (the bench figures)', () => {
  it('places typed intersections within 50 m and keeps simultaneous events of one ZIP apart', () => {
    const [geocoding, clustering] = benchPlaces();
    const [placed, total] = geocoding!.value.split(' / ').map(Number);
    expect(placed! / total!).toBeGreaterThanOrEqual(0.95);
    const [precision, recall] = clustering!.value.split(' / ').map(Number);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    // The rules before issue 25 lump every text-only report of the ZIP together.
    expect(clustering!.baseline).toMatch(/^0\.1\d\d \/ 1\.000 before$/);
  });
});
