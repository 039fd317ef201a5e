import { isAppError } from '../../../platform/errors/app-error.ts';
import { inTransaction } from '../../../platform/database/unit-of-work.ts';
import type { UnitOfWork } from '../../../platform/database/unit-of-work.ts';
import { rooms } from '../../../platform/realtime/rooms.ts';
import { findOnDutyMembers, findResponderProfile, responderFields } from '../../field/index.ts';
import type { Network } from '../../identity/index.ts';
import {
  normalizePhone,
  readFloodMode,
  recordReporterPhone,
  reportFieldContexts,
  sourceHashOf,
} from '../../intake/index.ts';
import {
  findCall,
  findVoicemailOfCall,
  insertCallOnce,
  takeRingingCall,
  updateCall,
} from './voice.repository.ts';
import type { VoiceCallStatus, VoiceCallsTable } from './voice.tables.ts';
import type { VoiceEventType } from './voice.contract.ts';
import {
  acceptAnswer,
  acceptKey,
  consentKeys,
  consentQuestion,
  dialOperators,
  emptyAnswer,
  goodbye,
  languageMenu,
  menuKeys,
  rightsMessage,
  serviceMenu,
  voicemailPrompt,
  whisper,
} from './voice-twiml.ts';
import type { VoiceDeps } from './voice.deps.ts';

/** A call row lives a day: long enough for every callback about it, then it goes (retention). */
export const callLifetimeMs = 24 * 60 * 60 * 1000;
export const callbackPhoneContext = 'voice_calls.callback_phone';

/**
 * A call reaches a hotline number (Twilio's incoming-call webhook). The first delivery of a
 * CallSid checks the flood limits and stores the call (the number only as a keyed hash); a replay
 * gets the same menu and changes nothing. Over the limits the caller hears a short notice.
 */
export async function answerIncomingCall(
  deps: VoiceDeps,
  input: { callSid: string; from: string; to: string },
): Promise<string> {
  const network = await deps.directory.networkFor(input.to);
  if (!network) return goodbye({ language: 'en', key: 'notInService' });
  const menu = languageMenu({ networkName: network.name, languages: network.languages, urls: deps.urls });
  if (await findCall(deps.db, input.callSid)) return menu;
  const digits = normalizePhone(input.from);
  const callerHash = digits ? sourceHashOf(deps.crypto, { kind: 'phone', phone: `+${digits}` }) : null;
  try {
    await deps.guard.admitPhone({ networkId: network.id, phoneHash: callerHash });
  } catch (error) {
    if (isAppError(error) && error.code === 'RATE_LIMITED') {
      return goodbye({ language: network.languages[0] ?? 'en', key: 'busy' });
    }
    throw error;
  }
  const isKnown = callerHash !== null && (await deps.guard.isKnownReporter(network.id, callerHash));
  const isFloodDiverted = !isKnown && (await readFloodMode(deps.db, network.id)).isOn;
  const now = deps.clock.now();
  await insertCallOnce(deps.db, {
    call_sid: input.callSid,
    network_id: network.id,
    caller_hash: callerHash,
    caller_last_digits: digits ? digits.slice(-2) : null,
    callback_phone_enc: null,
    language: null,
    status: 'menu',
    is_flood_diverted: isFloodDiverted ? 1 : 0,
    answered_by: null,
    created_at: now,
    updated_at: now,
    purge_at: now + callLifetimeMs,
  });
  return menu;
}

/** The caller pressed a language key (or none: the network's first language). */
export async function chooseLanguage(
  deps: VoiceDeps,
  input: { callSid: string; digits: string },
): Promise<string> {
  const found = await findCallAndNetwork(deps, input.callSid);
  if (!found) return goodbye({ language: 'en', key: 'notInService' });
  const { call, network } = found;
  const index = Number.parseInt(input.digits, 10) - 1;
  const language = network.languages[index] ?? call.language ?? network.languages[0] ?? 'en';
  await updateCall(deps.db, call.call_sid, { language, updated_at: deps.clock.now() });
  if (call.is_flood_diverted === 1) {
    await setStatus(deps, call, 'voicemail');
    return rightsThenVoicemail(deps, language);
  }
  const canReachOperator = (await onDutyOperators(deps, network.id)).length > 0;
  return serviceMenu({ language, urls: deps.urls, canReachOperator });
}

/** A person (ring the on-duty operators), the rights message, or a voicemail. */
export async function chooseService(
  deps: VoiceDeps,
  input: { callSid: string; language: string; digits: string },
): Promise<string> {
  const found = await findCallAndNetwork(deps, input.callSid);
  if (!found) return goodbye({ language: 'en', key: 'notInService' });
  const { call, network } = found;
  const language = languageOf(network, input.language);
  if (call.is_flood_diverted === 1) return rightsThenVoicemail(deps, language);
  if (input.digits === menuKeys.rights) return rightsMessage({ language, urls: deps.urls });
  if (input.digits === menuKeys.voicemail) {
    await setStatus(deps, call, 'voicemail');
    return voicemailPrompt({
      language,
      maxSeconds: deps.voicemailMaxSeconds,
      urls: deps.urls,
      reason: 'chosen',
    });
  }
  if (input.digits !== menuKeys.operator) {
    const canReachOperator = (await onDutyOperators(deps, network.id)).length > 0;
    return serviceMenu({ language, urls: deps.urls, canReachOperator });
  }
  const operators = await onDutyOperators(deps, network.id);
  if (operators.length === 0) {
    await setStatus(deps, call, 'voicemail');
    return voicemailPrompt({
      language,
      maxSeconds: deps.voicemailMaxSeconds,
      urls: deps.urls,
      reason: 'noAnswer',
    });
  }
  await setStatus(deps, call, 'ringing');
  return dialOperators({
    callSid: call.call_sid,
    language,
    ringSeconds: deps.ringSeconds,
    operators,
    urls: deps.urls,
  });
}

/** The operator's leg: who is calling, in which language, and the key that takes the call. */
export async function whisperToOperator(
  deps: VoiceDeps,
  input: { callSid: string; memberId: string; language: string },
): Promise<string> {
  const found = await findCallAndNetwork(deps, input.callSid);
  if (!found || found.call.status !== 'ringing') return acceptAnswer(false);
  const { network } = found;
  return whisper({
    networkName: network.name,
    callLanguage: languageOf(network, input.language),
    operatorLanguage: network.languages[0] ?? 'en',
    acceptUrl: deps.urls.accept(input.callSid, input.memberId),
  });
}

/** The operator pressed a key: the first to press the accept key gets the caller. */
export async function acceptCall(
  deps: VoiceDeps,
  input: { callSid: string; memberId: string; digits: string },
): Promise<string> {
  if (input.digits !== acceptKey) return acceptAnswer(false);
  const call = await findCall(deps.db, input.callSid);
  if (!call) return acceptAnswer(false);
  const operators = await onDutyOperators(deps, call.network_id);
  if (!operators.some((operator) => operator.memberId === input.memberId)) return acceptAnswer(false);
  const isTaken = await inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    if (!(await takeRingingCall(uow.trx, { callSid: call.call_sid, memberId: input.memberId, now })))
      return false;
    emitCallEvent(uow, { ...call, status: 'answered', answered_by: input.memberId, updated_at: now });
    return true;
  });
  return acceptAnswer(isTaken);
}

/** The dial ended: answered calls end here; nobody answered (or all declined): voicemail. */
export async function endDial(
  deps: VoiceDeps,
  input: { callSid: string; language: string; dialCallStatus: string },
): Promise<string> {
  const found = await findCallAndNetwork(deps, input.callSid);
  if (!found) return goodbye({ language: 'en', key: 'notInService' });
  const { call, network } = found;
  const language = languageOf(network, input.language);
  if (input.dialCallStatus === 'completed' || call.status === 'answered') {
    await setStatus(deps, call, 'ended');
    return emptyAnswer();
  }
  await setStatus(deps, call, 'voicemail');
  return voicemailPrompt({
    language,
    maxSeconds: deps.voicemailMaxSeconds,
    urls: deps.urls,
    reason: 'noAnswer',
  });
}

/** The message is recorded (Record's action): ask whether we may call back. */
export async function afterRecording(
  deps: VoiceDeps,
  input: { callSid: string; language: string },
): Promise<string> {
  const found = await findCallAndNetwork(deps, input.callSid);
  if (!found) return goodbye({ language: 'en', key: 'notInService' });
  return consentQuestion({ language: languageOf(found.network, input.language), urls: deps.urls });
}

/**
 * The consent key: the number is kept (encrypted) only when the caller pressed "yes", as the
 * voicemail report's callback contact (the same rule as texters). The recording callback may come
 * before or after this answer; whichever is second attaches the number.
 */
export async function recordConsent(
  deps: VoiceDeps,
  input: { callSid: string; language: string; digits: string; from: string },
): Promise<string> {
  const found = await findCallAndNetwork(deps, input.callSid);
  if (!found) return goodbye({ language: 'en', key: 'notInService' });
  const { call, network } = found;
  const language = languageOf(network, input.language);
  const digits = normalizePhone(input.from);
  if (input.digits !== consentKeys.yes || !digits) {
    await setStatus(deps, call, 'ended');
    return goodbye({ language, key: 'consentDeclined' });
  }
  const phone = `+${digits}`;
  await inTransaction(deps, async (uow) => {
    await updateCall(uow.trx, call.call_sid, {
      callback_phone_enc: deps.crypto.encrypt(phone, callbackPhoneContext),
      status: 'ended',
      updated_at: deps.clock.now(),
    });
    const voicemail = await findVoicemailOfCall(uow.trx, call.call_sid);
    if (voicemail?.report_id) {
      await recordReporterPhone(uow.trx, {
        reportId: voicemail.report_id,
        networkId: network.id,
        contactEnvelope: deps.crypto.encrypt(phone, reportFieldContexts.callbackContact),
      });
    }
    emitCallEvent(uow, { ...call, status: 'ended' });
  });
  return goodbye({ language, key: 'consentSaved' });
}

/** Twilio tells how a call ended (statusCallback): a call left waiting is no longer live. */
export async function noteCallEnded(deps: VoiceDeps, input: { callSid: string }): Promise<string> {
  const call = await findCall(deps.db, input.callSid);
  if (call && call.status !== 'ended') await setStatus(deps, call, 'ended');
  return emptyAnswer();
}

/** On-duty dispatchers (the rota) with a verified phone number. */
export async function onDutyOperators(
  deps: VoiceDeps,
  networkId: string,
): Promise<{ memberId: string; phone: string }[]> {
  const memberIds = await findOnDutyMembers(deps.db, {
    networkId,
    role: 'dispatcher',
    areaIds: 'any',
    at: deps.clock.now(),
  });
  const operators: { memberId: string; phone: string }[] = [];
  for (const memberId of memberIds.slice(0, 10)) {
    const profile = await findResponderProfile(deps.db, memberId);
    if (!profile?.sms_phone_enc) continue;
    operators.push({ memberId, phone: deps.crypto.decrypt(profile.sms_phone_enc, responderFields.smsPhone) });
  }
  return operators;
}

function rightsThenVoicemail(deps: VoiceDeps, language: string): string {
  return voicemailPrompt({
    language,
    maxSeconds: deps.voicemailMaxSeconds,
    urls: deps.urls,
    reason: 'flood',
  });
}

function languageOf(network: Network, language: string): string {
  return network.languages.includes(language) ? language : (network.languages[0] ?? 'en');
}

async function findCallAndNetwork(
  deps: VoiceDeps,
  callSid: string,
): Promise<{ call: VoiceCallsTable; network: Network } | null> {
  const call = await findCall(deps.db, callSid);
  if (!call) return null;
  const network = await deps.networkOf(call.network_id);
  return network ? { call, network } : null;
}

async function setStatus(deps: VoiceDeps, call: VoiceCallsTable, status: VoiceCallStatus): Promise<void> {
  if (call.status === status) return;
  await inTransaction(deps, async (uow) => {
    const now = deps.clock.now();
    await updateCall(uow.trx, call.call_sid, { status, updated_at: now });
    emitCallEvent(uow, { ...call, status, updated_at: now });
  });
}

/** Live calls reach the network's dispatchers and coordinators (ids and status only). */
function emitCallEvent(uow: UnitOfWork, call: VoiceCallsTable): void {
  const types: Record<VoiceCallStatus, VoiceEventType> = {
    menu: 'voice.callMenu',
    ringing: 'voice.callRinging',
    answered: 'voice.callAnswered',
    voicemail: 'voice.callVoicemail',
    ended: 'voice.callEnded',
  };
  uow.emit({
    type: types[call.status],
    networkId: call.network_id,
    rooms: [rooms.role(call.network_id, 'dispatcher'), rooms.role(call.network_id, 'coordinator')],
    data: { callSid: call.call_sid, status: call.status },
    occurredAt: call.updated_at,
  });
}
