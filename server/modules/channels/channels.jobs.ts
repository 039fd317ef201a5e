import type { PlatformContext } from '../../platform/context.ts';
import type { JobSet } from '../../platform/jobs/index.ts';
import { createHotlineJobs } from './sms/index.ts';
import { createVoiceJobSet, voicePurgeTasks } from './voice/index.ts';
import { smsPurgeTasks } from './sms/sms-retention.jobs.ts';

/** The channels' purge tasks: the SMS line's, then the phone line's. */
export const channelsPurgeTasks = [...smsPurgeTasks, ...voicePurgeTasks];

/** The channels' jobs (server/jobs.ts lists them): texts to reporters and outcome notices;
 * voicemails stored and their recordings deleted at Twilio. */
export function createChannelsJobs(context: PlatformContext): JobSet {
  const voice = createVoiceJobSet(context);
  return { jobs: [...createHotlineJobs(context), ...voice.jobs], recurring: voice.recurring };
}
