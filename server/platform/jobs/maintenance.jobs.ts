import { z } from 'zod';
import type { PurgeTask } from '../retention/index.ts';
import { deleteDoneJobs, deleteFinishedJobs, deleteSpentEffectKeys } from './job.repository.ts';
import { defineJob, recurring } from './job-definition.ts';
import type { JobSet } from './job-definition.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Deletes done and dead jobs finished more than `olderThanDays` ago, and effect keys no unfinished
 * job still needs: payloads hold ids of people's records, so the queue keeps them no longer than
 * needed. Idempotency keys therefore protect against duplicates for that long.
 */
export const purgeFinishedJobs = defineJob({
  name: 'jobs.purgeFinished',
  payload: z.object({ olderThanDays: z.number().int().min(1).max(3650) }),
  maxAttempts: 3,
  handle: async (payload, context) => {
    const deleted = await deleteFinishedJobs(context.db, context.clock.now() - payload.olderThanDays * dayMs);
    context.logger.info(
      { deletedJobs: deleted.jobs, deletedEffects: deleted.effects },
      'purged finished jobs',
    );
  },
});

export const purgeFinishedJobsDaily = { everyMs: dayMs, payload: { olderThanDays: 14 } };

/** The queue's own upkeep, listed first in server/jobs.ts. */
export const platformJobs: JobSet = {
  jobs: [purgeFinishedJobs],
  recurring: [recurring(purgeFinishedJobs, purgeFinishedJobsDaily.everyMs, purgeFinishedJobsDaily.payload)],
};

/** The queue's part of every purge: successful jobs go after a week, whatever the daily run keeps. */
export const doneJobsPurgeTask: PurgeTask = {
  name: 'jobs done over 7 days ago',
  tables: ['jobs'],
  run: (deps) => deleteDoneJobs(deps.db, deps.clock.now() - 7 * dayMs),
};

/**
 * Effect-once keys (ids only) are needed while their job may still retry: a week after they were
 * written, a key no pending or running job holds is deleted (issue 15 §2).
 */
export const spentEffectKeysPurgeTask: PurgeTask = {
  name: 'effect-once keys of finished jobs over 7 days old',
  tables: ['job_effects'],
  run: (deps) => deleteSpentEffectKeys(deps.db, deps.clock.now() - 7 * dayMs),
};
