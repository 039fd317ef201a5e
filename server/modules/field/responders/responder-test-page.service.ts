import { enqueueJobInUnitOfWork } from '../../../platform/jobs/index.ts';
import type { JobWaker } from '../../../platform/jobs/index.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import { t } from '../../../platform/i18n/i18n.ts';
import type { Logger } from '../../../platform/log/logger.ts';
import type { PushSender, WebPushSubscription } from '../../../platform/push/index.ts';
import { PushSendError } from '../../../platform/push/index.ts';
import type { SmsSender } from '../../../platform/sms/sms.ts';
import { findNetworkById, requireRole } from '../../identity/index.ts';
import type { Principal } from '../../identity/index.ts';
import type { ResponderDeps } from './responder.deps.ts';
import { pagedRoles, responderFields } from './responder.deps.ts';
import { parseLanguages } from './responder-presenter.ts';
import type { TestPageAnswer } from './responder.contract.ts';
import { findProfile, findResponderMember, updateProfile } from './responder.repository.ts';

export const testPageJobName = 'responders.testPage';

/** One test page a minute per responder: a second press within the minute is the same job. */
const testPageWindowMs = 60_000;

export interface TestPageDeps extends ResponderDeps {
  jobs: JobWaker;
}

export interface TestPageSenders {
  push: PushSender | null;
  sms: SmsSender | null;
  logger: Logger;
}

/**
 * Queues a test page to the responder's own registered push subscription and SMS number, the
 * same way an offer reaches them (content-free push, a fixed SMS). Nothing is queued without a
 * registered channel; pressing again within a minute sends nothing more.
 */
export async function sendOwnTestPage(deps: TestPageDeps, principal: Principal): Promise<TestPageAnswer> {
  requireRole(principal, pagedRoles);
  const profile = await findProfile(deps.db, principal.memberId);
  const channels: TestPageAnswer['channels'] = [];
  if (profile?.push_subscription_enc) channels.push('push');
  if (profile?.sms_phone_enc) channels.push('sms');
  if (channels.length === 0) return { channels };
  const now = deps.clock.now();
  await inTransaction(deps, async (uow) => {
    await enqueueJobInUnitOfWork(uow, deps, {
      name: testPageJobName,
      payload: { memberId: principal.memberId },
      idempotencyKey: `${testPageJobName}:${principal.memberId}:${Math.floor(now / testPageWindowMs)}`,
    });
  });
  return { channels };
}

/** The job: pushes `{ type: 'responders.testPage' }` and texts the fixed test message. */
export async function deliverTestPage(
  deps: ResponderDeps & TestPageSenders,
  memberId: string,
): Promise<{ push: boolean; sms: boolean }> {
  const profile = await findProfile(deps.db, memberId);
  const result = { push: false, sms: false };
  if (!profile) return result;
  if (profile.push_subscription_enc && deps.push) {
    const subscription = JSON.parse(
      deps.crypto.decrypt(profile.push_subscription_enc, responderFields.pushSubscription),
    ) as WebPushSubscription;
    try {
      await deps.push.send({
        subscription,
        payload: JSON.stringify({ type: 'responders.testPage' }),
        ttlSeconds: 600,
        urgency: 'high',
      });
      result.push = true;
    } catch (error) {
      if (error instanceof PushSendError && error.kind === 'gone') {
        await updateProfile(deps.db, memberId, {
          push_subscription_enc: null,
          updated_at: deps.clock.now(),
        });
      }
      deps.logger.warn({ kind: (error as PushSendError).kind }, 'test page push failed');
    }
  }
  if (profile.sms_phone_enc && deps.sms) {
    const [network, member] = await Promise.all([
      findNetworkById(deps.db, profile.network_id),
      findResponderMember(deps.db, profile.network_id, memberId),
    ]);
    const language = parseLanguages(member?.languages ?? '[]')[0] ?? network?.languages[0] ?? 'en';
    await deps.sms.send({
      to: deps.crypto.decrypt(profile.sms_phone_enc, responderFields.smsPhone),
      body: t(language, 'dispatch.testPageSms', { networkName: network?.name ?? 'Amparo' }),
    });
    result.sms = true;
  }
  return result;
}
