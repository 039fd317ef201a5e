import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/index.ts';
import type { PurgeDeps, PurgeTask } from '../../../platform/retention/index.ts';
import { getNetworkSettings, listNetworkIds } from '../../identity/index.ts';
import { purgeReportText, purgeReporterContacts } from '../reports/index.ts';
import { deleteExpiredConversations, forgetThreadPhones, purgeMessageText } from '../../channels/index.ts';
import { deleteDueFlaggedReports } from '../tips/index.ts';
import { checkpointSqlite } from './retention.repository.ts';

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;
/** A reporter's contact is never kept longer than this, even while the incident stays open. */
export const reporterContactMaximumAgeMs = 7 * dayMs;

async function forEachNetwork(
  deps: PurgeDeps,
  purge: (networkId: string, settings: Awaited<ReturnType<typeof getNetworkSettings>>) => Promise<number>,
): Promise<number> {
  let total = 0;
  for (const networkId of await listNetworkIds(deps.db)) {
    total += await purge(networkId, await getNetworkSettings(deps.db, networkId));
  }
  return total;
}

/**
 * Intake's retention (issue 4 §9), shortest first: weaponized tips after 24 hours, SMS
 * conversations after 30 idle minutes, a reporter's contact when the incident closes (plus the
 * network's grace hours; at most seven days), raw report and message text after the network's
 * `reportTextRetentionDays` (default 30).
 */
export const intakePurgeTasks: readonly PurgeTask[] = [
  {
    name: 'flagged reports (weaponized tips) older than 24 hours',
    tables: ['flagged_reports'],
    run: (deps) => deleteDueFlaggedReports(deps.db, deps.clock.now()),
  },
  {
    name: 'SMS conversations idle for 30 minutes',
    tables: ['sms_conversations'],
    run: (deps) => deleteExpiredConversations(deps.db, deps.clock.now()),
  },
  {
    name: 'reporter contacts of closed incidents (or older than 7 days)',
    tables: ['reports', 'incident_messages'],
    run: (deps) =>
      forEachNetwork(deps, async (networkId, settings) => {
        const now = deps.clock.now();
        const count = await purgeReporterContacts(deps.db, {
          networkId,
          now,
          closedBefore: now - settings.reporterContactRetentionHoursAfterClose * hourMs,
          createdBefore: now - reporterContactMaximumAgeMs,
        });
        await forgetThreadPhones(deps.db, networkId);
        return count;
      }),
  },
  {
    name: 'report and message text older than the network retention (default 30 days)',
    tables: ['reports', 'incident_messages'],
    run: (deps) =>
      forEachNetwork(deps, async (networkId, settings) => {
        const now = deps.clock.now();
        const createdBefore = now - settings.reportTextRetentionDays * dayMs;
        await purgeMessageText(deps.db, { networkId, createdBefore });
        return purgeReportText(deps.db, { networkId, createdBefore, now });
      }),
  },
];

/** Runs intake's purge tasks; on SQLite also empties the WAL so purged text leaves no old frames. */
export async function purgeIntakeData(deps: PurgeDeps): Promise<{ name: string; count: number }[]> {
  const deleted = [];
  for (const task of intakePurgeTasks) deleted.push({ name: task.name, count: await task.run(deps) });
  if (deps.dialect === 'sqlite') await checkpointSqlite(deps.db);
  return deleted;
}

export const intakePurgeEveryMs = 15 * 60 * 1000;

/** `reports.purge`: the recurring run of intake's retention (the CLI's `amparo purge` runs it too). */
export const purgeIntakeJob = defineJob({
  name: 'reports.purge',
  payload: z.object({}),
  maxAttempts: 3,
  handle: async (_payload, context) => {
    const deleted = await purgeIntakeData({ db: context.db, dialect: context.dialect, clock: context.clock });
    context.logger.info({ deleted: deleted.map((entry) => entry.count) }, 'purged intake data');
  },
});
