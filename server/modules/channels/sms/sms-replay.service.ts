import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/clock.ts';
import type { FieldCrypto } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/database/schema.ts';
import { twimlMessages } from '../../../platform/sms/twilio-webhook.ts';
import {
  claimSmsReceipt,
  findSmsReceiptAnswer,
  releaseSmsReceipt,
  saveSmsReceiptAnswer,
} from './sms-receipt.repository.ts';

/** Twilio retries a webhook for a few hours at most; a day covers any replay of a captured one. */
export const smsReceiptLifetimeMs = 24 * 60 * 60 * 1000;
/** A claim with no answer after this long belongs to a delivery that died; the next one takes over. */
const abandonedClaimMs = 60 * 1000;
export const smsReceiptAnswerContext = 'sms_webhook_receipts.answer';

export interface SmsReplayDeps {
  db: Kysely<Database>;
  clock: Clock;
  crypto: FieldCrypto;
}

/**
 * Answers one incoming-SMS webhook once per MessageSid (issue 14 §9): the first delivery runs
 * `handle` and its TwiML is kept; a replay or retry gets that same TwiML and runs nothing, so a
 * captured, validly signed request cannot make a second report. A delivery that arrives while the
 * first is still being handled gets an empty answer (Twilio sends nothing for it).
 */
export async function answerOnce(
  deps: SmsReplayDeps,
  messageSid: string,
  handle: () => Promise<string>,
): Promise<string> {
  const now = deps.clock.now();
  const isClaimed = await claimSmsReceipt(deps.db, {
    messageSid,
    now,
    purgeAt: now + smsReceiptLifetimeMs,
    staleBefore: now - abandonedClaimMs,
  });
  if (!isClaimed) {
    const earlier = await findSmsReceiptAnswer(deps.db, messageSid);
    return earlier?.answer_enc
      ? deps.crypto.decrypt(earlier.answer_enc, smsReceiptAnswerContext)
      : twimlMessages([]);
  }
  let answer: string;
  try {
    answer = await handle();
  } catch (error) {
    // Refused (rate limit, bad input) or failed: nothing was answered, so a retry may try again.
    await releaseSmsReceipt(deps.db, messageSid);
    throw error;
  }
  await saveSmsReceiptAnswer(deps.db, {
    messageSid,
    answerEnc: deps.crypto.encrypt(answer, smsReceiptAnswerContext),
  });
  return answer;
}
