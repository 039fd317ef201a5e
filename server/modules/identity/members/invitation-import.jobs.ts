import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { t } from '../../../platform/i18n/i18n.ts';
import { defineJob } from '../../../platform/jobs/index.ts';
import type { PurgeTask } from '../../../platform/retention/index.ts';
import { findNetworkById } from '../networks/index.ts';
import {
  deleteInvitationDelivery,
  deleteStaleInvitationDeliveries,
  findInvitationDelivery,
} from './invitation-import.repository.ts';
import { invitationFields, sendInvitationJobName } from './invitation-import.service.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** An imported invitation never sent (its job gave up) goes after a week, its invitation's life. */
export const invitationDeliveryPurgeTask: PurgeTask = {
  name: 'imported invitations never sent, over 7 days old',
  tables: ['invitation_deliveries'],
  run: (deps) => deleteStaleInvitationDeliveries(deps.db, deps.clock.now() - 7 * dayMs),
};

/**
 * `members.sendInvitation`: one imported invitation by email or text, in the row's language, then
 * the delivery row (address and link) is deleted. A retry after a crash between the send and the
 * delete sends the same link again, which is harmless: the link works once.
 */
export function createSendInvitationJob(context: PlatformContext) {
  return defineJob({
    name: sendInvitationJobName,
    lane: 'email',
    payload: z.object({ deliveryId: z.uuid() }),
    maxAttempts: 8,
    handle: async ({ deliveryId }, job) => {
      const delivery = await findInvitationDelivery(job.db, deliveryId);
      if (!delivery) return;
      const network = await findNetworkById(job.db, delivery.network_id);
      const values = {
        networkName: network?.name ?? 'Amparo',
        link: context.crypto.decrypt(delivery.link_enc, invitationFields.link),
      };
      const address = context.crypto.decrypt(delivery.address_enc, invitationFields.address);
      if (delivery.channel === 'email') {
        if (!context.senders.email) throw new Error('email is not configured');
        await context.senders.email.send({
          to: address,
          subject: t(delivery.language, 'invitations.emailSubject', values),
          text: t(delivery.language, 'invitations.emailBody', values),
        });
      } else {
        if (!context.senders.sms) throw new Error('SMS is not configured');
        await context.senders.sms.send({
          to: address,
          body: t(delivery.language, 'invitations.sms', values),
        });
      }
      await deleteInvitationDelivery(job.db, deliveryId);
      job.logger.info({ channel: delivery.channel }, 'imported invitation sent');
    },
  });
}
