import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { runCrashRounds } from './crash-driver.ts';

/**
 * Foundation promise: kill -9 of the server in the middle of writes loses no write that was
 * acknowledged. A handful of kills here (about 20 s per dialect); `scripts/crash-test.ts --kills
 * 100` runs the same driver as long as you like.
 */
describeEachDatabase('kill -9 during a surge of reports', (dialect) => {
  it('keeps every acknowledged report and a consistent, intact database', { timeout: 240_000 }, async () => {
    const result = await runCrashRounds({
      dialect,
      kills: 4,
      concurrency: 8,
      log: (line) => console.log(`[${dialect}] ${line}`),
    });
    console.log(`[${dialect}] crash result`, { ...result, lost: result.lost.length });
    // Enough acknowledgements that losing one would be noticed, and kills that really cut requests off.
    expect(result.acknowledged).toBeGreaterThanOrEqual(20);
    expect(result.interrupted).toBeGreaterThan(0);
    expect(result.lost).toEqual([]);
    expect(result.inconsistentIncidents).toEqual([]);
    expect(result.storedReports).toBeGreaterThanOrEqual(result.acknowledged);
    if (dialect === 'sqlite') expect(result.integrity).toBe('ok');
  });
});
