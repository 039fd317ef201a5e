import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { t } from '../../../platform/i18n/index.ts';

/** The voice each network language is spoken in (Twilio's `<Say>` language and Amazon Polly voice). */
const voices: Record<string, Pick<VoiceResponse.SayAttributes, 'language' | 'voice'>> = {
  en: { language: 'en-US', voice: 'Polly.Joanna' },
  es: { language: 'es-US', voice: 'Polly.Lupe' },
  ar: { language: 'arb', voice: 'Polly.Zeina' },
  pt: { language: 'pt-BR', voice: 'Polly.Camila' },
  // No text-to-speech voice speaks Kreyòl; its spelling reads closest in French (ADR 0033).
  ht: { language: 'fr-FR', voice: 'Polly.Lea' },
  vi: { language: 'vi-VN', voice: 'Google.vi-VN-Standard-A' },
  zh: { language: 'cmn-CN', voice: 'Polly.Zhiyu' },
};

export function sayAttributesFor(language: string): VoiceResponse.SayAttributes {
  return voices[language] ?? { language: 'en-US', voice: 'Polly.Joanna' };
}

/** The menu keys, once a language is chosen. */
export const menuKeys = { operator: '1', rights: '2', voicemail: '3' } as const;
export const acceptKey = '1';
export const consentKeys = { yes: '1', no: '2' } as const;

/** Absolute URLs of the voice webhooks: Twilio signs the URL it calls, query included. */
export interface VoiceUrls {
  menu: string;
  choice(language: string): string;
  dialEnded(language: string): string;
  whisper(callSid: string, memberId: string, language: string): string;
  accept(callSid: string, memberId: string): string;
  recorded(language: string): string;
  recording(language: string): string;
  consent(language: string): string;
}

export function voiceUrlsFor(publicUrl: string): VoiceUrls {
  const base = `${publicUrl}/webhooks/twilio/voice`;
  const query = (values: Record<string, string>) => new URLSearchParams(values).toString();
  return {
    menu: `${base}/language`,
    choice: (language) => `${base}/choice?${query({ lang: language })}`,
    dialEnded: (language) => `${base}/dial-ended?${query({ lang: language })}`,
    whisper: (callSid, memberId, language) =>
      `${base}/whisper?${query({ call: callSid, member: memberId, lang: language })}`,
    accept: (callSid, memberId) => `${base}/accept?${query({ call: callSid, member: memberId })}`,
    recorded: (language) => `${base}/recorded?${query({ lang: language })}`,
    recording: (language) => `${base}/recording?${query({ lang: language })}`,
    consent: (language) => `${base}/consent?${query({ lang: language })}`,
  };
}

const say = (
  node: { say(attributes: VoiceResponse.SayAttributes, text: string): unknown },
  language: string,
  key: string,
  values: Record<string, string> = {},
) => node.say(sayAttributesFor(language), t(language, `voice.${key}`, values));

/**
 * The first answer: a greeting and "press 1 for Español, 2 for English…" in the network's
 * languages, each option spoken in its own language. No key: the network's first language.
 */
export function languageMenu(input: {
  networkName: string;
  languages: readonly string[];
  urls: VoiceUrls;
}): string {
  const response = new twilio.twiml.VoiceResponse();
  const first = input.languages[0] ?? 'en';
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: 1,
    timeout: 5,
    action: input.urls.menu,
    method: 'POST',
  });
  say(gather, first, 'greeting', { networkName: input.networkName });
  input.languages.slice(0, 9).forEach((language, index) => {
    say(gather, language, 'languageOption', { digit: String(index + 1) });
  });
  response.redirect(
    { method: 'POST' },
    `${input.urls.menu}?${new URLSearchParams({ Digits: '1' }).toString()}`,
  );
  return response.toString();
}

/** The choices in the caller's language: a person, the rights message, or a voicemail. */
export function serviceMenu(input: { language: string; urls: VoiceUrls; canReachOperator: boolean }): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: 1,
    timeout: 6,
    action: input.urls.choice(input.language),
    method: 'POST',
  });
  say(gather, input.language, input.canReachOperator ? 'menu' : 'menuWithoutOperator');
  // No key pressed: a person if one can be reached, else the message.
  response.redirect(
    { method: 'POST' },
    `${input.urls.choice(input.language)}&${new URLSearchParams({ Digits: input.canReachOperator ? menuKeys.operator : menuKeys.voicemail }).toString()}`,
  );
  return response.toString();
}

/** The know-your-rights message, then back to the menu. */
export function rightsMessage(input: { language: string; urls: VoiceUrls }): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, input.language, 'rights');
  response.pause({ length: 1 });
  response.redirect(
    { method: 'POST' },
    `${input.urls.choice(input.language)}&${new URLSearchParams({ Digits: '9' }).toString()}`,
  );
  return response.toString();
}

/**
 * Rings every on-duty operator at once. Each operator's leg first hears the whisper (`<Number
 * url>`), which asks for a key: an answering machine cannot press it, so voicemail on an
 * operator's own phone never takes the call. Nobody within `ringSeconds`: the dial's action
 * leads to voicemail.
 */
export function dialOperators(input: {
  callSid: string;
  language: string;
  ringSeconds: number;
  operators: readonly { memberId: string; phone: string }[];
  urls: VoiceUrls;
}): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, input.language, 'connecting');
  const dial = response.dial({
    timeout: input.ringSeconds,
    action: input.urls.dialEnded(input.language),
    method: 'POST',
    answerOnBridge: true,
  });
  for (const operator of input.operators) {
    dial.number(
      { url: input.urls.whisper(input.callSid, operator.memberId, input.language), method: 'POST' },
      operator.phone,
    );
  }
  return response.toString();
}

/** What the operator hears before the caller is connected: the line, the language, a key to press. */
export function whisper(input: {
  networkName: string;
  callLanguage: string;
  operatorLanguage: string;
  acceptUrl: string;
}): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: 1,
    timeout: 8,
    action: input.acceptUrl,
    method: 'POST',
  });
  say(gather, input.operatorLanguage, 'whisper', {
    networkName: input.networkName,
    language: t(input.callLanguage, 'voice.languageName'),
  });
  // No key: this leg hangs up and the caller keeps ringing the others.
  response.hangup();
  return response.toString();
}

/** The operator pressed the key: an empty answer connects the two legs. Anything else: not this leg. */
export function acceptAnswer(isAccepted: boolean): string {
  const response = new twilio.twiml.VoiceResponse();
  if (!isAccepted) response.hangup();
  return response.toString();
}

/** After the dial: a call that was answered ends; otherwise the caller is offered voicemail. */
export function voicemailPrompt(input: {
  language: string;
  maxSeconds: number;
  urls: VoiceUrls;
  reason: 'chosen' | 'noAnswer' | 'flood';
}): string {
  const response = new twilio.twiml.VoiceResponse();
  if (input.reason === 'noAnswer') say(response, input.language, 'noAnswer');
  if (input.reason === 'flood') {
    // Flood mode: unknown callers hear the rights message, then may leave a message.
    say(response, input.language, 'floodNotice');
    say(response, input.language, 'rights');
  }
  say(response, input.language, 'voicemailPrompt');
  response.record({
    maxLength: input.maxSeconds,
    playBeep: true,
    timeout: 5,
    finishOnKey: '#',
    action: input.urls.recorded(input.language),
    method: 'POST',
    recordingStatusCallback: input.urls.recording(input.language),
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: ['completed'],
  });
  say(response, input.language, 'noMessage');
  response.hangup();
  return response.toString();
}

/** After the message: may we call you back at this number? */
export function consentQuestion(input: { language: string; urls: VoiceUrls }): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: 1,
    timeout: 6,
    action: input.urls.consent(input.language),
    method: 'POST',
  });
  say(gather, input.language, 'consentQuestion');
  say(response, input.language, 'consentDeclined');
  response.hangup();
  return response.toString();
}

export function goodbye(input: { language: string; key: string }): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, input.language, input.key);
  response.hangup();
  return response.toString();
}

/** An empty answer: Twilio does nothing more (status callbacks, a dial that was answered). */
export function emptyAnswer(): string {
  return new twilio.twiml.VoiceResponse().toString();
}
