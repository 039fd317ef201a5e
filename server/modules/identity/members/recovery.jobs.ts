import { z } from 'zod';
import { defineJob } from '../../../platform/jobs/index.ts';
import type { PurgeTask } from '../../../platform/retention/index.ts';
import { deleteSpentRecoveryLinks } from './recovery.repository.ts';

const hourMs = 60 * 60 * 1000;
/**
 * How long a used, voided or expired recovery link is kept: long enough for admins to see what
 * happened to a link they made, then it goes. The audit log keeps the story (link id, creator,
 * approver), never the link.
 */
export const recoveryLinkRetentionMs = 7 * 24 * hourMs;
export const purgeRecoveryLinksEveryMs = hourMs;

/** Listed in server/retention.ts, so the scheduled purge and `amparo purge` run it too. */
export const recoveryLinkPurgeTask: PurgeTask = {
  name: 'recovery links used, voided or expired over 7 days ago',
  tables: ['member_recovery_links'],
  run: (deps) => deleteSpentRecoveryLinks(deps.db, deps.clock.now() - recoveryLinkRetentionMs),
};

/** `members.purgeRecoveryLinks`: the recurring run of the recovery links' retention. */
export const purgeRecoveryLinksJob = defineJob({
  name: 'members.purgeRecoveryLinks',
  payload: z.object({}),
  maxAttempts: 3,
  handle: async (_payload, context) => {
    const purged = await recoveryLinkPurgeTask.run(context);
    if (purged > 0) context.logger.info({ purged }, 'purged spent recovery links');
  },
});
