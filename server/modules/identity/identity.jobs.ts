import { recurring } from '../../platform/jobs/index.ts';
import type { JobSet } from '../../platform/jobs/index.ts';
import type { PurgeTask } from '../../platform/retention/index.ts';
import { authPurgeTasks } from './auth/auth.jobs.ts';
import { invitationPurgeTask } from './members/invitation.jobs.ts';
import { createSendInvitationJob, invitationDeliveryPurgeTask } from './members/invitation-import.jobs.ts';
import type { PlatformContext } from '../../platform/context.ts';
import {
  purgeRecoveryLinksEveryMs,
  purgeRecoveryLinksJob,
  recoveryLinkPurgeTask,
} from './members/recovery.jobs.ts';
import { setupTokenPurgeTask } from './setup/setup.jobs.ts';
import { operatorSessionPurgeTask } from './operators/operator.jobs.ts';

/** Identity's jobs (server/jobs.ts lists them): the hourly purge of spent recovery links. */
export function createIdentityJobs(context: PlatformContext): JobSet {
  return {
    jobs: [purgeRecoveryLinksJob, createSendInvitationJob(context)],
    recurring: [recurring(purgeRecoveryLinksJob, purgeRecoveryLinksEveryMs, {})],
  };
}

/** Identity's purge tasks (server/retention.ts lists them): spent sign-in, invitation and setup secrets. */
export const identityPurgeTasks: readonly PurgeTask[] = [
  ...authPurgeTasks,
  invitationPurgeTask,
  invitationDeliveryPurgeTask,
  recoveryLinkPurgeTask,
  setupTokenPurgeTask,
  operatorSessionPurgeTask,
];
