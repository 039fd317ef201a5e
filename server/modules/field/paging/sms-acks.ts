import { t } from '../../../platform/i18n/i18n.ts';
import { normalizeSmsKeyword, smsKeywords, smsKeywordSet } from '../../../platform/sms/keyword.ts';
import { findNetworkById } from '../../identity/index.ts';
import { findProfileByPhoneIndex, responderFields } from '../responders/index.ts';
import type { PagingDeps } from './paging.deps.ts';
import { acknowledgePageBySms } from './page-ack.service.ts';
import { findUnansweredPageByCode } from './paging.repository.ts';

const claimWords = smsKeywordSet(smsKeywords.claimIncident);
const codePattern = /^[A-Z0-9]{4}$/;

/** Reads `TOMO K7H3` (any word of the keyword table's claimIncident row); null otherwise. */
export function parsePageReply(body: string): { code: string } | null {
  const [keyword, code, ...rest] = normalizeSmsKeyword(body.slice(0, 200)).split(' ').filter(Boolean);
  if (!keyword || !claimWords.has(keyword) || !code || rest.length > 0 || !codePattern.test(code))
    return null;
  return { code };
}

/**
 * A texted answer to a page from the member's verified number: claims the incident. The reply
 * to send back, or null when the sender is no paged member of this network (the hotline then
 * treats the text as it would any other).
 */
export async function handlePageSmsReply(
  deps: PagingDeps,
  message: { from: string; body: string; networkId: string },
): Promise<string | null> {
  const reply = parsePageReply(message.body);
  if (!reply) return null;
  const profile = await findProfileByPhoneIndex(
    deps.db,
    deps.crypto.blindIndex(message.from, responderFields.smsPhoneIndex),
  );
  if (!profile || profile.network_id !== message.networkId) return null;
  const network = await findNetworkById(deps.db, message.networkId);
  const language = network?.languages[0] ?? 'en';
  const say = (key: string) =>
    t(language, `dispatch.${key}`, { networkName: network?.name ?? 'Amparo', code: reply.code });
  const page = await findUnansweredPageByCode(deps.db, profile.member_id, reply.code);
  if (!page) return say('pageReplyUnknown');
  const answer = await acknowledgePageBySms(deps, page);
  if (!answer) return say('pageReplyUnknown');
  return say(answer.isClaimedByMe ? 'pageReplyClaimed' : 'pageReplyTaken');
}
