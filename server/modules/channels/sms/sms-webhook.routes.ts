import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { webhookParams } from '../../../platform/http/form-parser.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { isValidTwilioSignature, twimlMessages } from '../../../platform/sms/twilio-webhook.ts';
import { intakeGuardFor, reportDepsFrom } from '../../intake/index.ts';
import { createHotlineDirectory } from './hotline-numbers.ts';
import { handleInboundSms } from './sms-inbound.service.ts';
import { answerOnce } from './sms-replay.service.ts';
import type { HotlineDeps } from './sms-inbound.service.ts';
import { createSmsKeywordRouter, smsKeywordHandlersFor } from './sms-keywords.ts';
import type { SmsKeywordHandler } from './sms-keywords.ts';
import { subscriptionBranchFor } from './subscription-branch.ts';

/** The fields of Twilio's incoming-message webhook the hotline reads (Twilio sends many more). */
const inboundSmsSchema = z.object({
  From: z.string().min(1).max(40),
  To: z.string().min(1).max(40),
  Body: z.string().max(1600).default(''),
  // Always sent by Twilio and covered by its signature, so a replay cannot drop or change it.
  MessageSid: z
    .string()
    .regex(/^[A-Za-z0-9]{10,64}$/)
    .optional(),
});

/** The hotline's dependencies; `keywordHandlers` defaults to the ones the modules declare. */
export function hotlineDepsFrom(
  context: PlatformContext,
  keywordHandlers: readonly SmsKeywordHandler[] = smsKeywordHandlersFor(context),
): HotlineDeps {
  return {
    report: reportDepsFrom(context),
    guard: intakeGuardFor(context),
    directory: createHotlineDirectory({ db: context.database.db, clock: context.clock }),
    subscriptions: subscriptionBranchFor(context),
    matchKeyword: createSmsKeywordRouter(keywordHandlers),
  };
}

/**
 * Twilio's incoming-SMS webhook. The signature is checked over the PUBLIC URL Twilio called
 * (AMPARO_PUBLIC_URL + path), since behind a proxy the request's own host is not what was signed.
 * The answer is TwiML, sent only after any report the text made has committed; a MessageSid
 * already answered gets the same answer again and nothing else happens (sms-replay.service.ts).
 */
export function registerSmsWebhookRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = hotlineDepsFrom(context);
  const replayDeps = { db: context.database.db, clock: context.clock, crypto: context.crypto };

  app.post('/webhooks/twilio/sms', async (request, reply) => {
    const twilio = context.config.twilio;
    if (!twilio) throw new AppError('TWILIO_NOT_CONFIGURED', 'The SMS hotline is not configured.');
    const params = webhookParams(request.body);
    const signature = request.headers['x-twilio-signature'];
    const isSigned = isValidTwilioSignature({
      authToken: twilio.authToken,
      signature: typeof signature === 'string' ? signature : undefined,
      url: `${context.config.publicUrl}${request.url}`,
      params,
    });
    if (!isSigned)
      throw new AppError('TWILIO_SIGNATURE_INVALID', 'The request is not signed by our SMS provider.');
    const message = parseInput(inboundSmsSchema, params);
    const handle = async () =>
      twimlMessages(await handleInboundSms(deps, { from: message.From, to: message.To, body: message.Body }));
    const answer = message.MessageSid
      ? await answerOnce(replayDeps, message.MessageSid, handle)
      : await handle();
    return reply.type('text/xml; charset=utf-8').send(answer);
  });
}
