import { isEffectRecorded, recordEffect } from '../../../platform/jobs/index.ts';
import { t } from '../../../platform/i18n/i18n.ts';
import { SmsSendError } from '../../../platform/sms/sms.ts';
import { findNetworkById } from '../../identity/index.ts';
import { PushSendError } from '../../../platform/push/index.ts';
import type { WebPushSubscription } from '../../../platform/push/index.ts';
import {
  findResponderProfile,
  forgetPushSubscription,
  parseLanguages,
  responderFields,
} from '../responders/index.ts';
import type { NotifyDeps } from './dispatch.deps.ts';
import { findOfferById } from './offer.repository.ts';
import type { OfferRow } from './offer.repository.ts';
import { findMemberLanguages } from './responder-directory.repository.ts';

export type NotifyResult = 'push' | 'sms' | 'noChannel' | 'notPending' | 'alreadySent' | 'undeliverable';

/**
 * Tells a responder about a new offer beyond the realtime event (raised with the offer, which
 * reaches an open app at once): Web Push to the responder app when it has subscribed — the
 * message holds only the offer id, the app fetches the rest — and otherwise, or when the push
 * service refuses, SMS through the configured adapter in the responder's language, with the reply
 * keywords and the offer code. Neither carries a location or incident details.
 *
 * At least once: each effect is recorded after the provider accepted the message, so a crash in
 * between may notify twice, which beats never reaching a volunteer who is needed now.
 */
export async function notifyResponderOfOffer(
  deps: NotifyDeps,
  offerId: string,
  options: { jobId?: string } = {},
): Promise<NotifyResult> {
  const offer = await findOfferById(deps.db, offerId);
  if (!offer || offer.status !== 'offered' || offer.expires_at <= deps.clock.now()) return 'notPending';
  const profile = await findResponderProfile(deps.db, offer.responder_member_id);
  if (profile?.push_subscription_enc && deps.push) {
    const pushed = await pushOffer(deps, offer, profile.push_subscription_enc, options.jobId);
    if (pushed !== 'failed') return pushed;
  }
  if (!deps.sms || !profile?.sms_phone_enc) return 'noChannel';
  const effectKey = `dispatch.offerSms:${offer.id}`;
  if (await isEffectRecorded(deps.db, effectKey)) return 'alreadySent';
  const [network, languages] = await Promise.all([
    findNetworkById(deps.db, offer.network_id),
    findMemberLanguages(deps.db, offer.responder_member_id),
  ]);
  const language = parseLanguages(languages ?? '[]')[0] ?? network?.languages[0] ?? 'en';
  const body = t(language, 'dispatch.offerSms', {
    networkName: network?.name ?? 'Amparo',
    code: offer.code,
    minutes: Math.max(1, Math.round((offer.expires_at - deps.clock.now()) / 60_000)),
  });
  try {
    await deps.sms.send({ to: deps.crypto.decrypt(profile.sms_phone_enc, responderFields.smsPhone), body });
  } catch (error) {
    if (error instanceof SmsSendError && !error.isRetryable) {
      deps.logger.warn(
        { offerId: offer.id, providerCode: error.providerCode },
        'offer SMS refused by the provider',
      );
      return 'undeliverable';
    }
    throw error;
  }
  await recordEffect(deps.db, effectKey, { jobId: options.jobId, clock: deps.clock });
  return 'sms';
}

async function pushOffer(
  deps: NotifyDeps,
  offer: OfferRow,
  subscriptionEnc: string,
  jobId: string | undefined,
): Promise<'push' | 'alreadySent' | 'failed'> {
  const effectKey = `dispatch.offerPush:${offer.id}`;
  if (await isEffectRecorded(deps.db, effectKey)) return 'alreadySent';
  const subscription = JSON.parse(
    deps.crypto.decrypt(subscriptionEnc, responderFields.pushSubscription),
  ) as WebPushSubscription;
  try {
    await deps.push?.send({
      subscription,
      payload: JSON.stringify({ type: 'dispatch.offer', offerId: offer.id }),
      ttlSeconds: Math.max(1, Math.floor((offer.expires_at - deps.clock.now()) / 1000)),
      urgency: 'high',
      topic: offer.id.replace(/-/g, ''),
    });
  } catch (error) {
    if (error instanceof PushSendError && error.kind === 'gone') {
      await forgetPushSubscription(deps, offer.responder_member_id);
    }
    deps.logger.warn(
      { offerId: offer.id, kind: (error as PushSendError).kind },
      'offer push failed; trying SMS',
    );
    return 'failed';
  }
  await recordEffect(deps.db, effectKey, { jobId, clock: deps.clock });
  return 'push';
}
