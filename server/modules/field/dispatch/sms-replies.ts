import { isAppError } from '../../../platform/errors/app-error.ts';
import { t } from '../../../platform/i18n/i18n.ts';
import { findNetworkById } from '../../identity/index.ts';
import {
  findProfileByPhoneIndex,
  findResponderMember,
  parseLanguages,
  responderFields,
} from '../responders/index.ts';
import type { DispatchDeps } from './dispatch.deps.ts';
import { parseResponderReply } from './offer-code.ts';
import { findActiveOfferOf, findPendingOfferByCode } from './offer.repository.ts';
import { answerOffer } from './offer-responses.service.ts';

/**
 * A texted reply to an offer (`ACEPTO K7H3`, `NO K7H3`). Returns the text to answer with, or null
 * when the message is not a responder's reply — the sender is no vetted responder, or the words
 * are no reply keyword — so the SMS webhook can hand it to its other keyword handlers.
 */
export async function handleResponderSmsReply(
  deps: DispatchDeps,
  message: { from: string; body: string; networkId?: string },
): Promise<string | null> {
  const reply = parseResponderReply(message.body);
  if (!reply) return null;
  const profile = await findProfileByPhoneIndex(
    deps.db,
    deps.crypto.blindIndex(message.from, responderFields.smsPhoneIndex),
  );
  if (!profile || (message.networkId !== undefined && profile.network_id !== message.networkId)) return null;
  const member = await findResponderMember(deps.db, profile.network_id, profile.member_id);
  if (!member || member.status !== 'active') return null;
  const network = await findNetworkById(deps.db, member.network_id);
  const language = parseLanguages(member.languages)[0] ?? network?.languages[0] ?? 'en';
  const say = (key: string, code: string) =>
    t(language, `dispatch.${key}`, { networkName: network?.name ?? 'Amparo', code });

  if (reply.code === null) {
    const active = await findActiveOfferOf(deps.db, member.id);
    return active?.status === 'offered' ? say('replyNeedsCode', active.code) : null;
  }
  const offer = await findPendingOfferByCode(deps.db, member.id, reply.code);
  if (!offer) return say('replyExpired', reply.code);
  try {
    await answerOffer(deps, offer, reply.intent, 'sms');
  } catch (error) {
    if (isAppError(error) && (error.code === 'OFFER_EXPIRED' || error.code === 'OFFER_NOT_PENDING')) {
      return say('replyExpired', reply.code);
    }
    throw error;
  }
  return say(reply.intent === 'accept' ? 'replyAccepted' : 'replyDeclined', reply.code);
}
