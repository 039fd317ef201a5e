import { z } from 'zod';

/** GET /api/incidents/:incidentId/voicemails */
export const voicemailListParamsSchema = z.object({ incidentId: z.string().min(1).max(100) });
/** GET /api/voicemails/:voicemailId/audio */
export const voicemailAudioParamsSchema = z.object({ voicemailId: z.uuid() });

/** A voicemail of an incident, without the audio (fetched from `audioPath`). */
export interface PresentedVoicemail {
  id: string;
  reportId: string;
  language: string;
  durationSeconds: number;
  mediaType: string;
  receivedAt: number;
  audioPath: string;
  /** Whether Twilio has confirmed its copy is deleted. */
  isDeletedAtProvider: boolean;
}

export interface VoicemailList {
  voicemails: PresentedVoicemail[];
}

export const liveCallStatuses = ['menu', 'ringing', 'answered', 'voicemail'] as const;
export type LiveCallStatus = (typeof liveCallStatuses)[number];

/** A call on the line now, as an operator sees it: never the caller's number, only its last digits. */
export interface PresentedLiveCall {
  callSid: string;
  status: LiveCallStatus;
  language: string | null;
  callerLastDigits: string | null;
  startedAt: number;
  /** The operator who took it, when one did. */
  answeredBy: string | null;
  isAnsweredByMe: boolean;
}

/** GET /api/voice/calls */
export interface LiveCallList {
  calls: PresentedLiveCall[];
  /** The server's clock, so the screen counts waiting time without trusting the laptop's. */
  now: number;
}

/** Realtime events of the phone line (ids and status only): a call's status, a voicemail stored. */
export const voiceEventTypes = [
  'voice.callMenu',
  'voice.callRinging',
  'voice.callAnswered',
  'voice.callVoicemail',
  'voice.callEnded',
  'voice.voicemailStored',
] as const;
export type VoiceEventType = (typeof voiceEventTypes)[number];
