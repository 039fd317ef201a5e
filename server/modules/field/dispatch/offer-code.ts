import { randomInt } from 'node:crypto';
import { normalizeSmsKeyword, smsKeywords, smsKeywordSet } from '../../../platform/sms/keyword.ts';

/** No 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B: a code read on a cracked screen is typed back right. */
const codeAlphabet = 'ACDEFHJKMNPRTUVWXY3479';
export const offerCodeLength = 4;

export function newOfferCode(): string {
  let code = '';
  for (let index = 0; index < offerCodeLength; index += 1)
    code += codeAlphabet[randomInt(codeAlphabet.length)];
  return code;
}

export type SmsReplyIntent = 'accept' | 'decline';

/** The SMS keyword table's offer words (platform/sms/keyword.ts), which the hotline's router reserves. */
const acceptWords = smsKeywordSet(smsKeywords.acceptOffer);
const declineWords = smsKeywordSet(smsKeywords.declineOffer);

/** The code a reply carries: `ACEPTO K7H3`. */
const offerCodePattern = new RegExp(`^[${codeAlphabet}]{${offerCodeLength}}$`);

/**
 * Reads a texted reply such as `ACEPTO K7H3`, `yes k7h3` or `NO K7H3`. Null when it is not a
 * responder reply (the SMS webhook then tries other handlers). A reply without a code parses
 * with `code: null`, so the sender can be asked to include it.
 */
export function parseResponderReply(body: string): { intent: SmsReplyIntent; code: string | null } | null {
  // `sí, k7h3.` reads as `SI K7H3`.
  const words = normalizeSmsKeyword(body.slice(0, 200)).split(' ').filter(Boolean);
  const [keyword, code, ...rest] = words;
  if (!keyword || rest.length > 0) return null;
  const intent = acceptWords.has(keyword) ? 'accept' : declineWords.has(keyword) ? 'decline' : null;
  if (!intent) return null;
  if (code === undefined) return { intent, code: null };
  return offerCodePattern.test(code) ? { intent, code } : null;
}
