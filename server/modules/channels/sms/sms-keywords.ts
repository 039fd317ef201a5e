import type { PlatformContext } from '../../../platform/context.ts';
import { normalizeKeyword } from './sms-text.ts';

/** A text message as a keyword handler sees it. */
export interface SmsKeywordMessage {
  networkId: string;
  /** The sender, E.164 as Twilio gives it in `From`. */
  phoneE164: string;
  /** Blind index of the sender's number (purpose `reports.source`). */
  phoneHash: string;
  text: string;
  /** The keyword, normalized: "ACEPTO". */
  keyword: string;
  /** What follows the keyword, normalized ("4821" in "acepto 4821"); '' when nothing. */
  argument: string;
  /** The language the hotline would answer in. */
  language: string;
}

export interface SmsKeywordResult {
  /** False: not for this handler after all; the router goes on (e.g. to a report). */
  handled: boolean;
  /** Replies to send back, already translated. */
  replies: string[];
}

export interface SmsKeywordRegistration {
  /** Normalized first words this handler takes (e.g. ACEPTO, ACCEPT, YES). */
  keywords: readonly string[];
  /** Only when an argument follows, e.g. an offer code: "YES 4821" but not a bare "yes". */
  requiresArgument?: boolean;
  handle(message: SmsKeywordMessage): Promise<SmsKeywordResult>;
}

/**
 * Responders answer dispatch offers by text: these words followed by the offer's code are reserved
 * for the dispatch module's handler (registerSmsKeywordHandler) and never become a report.
 */
export const responderReplyKeywords = ['ACEPTO', 'ACCEPT', 'YES', 'SI', 'NO', 'DECLINE', 'RECHAZO'] as const;
const offerCodePattern = /^[A-Z0-9]{3,10}$/;

const registries = new WeakMap<PlatformContext, SmsKeywordRegistration[]>();

/**
 * Lets another module (dispatch) take text messages that start with its keywords. Registered per
 * app (an app's handlers close over that app's dependencies); call it while registering routes.
 * Returns a function that removes the registration.
 */
export function registerSmsKeywordHandler(
  context: PlatformContext,
  registration: SmsKeywordRegistration,
): () => void {
  const list = registries.get(context) ?? [];
  const stored = { ...registration, keywords: registration.keywords.map(normalizeKeyword) };
  list.push(stored);
  registries.set(context, list);
  return () => {
    const index = list.indexOf(stored);
    if (index >= 0) list.splice(index, 1);
  };
}

export interface KeywordMatch {
  registration: SmsKeywordRegistration | null;
  keyword: string;
  argument: string;
  /** A responder reply (keyword + offer code), reserved even when no handler is registered yet. */
  isResponderReply: boolean;
}

/** The registered handler for this text, or a reserved responder reply without one; null otherwise. */
export function matchKeyword(context: PlatformContext, text: string): KeywordMatch | null {
  const normalized = normalizeKeyword(text.slice(0, 200));
  const [keyword = '', ...rest] = normalized.split(' ');
  const argument = rest.join(' ');
  const registration =
    (registries.get(context) ?? []).find(
      (candidate) => candidate.keywords.includes(keyword) && (!candidate.requiresArgument || argument !== ''),
    ) ?? null;
  const isResponderReply =
    (responderReplyKeywords as readonly string[]).includes(keyword) &&
    rest.length === 1 &&
    offerCodePattern.test(argument);
  if (!registration && !isResponderReply) return null;
  return { registration, keyword, argument, isResponderReply };
}
