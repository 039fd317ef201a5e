import { defaultClusteringSettings, haversineMeters } from '../server/modules/intake/incidents/index.ts';
import { generateSurge, scoreClustering, simulateClustering } from '../test/fixtures/clustering-surge.ts';
import type { SyntheticReport } from '../test/fixtures/clustering-surge.ts';
import { formatNumber, ratioOf } from './results.ts';
import type { BenchRow } from './results.ts';
import { timed } from './timing.ts';

/**
 * Clustering throughput and quality on the teammate's synthetic surge with known ground truth: the
 * production rules (chooseIncident over coarse points with a running mean, via simulateClustering,
 * in memory) against a naive O(n²) pass that links each report to any earlier report close in space
 * and time. The database path is measured end to end by the intake row.
 */
export async function benchClustering(sizes: { reports: number; events: number }): Promise<BenchRow[]> {
  const reports = generateSurge({
    seed: 7,
    reports: sizes.reports,
    events: sizes.events,
    noiseReports: sizes.reports / 20,
  });
  const truth = reports.map((report) => report.eventId);
  const production = await timed(() => simulateClustering(reports, defaultClusteringSettings));
  const naive = await timed(() => naiveClustering(reports));
  const score = scoreClustering(truth, production.result);
  const naiveScore = scoreClustering(truth, naive.result);
  const perSecond = (reports.length / production.milliseconds) * 1000;
  const naivePerSecond = (reports.length / naive.milliseconds) * 1000;
  const base = { section: 'clustering', database: 'in memory' };
  return [
    {
      ...base,
      figure: 'reports clustered/s',
      value: formatNumber(perSecond),
      baseline: `${formatNumber(naivePerSecond)} naive O(n²)/s`,
      ratio: ratioOf(perSecond, naivePerSecond),
      note: `${reports.length} reports, ${score.trueClusters} true events, ${score.predictedClusters} incidents`,
    },
    {
      ...base,
      figure: 'pairwise precision / recall',
      value: `${score.pairwisePrecision.toFixed(3)} / ${score.pairwiseRecall.toFixed(3)}`,
      baseline: `${naiveScore.pairwisePrecision.toFixed(3)} / ${naiveScore.pairwiseRecall.toFixed(3)} naive`,
      ratio: `${ratioOf(score.pairwisePrecision, naiveScore.pairwisePrecision)} / ${ratioOf(score.pairwiseRecall, naiveScore.pairwiseRecall)}`,
      note: `B-cubed ${score.bcubedPrecision.toFixed(3)} / ${score.bcubedRecall.toFixed(3)}`,
    },
  ];
}

/** Single link: join the cluster of the first earlier report within the distance and time window. */
function naiveClustering(reports: readonly SyntheticReport[]): string[] {
  const assignment: string[] = [];
  const { distanceMeters, windowMs } = defaultClusteringSettings;
  for (const report of reports) {
    let chosen: string | undefined;
    for (let earlier = 0; earlier < report.index; earlier += 1) {
      const other = reports[earlier]!;
      if (
        Math.abs(other.occurredAt - report.occurredAt) <= windowMs &&
        haversineMeters(other.point, report.point) <= distanceMeters
      ) {
        chosen = assignment[earlier];
        break;
      }
    }
    assignment[report.index] = chosen ?? `naive-${report.index}`;
  }
  return assignment;
}
