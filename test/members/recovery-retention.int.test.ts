import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAppJobRegistry } from '../../server/jobs.ts';
import {
  purgeRecoveryLinksJob,
  recoveryLinkRetentionMs,
} from '../../server/modules/identity/members/index.ts';
import { createLogger } from '../../server/platform/log/logger.ts';
import { purgeTasks } from '../../server/retention.ts';
import { createTestApp } from '../support/app.ts';
import type { TestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildMember, buildNetwork } from '../support/factories.ts';
import { buildRecoveryLink } from './recovery-support.ts';

const minuteMs = 60 * 1000;
const dayMs = 24 * 60 * minuteMs;

describeEachDatabase('recovery link retention', (dialect) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp(dialect);
  });
  afterAll(() => testApp.close());
  const db = () => testApp.database.db;

  const runPurgeJob = () =>
    purgeRecoveryLinksJob.handle(
      {},
      {
        jobId: 'test-job',
        attempt: 1,
        db: db(),
        dialect,
        clock: testApp.context.clock,
        logger: createLogger('silent'),
        signal: new AbortController().signal,
      },
    );

  it('runs hourly and with `amparo purge`', () => {
    const schedule = createAppJobRegistry(testApp.context).recurring.find(
      (entry) => entry.job.name === 'members.purgeRecoveryLinks',
    );
    expect(schedule?.everyMs).toBe(60 * minuteMs);
    expect(purgeTasks.map((task) => task.tables)).toContainEqual(['member_recovery_links']);
    expect(recoveryLinkRetentionMs).toBe(7 * dayMs);
  });

  it('deletes links used, voided or expired over 7 days ago and keeps the others', async () => {
    const network = await buildNetwork(testApp.context);
    const admin = await buildMember(testApp.context, { networkId: network.id, roles: [{ role: 'admin' }] });
    const target = await buildMember(testApp.context, { networkId: network.id });
    const link = async (state: { used?: boolean; voided?: boolean } = {}) => {
      const { id } = await buildRecoveryLink(testApp.context, {
        networkId: network.id,
        memberId: target.id,
        createdBy: admin.id,
        needsApproval: false,
      });
      const now = testApp.clock.now();
      await db()
        .updateTable('member_recovery_links')
        .set({ used_at: state.used ? now : null, voided_at: state.voided ? now : null })
        .where('id', '=', id)
        .execute();
      return id;
    };

    const oldUsed = await link({ used: true });
    const oldVoided = await link({ voided: true });
    const oldExpired = await link();
    testApp.clock.advance(2 * dayMs);
    const recentUsed = await link({ used: true });
    testApp.clock.advance(recoveryLinkRetentionMs - 2 * dayMs + dayMs + minuteMs);
    // Now: 8 days and a minute after the first three; the recent one was used 6 days ago.
    const freshOpen = await link();
    const freshVoided = await link({ voided: true });

    const remaining = async () =>
      (
        await db()
          .selectFrom('member_recovery_links')
          .select('id')
          .where('member_id', '=', target.id)
          .execute()
      )
        .map((row) => row.id)
        .sort();
    expect(await remaining()).toEqual(
      [oldUsed, oldVoided, oldExpired, recentUsed, freshOpen, freshVoided].sort(),
    );
    await runPurgeJob();
    expect(await remaining()).toEqual([recentUsed, freshOpen, freshVoided].sort());

    // A day later the recent one is past its 7 days too; the open link, now expired, still waits.
    testApp.clock.advance(dayMs);
    await runPurgeJob();
    expect(await remaining()).toEqual([freshOpen, freshVoided].sort());
  });
});
