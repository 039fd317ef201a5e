import { z } from 'zod';
import { alertPurgeTasks, subscriptionPurgeTasks } from './modules/alerting/index.ts';
import { channelsPurgeTasks } from './modules/channels/index.ts';
import { fieldPurgeTasks, pagingPurgeTasks, rotaPurgeTasks } from './modules/field/index.ts';
import { identityPurgeTasks } from './modules/identity/index.ts';
import { intakePurgeTasks } from './modules/intake/index.ts';
import { watchPurgeTasks } from './modules/watch/index.ts';
import { defineJob, doneJobsPurgeTask, recurring, spentEffectKeysPurgeTask } from './platform/jobs/index.ts';
import { expiredSharedCountersPurgeTask } from './platform/limits/index.ts';
import type { JobSet } from './platform/jobs/index.ts';
import { checkPurgeTasks, purgeAndCompact, purgeOnSchedule } from './platform/retention/index.ts';
import type { PurgeDeps, PurgeReport, PurgeTask } from './platform/retention/index.ts';

/**
 * Everything Amparo deletes on schedule so it holds as little as possible, module by module. The
 * scheduled purge and `amparo purge` both run this list. Order matters once: channels forget a
 * thread's phone hashes only after intake has purged that reporter's contact.
 */
export const purgeTasks: readonly PurgeTask[] = checkPurgeTasks([
  ...identityPurgeTasks,
  ...intakePurgeTasks,
  ...channelsPurgeTasks,
  ...fieldPurgeTasks,
  ...rotaPurgeTasks,
  ...pagingPurgeTasks,
  ...subscriptionPurgeTasks,
  ...watchPurgeTasks,
  doneJobsPurgeTask,
  expiredSharedCountersPurgeTask,
  // Issue 15 §2: after unsubscribed subscribers (their finished deliveries go with them first).
  ...alertPurgeTasks,
  spentEffectKeysPurgeTask,
]);

/** `amparo purge`: every task, then compaction so deleted rows are gone from the files. */
export function runPurge(deps: PurgeDeps): Promise<PurgeReport> {
  return purgeAndCompact(deps, purgeTasks);
}

/** Often enough for the shortest retention (SMS conversations idle for 30 minutes). */
export const purgeEveryMs = 15 * 60 * 1000;

/** `retention.purge`: the scheduled run of every purge task (SQLite's WAL emptied after it). */
export const purgeJob = defineJob({
  name: 'retention.purge',
  payload: z.object({}),
  maxAttempts: 3,
  handle: async (_payload, context) => {
    const deleted = await purgeOnSchedule(context, purgeTasks);
    context.logger.info({ deleted: deleted.map((entry) => entry.count) }, 'purged on schedule');
  },
});

export const retentionJobs: JobSet = {
  jobs: [purgeJob],
  recurring: [recurring(purgeJob, purgeEveryMs, {})],
};
