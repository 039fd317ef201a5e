import { randomInt } from 'node:crypto';
import { normalizeSmsKeyword } from '../../../platform/sms/keyword.ts';

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

/** The shared SMS keyword normalization: `sí, k7h3.` reads as `SI K7H3`. */
const normalize = normalizeSmsKeyword;

const acceptWords = new Set(
  ['ACEPTO', 'ACEPTAR', 'ACEPTA', 'ACCEPT', 'YES', 'SI', 'OK', 'نعم', 'أقبل'].map(normalize),
);
const declineWords = new Set(
  ['NO', 'DECLINE', 'DECLINO', 'RECHAZO', 'RECHAZAR', 'لا', 'أرفض'].map(normalize),
);

/** Keywords a responder texts back; the alert and intake keyword routers must leave these alone. */
export const responderReplyKeywords = [...acceptWords, ...declineWords];

/**
 * Reads a texted reply such as `ACEPTO K7H3`, `yes k7h3` or `NO K7H3`. Null when it is not a
 * responder reply (the SMS webhook then tries other handlers). A reply without a code parses
 * with `code: null`, so the sender can be asked to include it.
 */
export function parseResponderReply(body: string): { intent: SmsReplyIntent; code: string | null } | null {
  const words = normalize(body.slice(0, 200)).split(' ').filter(Boolean);
  const [keyword, code, ...rest] = words;
  if (!keyword || rest.length > 0) return null;
  const intent = acceptWords.has(keyword) ? 'accept' : declineWords.has(keyword) ? 'decline' : null;
  if (!intent) return null;
  if (code === undefined) return { intent, code: null };
  return new RegExp(`^[${codeAlphabet}]{${offerCodeLength}}$`).test(code) ? { intent, code } : null;
}
