import type { PlatformContext } from '../../platform/context.ts';
import { recurring } from '../../platform/jobs/index.ts';
import type { JobSet } from '../../platform/jobs/index.ts';
import {
  createExpireUnverifiedIncidentsJob,
  expireUnverifiedEveryMs,
} from './incidents/incident-expiry.jobs.ts';

/** Intake's jobs (server/jobs.ts lists them): closing incidents nobody verified, every five minutes. */
export function createIntakeJobs(context: Pick<PlatformContext, 'events'>): JobSet {
  const expireUnverified = createExpireUnverifiedIncidentsJob(context);
  return {
    jobs: [expireUnverified],
    recurring: [recurring(expireUnverified, expireUnverifiedEveryMs, {})],
  };
}
