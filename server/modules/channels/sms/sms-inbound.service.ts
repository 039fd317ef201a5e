import { t } from '../../../platform/i18n/index.ts';
import type { IntakeGuard, ReportDeps } from '../../intake/index.ts';
import { normalizePhone, sourceHashOf } from '../../intake/index.ts';
import { smsKeywords, smsKeywordSet } from '../../../platform/sms/keyword.ts';
import { deleteConversation, findLiveConversation } from './conversation.repository.ts';
import type { HotlineDirectory } from './hotline-numbers.ts';
import type { SmsKeywordRouter } from './sms-keywords.ts';
import { answerConsent, completeSmsReport, consentAnswerOf, startSmsReport } from './sms-report.service.ts';
import type { Texter } from './sms-report.service.ts';
import { detectSmsLanguage, languageNameKeywords, normalizeKeyword, parseSmsLocation } from './sms-text.ts';
import type { SubscriptionBranch } from './subscription-branch.ts';
import { attachInboundReply } from './thread.service.ts';

export interface InboundSms {
  /** Twilio's From and To (E.164) and Body. */
  from: string;
  to: string;
  body: string;
}

export interface HotlineDeps {
  report: ReportDeps;
  guard: IntakeGuard;
  directory: HotlineDirectory;
  subscriptions: SubscriptionBranch;
  /** The keyword router, built from the handlers the modules declare (sms-keywords.ts). */
  matchKeyword: SmsKeywordRouter;
}

/** Twilio's opt-out words (the whole message), which must work whatever else is going on. */
const optOutWords = smsKeywordSet(smsKeywords.optOut);
const greetings = smsKeywordSet(smsKeywords.greeting);

/**
 * Routes one text to the hotline and returns the replies, in the texter's language, to send back
 * as TwiML. In order: an opt-out (always honoured, never limited), the per-phone reply budget
 * (RATE_LIMITED: no answer at all), a responder's offer reply (dispatch), the intake limits,
 * subscription keywords, a consent answer, a language
 * choice, a reply to a dispatcher's message, the location a report is waiting for, and finally a
 * new report. A reply that acknowledges a report is made only after the report has committed.
 */
export async function handleInboundSms(deps: HotlineDeps, input: InboundSms): Promise<string[]> {
  const network = await deps.directory.networkFor(input.to);
  const digits = normalizePhone(input.from);
  if (!network || !digits) return [];
  // A suspended network (ADR 0032) stores nothing and answers one fixed line.
  if (network.isSuspended) return [t(network.languages[0] ?? 'en', 'sms.notInService')];
  const { db, clock, crypto } = deps.report;
  const phoneE164 = `+${digits}`;
  const phoneHash = sourceHashOf(crypto, { kind: 'phone', phone: phoneE164 }) ?? '';
  const text = input.body.trim().slice(0, 1600);
  const normalized = normalizeKeyword(text);
  const sayIn =
    (language: string) =>
    (key: string, values: Record<string, string> = {}) =>
      t(language, `sms.${key}`, {
        networkName: network.name,
        stopKeyword: t(language, 'sms.stopKeyword'),
        helpKeyword: t(language, 'sms.helpKeyword'),
        ...values,
      });
  const textLanguage = detectSmsLanguage(text, { previous: null, enabled: network.languages });
  const message = { networkId: network.id, phoneE164, text, language: textLanguage };

  if (optOutWords.has(normalized.replace(/ /g, ''))) {
    await deleteConversation(db, { networkId: network.id, phoneHash });
    return (await deps.subscriptions(message)).replies;
  }
  // Every other branch answers, and the network pays for each answer: one per-phone budget first.
  await deps.guard.admitSmsReply({ networkId: network.id, phoneHash });

  const keyword = deps.matchKeyword(text);
  if (keyword?.handler) {
    const result = await keyword.handler.handle({
      ...message,
      phoneHash,
      keyword: keyword.keyword,
      argument: keyword.argument,
    });
    if (result.handled) return result.replies;
  }
  // "ACEPTO K7Q2" from a number dispatch does not know is still no report.
  if (keyword?.isResponderReply) return [sayIn(textLanguage)('notUnderstood')];

  // Limits before any other read: a flood from rotating numbers costs at most one indexed read each.
  await deps.guard.admitPhone({ networkId: network.id, phoneHash, zip: parseSmsLocation(text).zip ?? null });

  const conversation = await findLiveConversation(db, { networkId: network.id, phoneHash, now: clock.now() });
  const language = detectSmsLanguage(text, {
    previous: conversation?.language ?? null,
    enabled: network.languages,
  });
  const say = sayIn(language);
  const texter: Texter = { network, phoneE164, phoneHash, language, say };
  const forSubscriptions = { ...message, language };

  const subscription = await deps.subscriptions(forSubscriptions);
  if (subscription.handled) {
    await deleteConversation(db, { networkId: network.id, phoneHash });
    return subscription.replies;
  }
  const consent = conversation?.stage === 'awaiting_consent' ? consentAnswerOf(normalized) : null;
  if (conversation && consent !== null) return answerConsent(deps.report, texter, conversation, consent);
  if (languageNameKeywords[normalized]) return [say('languageSet')];
  if (await attachInboundReply(deps.report, { networkId: network.id, phoneHash, text })) {
    return [say('replyPassedOn')];
  }
  if (conversation?.stage === 'awaiting_location' && text.length > 0) {
    return completeSmsReport(deps.report, texter, conversation, text);
  }
  if (normalized.length < 2 || greetings.has(normalized)) return [say('help')];
  return startSmsReport(deps.report, texter, text);
}
