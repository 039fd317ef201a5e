import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { runFloodTest } from './flood-driver.ts';

/**
 * Issue 4 §6, bounded for CI: 10 000 junk reports from rotating web addresses and phone numbers
 * within one simulated minute, one real report per 100 junk (known reporters by SMS, operators),
 * and a dispatcher switching flood mode on two seconds in. Its cost is the reports that get
 * stored, so the run is short in simulated time; `scripts/flood-test.ts` runs the same driver by
 * hand over ten simulated minutes (flood mode after the first), or any size.
 */
describeEachDatabase('intake under a junk flood', (dialect) => {
  it(
    'accepts at least 99 % of real reports, grows the queue by clusters, and lets no flood incident become an alert',
    { timeout: 180_000 },
    async () => {
      const result = await runFloodTest({
        dialect,
        junk: 10_000,
        junkPerMinute: 10_000,
        floodModeAfter: 300,
        junkPerReal: 100,
        isOnRamDisk: true,
      });
      console.log(`flood [${dialect}]: ${JSON.stringify(result)}`);
      expect(result.realSent).toBe(100);
      expect(result.realAcceptedShare).toBeGreaterThanOrEqual(0.99);
      // Most junk is refused, and what gets in is folded into few incidents.
      expect(result.junkRateLimited).toBeGreaterThan(result.junkSent * 0.8);
      expect(result.incidentsPerReport).toBeLessThanOrEqual(0.2);
      expect(result.incidentsOpened).toBeLessThan(result.reportsStored / 5);
      // Zero alerts caused by unverified reports: every draft from a flood incident is refused.
      expect(result.alertsCreated).toBe(0);
      expect(Object.values(result.alertDraftAnswers).reduce((sum, count) => sum + count, 0)).toBe(
        result.incidentsOpened,
      );
      expect(Object.keys(result.alertDraftAnswers).every((answer) => answer.startsWith('409 '))).toBe(true);
    },
  );
});
