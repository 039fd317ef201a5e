import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { defineJob } from '../../../platform/jobs/index.ts';
import type { JobContext, JobDefinition } from '../../../platform/jobs/index.ts';
import type { PurgeTask } from '../../../platform/retention/index.ts';
import { deliverPage } from './page-delivery.service.ts';
import { pageRounds } from './paging.contract.ts';
import { pagingDepsFrom } from './paging.deps.ts';
import type { PagingDeps } from './paging.deps.ts';
import { deletePagesSentBefore } from './paging.repository.ts';
import { deliverPageJobName, pageIncident, pageIncidentJobName } from './paging.service.ts';

function depsFor(base: PagingDeps, job: JobContext): PagingDeps {
  return { ...base, db: job.db, dialect: job.dialect, clock: job.clock };
}

/**
 * `paging.pageIncident` (one planner per incident and round) and `paging.deliverPage` (one per
 * person paged), both in the dispatch lane: a slow provider for alerts never delays a page.
 */
export function createPagingJobs(context: PlatformContext): JobDefinition[] {
  const base = pagingDepsFrom(context);
  const plan = defineJob({
    name: pageIncidentJobName,
    lane: 'dispatch',
    payload: z.object({ incidentId: z.uuid(), round: z.enum(pageRounds) }),
    maxAttempts: 10,
    handle: async (payload, job) => {
      const result = await pageIncident(depsFor(base, job), payload);
      job.logger.info(
        'skipped' in result
          ? { round: payload.round, skipped: result.skipped }
          : { round: payload.round, paged: result.paged.length, held: result.held.length },
        'incident paging round',
      );
    },
  });
  const deliver = defineJob({
    name: deliverPageJobName,
    lane: 'dispatch',
    payload: z.object({ pageId: z.uuid() }),
    maxAttempts: 5,
    handle: async ({ pageId }, job) => {
      const channels = await deliverPage(depsFor(base, job), pageId, job.jobId);
      job.logger.info({ pageId, channels }, 'page delivered');
    },
  });
  return [plan, deliver] as JobDefinition[];
}

/** Pages say who was paged about what and when; kept 30 days (the timeline keeps that it happened). */
export const pageRetentionMs = 30 * 24 * 60 * 60 * 1000;

export const pagingPurgeTasks: readonly PurgeTask[] = [
  {
    name: 'incident pages older than 30 days',
    tables: ['incident_pages'],
    run: (deps) => deletePagesSentBefore(deps.db, deps.clock.now() - pageRetentionMs),
  },
];
