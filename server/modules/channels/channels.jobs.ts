import type { PlatformContext } from '../../platform/context.ts';
import type { JobSet } from '../../platform/jobs/index.ts';
import { createHotlineJobs } from './sms/index.ts';

export { smsPurgeTasks as channelsPurgeTasks } from './sms/sms-retention.jobs.ts';

/** The channels' jobs (server/jobs.ts lists them): texts to reporters and outcome notices. */
export function createChannelsJobs(context: PlatformContext): JobSet {
  return { jobs: createHotlineJobs(context), recurring: [] };
}
