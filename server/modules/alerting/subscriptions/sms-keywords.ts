import { normalizeSmsKeyword, smsLanguageNames } from '../../../platform/sms/keyword.ts';

/**
 * Subscription keywords in a text message. Matching ignores case, accents, punctuation and extra
 * spaces ("  alta: 60608 " is ALTA 60608). Opt-out words must be the whole message, as Twilio
 * applies them, so a report that starts with "Stop sign..." is not an unsubscribe.
 */
export type SubscriptionKeyword =
  | { command: 'optOut' }
  | { command: 'optIn' }
  | { command: 'join'; zips: string[]; language: string | null; keywordLanguage: string }
  | { command: 'language'; language: string | null; keywordLanguage: string }
  | { command: 'help'; keywordLanguage: string };

/** Twilio's documented default opt-out keywords, plus ALTO for Spanish speakers. */
export const optOutKeywords = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
  'ALTO',
];
/** Twilio's opt-in keywords that lift its own block (YES is left out: too common a reply). */
const optInKeywords = ['START', 'UNSTOP'];
const joinKeywords: Record<string, string> = { ALTA: 'es', JOIN: 'en' };
const languageKeywords: Record<string, string> = { IDIOMA: 'es', LANG: 'en', LANGUAGE: 'en' };
const helpKeywords: Record<string, string> = { AYUDA: 'es', HELP: 'en', INFO: 'en' };

/** The shared SMS keyword normalization (platform/sms/keyword.ts). */
export const normalizeKeywordText = normalizeSmsKeyword;

export function parseSubscriptionKeyword(text: string): SubscriptionKeyword | null {
  const normalized = normalizeKeywordText(text.slice(0, 500));
  if (normalized.length === 0) return null;
  const compact = normalized.replace(/ /g, '');
  if (optOutKeywords.includes(compact)) return { command: 'optOut' };
  if (optInKeywords.includes(compact)) return { command: 'optIn' };
  if (helpKeywords[compact]) return { command: 'help', keywordLanguage: helpKeywords[compact] };
  const [first = '', ...rest] = normalized.split(' ');
  const joinLanguage = joinKeywords[first];
  if (joinLanguage) {
    const zips = rest.filter((token) => /^\d{5}$/.test(token));
    const others = rest.filter((token) => !/^\d{5}$/.test(token));
    // Without a ZIP, more words after JOIN make a sentence ("join us at the vigil"), not a keyword.
    if (zips.length === 0 && others.length > 1) return null;
    const language = others.map(languageFrom).find((code) => code !== null) ?? null;
    return { command: 'join', zips, language, keywordLanguage: joinLanguage };
  }
  const keywordLanguage = languageKeywords[first];
  if (keywordLanguage) {
    if (rest.length > 1) return null;
    return { command: 'language', language: rest[0] ? languageFrom(rest[0]) : null, keywordLanguage };
  }
  return null;
}

/** A two-letter code or a language name; null otherwise. */
function languageFrom(token: string): string | null {
  if (smsLanguageNames[token]) return smsLanguageNames[token];
  return /^[A-Z]{2}$/.test(token) ? token.toLowerCase() : null;
}
