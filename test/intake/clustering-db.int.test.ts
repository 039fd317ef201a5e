import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultIncidentSettings } from '../../server/modules/intake/incidents/index.ts';
import { generateSurge, scoreClustering, simulateClustering } from '../fixtures/clustering-surge.ts';
import { submitReport } from '../../server/modules/intake/reports/index.ts';
import type { ReportDeps } from '../../server/modules/intake/reports/index.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { network } from './support.ts';

/**
 * The same synthetic surge through the real intake (SQL bounding box, time window, running mean in
 * the database) must group reports exactly as the in-memory rules do, so the figures measured by
 * clustering.quality.test.ts are the figures of the running system.
 */
describeEachDatabase('clustering through the database', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    // One test client sends many reports: the flood limits (tested by their own module) are scaled away.
    testApp = await createTestApp(dialect, { AMPARO_INTAKE_LIMIT_SCALE: '100' });
  });
  afterAll(() => testApp.close());

  it('matches the in-memory clustering report for report on a surge', { timeout: 120_000 }, async () => {
    const net = await network(testApp);
    const reports = generateSurge({
      seed: 11,
      events: 10,
      reports: 300,
      noiseReports: 20,
      radiusMeters: 5000,
      start: testApp.clock.now(),
    });
    const deps: ReportDeps = {
      db: testApp.context.database.db,
      dialect,
      clock: testApp.clock,
      crypto: testApp.context.crypto,
      events: testApp.context.events,
      lookupZip: { centroidOf: () => null, zipNear: () => null },
      settingsFor: () => Promise.resolve(defaultIncidentSettings),
    };
    const stored: string[] = [];
    for (const report of reports) {
      testApp.clock.set(report.receivedAt);
      const result = await submitReport(deps, {
        networkId: net.id,
        networkLanguages: ['en'],
        channel: 'web',
        category: 'street_stop',
        location: report.point,
        occurredAt: Math.min(report.occurredAt, report.receivedAt),
        source: null,
      });
      stored[report.index] = result.incidentId;
    }
    const truth = reports.map((report) => report.eventId);
    const simulated = simulateClustering(reports, defaultIncidentSettings.clustering);
    const agreement = scoreClustering(simulated, stored);
    expect(agreement).toMatchObject({ pairwisePrecision: 1, pairwiseRecall: 1 });
    const quality = scoreClustering(truth, stored);
    console.log(
      `[${dialect}] database clustering: ${quality.predictedClusters} incidents for ${quality.trueClusters} events, ` +
        `pairwise P=${quality.pairwisePrecision.toFixed(3)} R=${quality.pairwiseRecall.toFixed(3)}`,
    );
    expect(quality.pairwisePrecision).toBeGreaterThanOrEqual(0.9);
    expect(quality.pairwiseRecall).toBeGreaterThanOrEqual(0.9);

    // Each incident's counters agree with its reports.
    const incidents = await testApp.context.database.db
      .selectFrom('incidents')
      .select(['id', 'report_count', 'source_count'])
      .where('network_id', '=', net.id)
      .execute();
    const sizes = new Map<string, number>();
    for (const id of stored) sizes.set(id, (sizes.get(id) ?? 0) + 1);
    expect(incidents.length).toBe(sizes.size);
    for (const incident of incidents) {
      expect([incident.id, incident.report_count]).toEqual([incident.id, sizes.get(incident.id)]);
      expect(incident.source_count).toBe(incident.report_count);
    }
  });
});
