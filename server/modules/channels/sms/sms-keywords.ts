import type { PlatformContext } from '../../../platform/context.ts';
import { normalizeSmsKeyword, responderReplyWords, smsKeywords } from '../../../platform/sms/keyword.ts';
import {
  dispatchDepsFrom,
  handlePageSmsReply,
  handleResponderSmsReply,
  pagingDepsFrom,
} from '../../field/index.ts';

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

export interface SmsKeywordHandler {
  /** First words this handler takes (e.g. ACEPTO, ACCEPT, YES), as in the keyword table. */
  keywords: readonly string[];
  /** Only when an argument follows, e.g. an offer code: "YES 4821" but not a bare "yes". */
  requiresArgument?: boolean;
  handle(message: SmsKeywordMessage): Promise<SmsKeywordResult>;
}

export interface KeywordMatch {
  handler: SmsKeywordHandler | null;
  keyword: string;
  argument: string;
  /** A responder reply (keyword + offer code), reserved even when its handler passes. */
  isResponderReply: boolean;
}

/** Finds the handler for a text: the first whose keywords hold the text's first word. */
export type SmsKeywordRouter = (text: string) => KeywordMatch | null;

const offerCodePattern = /^[A-Z0-9]{3,10}$/;
const reservedReplyWords = new Set(responderReplyWords);

/**
 * The hotline's keyword router, built from a declared list of handlers (no registration at import
 * time). A responder reply (an offer word of the keyword table and a code) is reserved even when
 * no handler takes it, so it never becomes a report.
 */
export function createSmsKeywordRouter(handlers: readonly SmsKeywordHandler[]): SmsKeywordRouter {
  const routes = handlers.map((handler) => ({
    handler,
    keywords: new Set(handler.keywords.map(normalizeSmsKeyword)),
  }));
  return (text) => {
    const [keyword = '', ...rest] = normalizeSmsKeyword(text.slice(0, 200)).split(' ');
    const argument = rest.join(' ');
    const route = routes.find(
      (candidate) =>
        candidate.keywords.has(keyword) && (!candidate.handler.requiresArgument || argument !== ''),
    );
    const isResponderReply =
      reservedReplyWords.has(keyword) && rest.length === 1 && offerCodePattern.test(argument);
    if (!route && !isResponderReply) return null;
    return { handler: route?.handler ?? null, keyword, argument, isResponderReply };
  };
}

/**
 * Every module's texted keywords, declared in one place: channels imports the modules it routes
 * to through their index.ts. Today: responders answering dispatch offers (ACEPTO K7H3), and paged
 * dispatchers taking the incident (TOMO K7H3).
 */
export function smsKeywordHandlersFor(context: PlatformContext): SmsKeywordHandler[] {
  const dispatch = dispatchDepsFrom(context);
  const paging = pagingDepsFrom(context);
  return [
    {
      keywords: smsKeywords.claimIncident,
      requiresArgument: true,
      handle: async (message) => {
        const reply = await handlePageSmsReply(paging, {
          from: message.phoneE164,
          body: message.text,
          networkId: message.networkId,
        });
        return reply === null ? { handled: false, replies: [] } : { handled: true, replies: [reply] };
      },
    },
    {
      keywords: responderReplyWords,
      handle: async (message) => {
        const reply = await handleResponderSmsReply(dispatch, {
          from: message.phoneE164,
          body: message.text,
          networkId: message.networkId,
        });
        return reply === null ? { handled: false, replies: [] } : { handled: true, replies: [reply] };
      },
    },
  ];
}
