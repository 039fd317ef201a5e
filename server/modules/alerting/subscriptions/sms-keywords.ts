import {
  normalizeSmsKeyword,
  smsKeywordMap,
  smsKeywords,
  smsKeywordSet,
  smsLanguageNames,
} from '../../../platform/sms/keyword.ts';

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

/** The subscription rows of the SMS keyword table (platform/sms/keyword.ts). */
const optOutKeywords = smsKeywordSet(smsKeywords.optOut);
const optInKeywords = smsKeywordSet(smsKeywords.optIn);
const joinKeywords: Readonly<Record<string, string>> = smsKeywordMap(smsKeywords.join);
const languageKeywords: Readonly<Record<string, string>> = smsKeywordMap(smsKeywords.setLanguage);
const helpKeywords: Readonly<Record<string, string>> = smsKeywordMap(smsKeywords.help);

/** The shared SMS keyword normalization (platform/sms/keyword.ts). */
export const normalizeKeywordText = normalizeSmsKeyword;

export function parseSubscriptionKeyword(text: string): SubscriptionKeyword | null {
  const normalized = normalizeKeywordText(text.slice(0, 500));
  if (normalized.length === 0) return null;
  const compact = normalized.replace(/ /g, '');
  if (optOutKeywords.has(compact)) return { command: 'optOut' };
  if (optInKeywords.has(compact)) return { command: 'optIn' };
  if (helpKeywords[compact]) return { command: 'help', keywordLanguage: helpKeywords[compact] };
  const [first = '', ...rest] = normalized.split(' ');
  const joinLanguage = joinKeywords[first];
  if (joinLanguage) {
    const zips = rest.filter((token) => /^\d{5}$/.test(token));
    const others = rest.filter((token) => !/^\d{5}$/.test(token));
    const namedLanguage = others.length > 1 ? languageFrom(others.join(' ')) : null;
    // Without a ZIP, more words after JOIN make a sentence ("join us at the vigil"), not a keyword,
    // unless they name a language ("JOIN TIENG VIET").
    if (zips.length === 0 && others.length > 1 && namedLanguage === null) return null;
    const language = namedLanguage ?? others.map(languageFrom).find((code) => code !== null) ?? null;
    return { command: 'join', zips, language, keywordLanguage: joinLanguage };
  }
  const keywordLanguage = languageKeywords[first];
  if (keywordLanguage) {
    // "IDIOMA KREYOL", "LANG TIENG VIET": one name, at most two words; more make a sentence.
    const language = rest.length === 0 ? null : languageFrom(rest.join(' '));
    if (rest.length > 1 && language === null) return null;
    return { command: 'language', language, keywordLanguage };
  }
  return null;
}

/** A two-letter code or a language name; null otherwise. */
function languageFrom(token: string): string | null {
  if (smsLanguageNames[token]) return smsLanguageNames[token];
  return /^[A-Z]{2}$/.test(token) ? token.toLowerCase() : null;
}
