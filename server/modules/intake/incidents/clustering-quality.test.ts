import { describe, expect, it } from 'vitest';
import { defaultClusteringSettings } from './clustering.ts';
import {
  generateSurge,
  scoreClustering,
  simulateClustering,
} from '../../../../test/fixtures/clustering-surge.ts';

const format = (value: number) => value.toFixed(3);

describe('clustering quality on a synthetic surge', () => {
  it('scores a perfect and a degenerate clustering as expected (the scorer can fail)', () => {
    const truth = ['a', 'a', 'a', 'b', 'b', 'c'];
    expect(scoreClustering(truth, ['x', 'x', 'x', 'y', 'y', 'z'])).toMatchObject({
      pairwisePrecision: 1,
      pairwiseRecall: 1,
      bcubedPrecision: 1,
      bcubedRecall: 1,
    });
    const lumped = scoreClustering(
      truth,
      truth.map(() => 'one'),
    );
    expect(lumped.pairwiseRecall).toBe(1);
    expect(lumped.pairwisePrecision).toBeCloseTo(4 / 15);
    const scattered = scoreClustering(
      truth,
      truth.map((_label, index) => `own-${index}`),
    );
    expect(scattered.pairwisePrecision).toBe(1);
    expect(scattered.pairwiseRecall).toBe(0);
    expect(scattered.bcubedRecall).toBeCloseTo((3 * (1 / 3) + 2 * (1 / 2) + 1) / 6);
  });

  it('recovers 40 events from 2,000 noisy reports plus 100 isolated ones (precision and recall ≥ 0.9)', () => {
    const results = [1, 2, 3].map((seed) => {
      const reports = generateSurge({ seed, events: 40, reports: 2000, noiseReports: 100 });
      const truth = reports.map((report) => report.eventId);
      const predicted = simulateClustering(reports, defaultClusteringSettings);
      return { seed, reports: reports.length, ...scoreClustering(truth, predicted) };
    });
    for (const result of results) {
      console.log(
        `clustering quality seed=${result.seed} reports=${result.reports} true=${result.trueClusters} ` +
          `predicted=${result.predictedClusters} pairwise P=${format(result.pairwisePrecision)} ` +
          `R=${format(result.pairwiseRecall)} B-cubed P=${format(result.bcubedPrecision)} R=${format(result.bcubedRecall)}`,
      );
      expect(result.reports).toBe(2100);
      expect(result.pairwisePrecision).toBeGreaterThanOrEqual(0.9);
      expect(result.pairwiseRecall).toBeGreaterThanOrEqual(0.9);
      expect(result.bcubedPrecision).toBeGreaterThanOrEqual(0.9);
      expect(result.bcubedRecall).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('reports how it degrades with worse pins (80 m noise, 10% of pins ~400 m off)', () => {
    const reports = generateSurge({ seed: 1, gpsNoiseMeters: 80 });
    const score = scoreClustering(
      reports.map((report) => report.eventId),
      simulateClustering(reports, defaultClusteringSettings),
    );
    console.log(
      `clustering quality, harsh pins: pairwise P=${format(score.pairwisePrecision)} R=${format(score.pairwiseRecall)} ` +
        `B-cubed P=${format(score.bcubedPrecision)} R=${format(score.bcubedRecall)} predicted=${score.predictedClusters}`,
    );
    // Strays open their own incidents (recall drops) but never pull events together (precision holds).
    expect(score.pairwisePrecision).toBeGreaterThanOrEqual(0.95);
    expect(score.pairwiseRecall).toBeGreaterThanOrEqual(0.8);
  });

  it('would notice a broken rule: a 50 m radius scatters the events, a 20 km one lumps them', () => {
    const reports = generateSurge({ seed: 7 });
    const truth = reports.map((report) => report.eventId);
    const tight = scoreClustering(
      truth,
      simulateClustering(reports, { ...defaultClusteringSettings, distanceMeters: 50 }),
    );
    const loose = scoreClustering(
      truth,
      simulateClustering(reports, { ...defaultClusteringSettings, distanceMeters: 20_000 }),
    );
    expect(tight.pairwiseRecall).toBeLessThan(0.5);
    expect(loose.pairwisePrecision).toBeLessThan(0.5);
  });
});
