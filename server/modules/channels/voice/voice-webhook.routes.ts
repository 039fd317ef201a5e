import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { webhookParams } from '../../../platform/http/form-parser.ts';
import { parseInput } from '../../../platform/http/validation.ts';
import { isValidTwilioSignature } from '../../../platform/sms/twilio-webhook.ts';
import {
  acceptCall,
  afterRecording,
  answerIncomingCall,
  chooseLanguage,
  chooseService,
  endDial,
  noteCallEnded,
  recordConsent,
  whisperToOperator,
} from './voice-call.service.ts';
import { emptyAnswer } from './voice-twiml.ts';
import { voiceDepsFrom } from './voice.deps.ts';
import { acceptRecording } from './voicemail.service.ts';

const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/);
const phone = z.string().min(1).max(40);
const digits = z
  .string()
  .regex(/^[0-9*#]{0,10}$/)
  .default('');
const language = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

/** Fields of Twilio's voice webhooks the line reads (Twilio sends many more, all signed). */
const callSchema = z.object({ CallSid: callSid, From: phone, To: phone });
const gatherSchema = z.object({ CallSid: callSid, From: phone, Digits: digits });
const languageQuery = z.object({ lang: language, Digits: digits.optional() });
const operatorQuery = z.object({ call: callSid, member: z.uuid(), lang: language.optional() });
const dialSchema = z.object({ CallSid: callSid, DialCallStatus: z.string().max(40).default('no-answer') });
const recordingSchema = z.object({
  CallSid: callSid,
  RecordingSid: z.string().regex(/^RE[0-9a-fA-F]{32}$/),
  RecordingStatus: z.string().max(40),
  RecordingDuration: z.coerce.number().int().min(0).max(36_000).default(0),
});
const endedSchema = z.object({ CallSid: callSid });
const recordedSchema = z.object({ CallSid: callSid, Digits: z.string().max(10).optional() });

/**
 * The phone line (issue 18): Twilio's voice webhooks, each signed over the public URL Twilio
 * called (query included) and answered with TwiML. Unsigned or malformed requests get 403/400
 * and change nothing.
 */
export function registerVoiceWebhookRoutes(app: FastifyInstance, context: PlatformContext): void {
  const deps = voiceDepsFrom(context);
  const signed = (request: FastifyRequest): Record<string, string> => {
    const twilio = context.config.twilio;
    if (!twilio) throw new AppError('TWILIO_NOT_CONFIGURED', 'The phone line is not configured.');
    const params = webhookParams(request.body);
    const signature = request.headers['x-twilio-signature'];
    const isSigned = isValidTwilioSignature({
      authToken: twilio.authToken,
      signature: typeof signature === 'string' ? signature : undefined,
      url: `${context.config.publicUrl}${request.url}`,
      params,
    });
    if (!isSigned)
      throw new AppError('TWILIO_SIGNATURE_INVALID', 'The request is not signed by our provider.');
    return params;
  };
  const post = (
    path: string,
    handle: (request: FastifyRequest, params: Record<string, string>) => Promise<string>,
  ) => {
    app.post(`/webhooks/twilio/voice${path}`, async (request, reply) => {
      const answer = await handle(request, signed(request));
      return reply.type('text/xml; charset=utf-8').send(answer);
    });
  };

  post('', (_request, params) => {
    const call = parseInput(callSchema, params);
    return answerIncomingCall(deps, { callSid: call.CallSid, from: call.From, to: call.To });
  });
  post('/language', (request, params) => {
    const call = parseInput(gatherSchema, params);
    const query = parseInput(z.object({ Digits: digits.optional() }), request.query);
    return chooseLanguage(deps, { callSid: call.CallSid, digits: call.Digits || (query.Digits ?? '') });
  });
  post('/choice', (request, params) => {
    const call = parseInput(gatherSchema, params);
    const query = parseInput(languageQuery, request.query);
    const pressed = call.Digits || (query.Digits ?? '');
    return chooseService(deps, { callSid: call.CallSid, language: query.lang, digits: pressed });
  });
  post('/whisper', (request) => {
    const query = parseInput(operatorQuery, request.query);
    return whisperToOperator(deps, {
      callSid: query.call,
      memberId: query.member,
      language: query.lang ?? '',
    });
  });
  post('/accept', (request, params) => {
    const query = parseInput(operatorQuery, request.query);
    const pressed = parseInput(z.object({ Digits: digits }), params).Digits;
    return acceptCall(deps, { callSid: query.call, memberId: query.member, digits: pressed });
  });
  post('/dial-ended', (request, params) => {
    const dial = parseInput(dialSchema, params);
    const query = parseInput(languageQuery, request.query);
    return endDial(deps, {
      callSid: dial.CallSid,
      language: query.lang,
      dialCallStatus: dial.DialCallStatus,
    });
  });
  post('/recorded', (request, params) => {
    const call = parseInput(recordedSchema, params);
    const query = parseInput(languageQuery, request.query);
    // Twilio sends Digits "hangup" when the caller hung up to end the message: nobody to ask.
    if (call.Digits === 'hangup') return Promise.resolve(emptyAnswer());
    return afterRecording(deps, { callSid: call.CallSid, language: query.lang });
  });
  post('/recording', (request, params) => {
    const recording = parseInput(recordingSchema, params);
    const query = parseInput(languageQuery, request.query);
    return acceptRecording(deps, {
      callSid: recording.CallSid,
      recordingSid: recording.RecordingSid,
      status: recording.RecordingStatus,
      durationSeconds: recording.RecordingDuration,
      language: query.lang,
    });
  });
  post('/consent', (request, params) => {
    const call = parseInput(gatherSchema, params);
    const query = parseInput(languageQuery, request.query);
    return recordConsent(deps, {
      callSid: call.CallSid,
      language: query.lang,
      digits: call.Digits,
      from: call.From,
    });
  });
  post('/status', (_request, params) => {
    const call = parseInput(endedSchema, params);
    return noteCallEnded(deps, { callSid: call.CallSid });
  });
}
