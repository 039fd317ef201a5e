import type { PurgeTask } from '../../../platform/retention/index.ts';
import { sumOverNetworks } from '../../identity/index.ts';
import { deleteExpiredConversations } from './conversation.repository.ts';
import { deleteExpiredSmsReceipts } from './sms-receipt.repository.ts';
import { forgetThreadPhones, purgeMessageText } from './thread.repository.ts';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The hotline's copies of what reporters texted, kept no longer than intake keeps the reports:
 * half-finished SMS conversations after 30 idle minutes; a thread's phone hashes once intake has
 * purged that reporter's contact (so run after intake's tasks); message text after the network's
 * `reportTextRetentionDays`; the MessageSids of answered webhooks (and their answers) after a day.
 */
export const smsPurgeTasks: readonly PurgeTask[] = [
  {
    name: 'SMS conversations idle for 30 minutes',
    tables: ['sms_conversations'],
    run: (deps) => deleteExpiredConversations(deps.db, deps.clock.now()),
  },
  {
    name: 'answered SMS webhooks (MessageSid and first answer) after a day',
    tables: ['sms_webhook_receipts'],
    run: (deps) => deleteExpiredSmsReceipts(deps.db, deps.clock.now()),
  },
  {
    name: 'reporter phone hashes of threads whose contact was purged',
    tables: ['incident_messages'],
    run: (deps) => sumOverNetworks(deps.db, (networkId) => forgetThreadPhones(deps.db, networkId)),
  },
  {
    name: 'thread message text older than the network retention (default 30 days)',
    tables: ['incident_messages'],
    run: (deps) =>
      sumOverNetworks(deps.db, (networkId, settings) =>
        purgeMessageText(deps.db, {
          networkId,
          createdBefore: deps.clock.now() - settings.reportTextRetentionDays * dayMs,
        }),
      ),
  },
];
