import { get } from '../../../lib/api.ts';
import type { LiveCallList, PresentedVoicemail, VoicemailList } from './types.ts';

/** The incident's voicemails, oldest first (the audio is fetched by the player from `audioPath`). */
export async function listVoicemails(incidentId: string): Promise<PresentedVoicemail[]> {
  return (await get<VoicemailList>(`/api/incidents/${incidentId}/voicemails`)).voicemails;
}

/** Calls on the phone line now: in the menus, ringing the operators, answered, leaving a message. */
export function listLiveCalls(): Promise<LiveCallList> {
  return get<LiveCallList>('/api/voice/calls');
}

/** Where the player streams one voicemail's audio (decrypted by the server for this member). */
export function voicemailAudioUrl(voicemailId: string): string {
  return `/api/voicemails/${voicemailId}/audio`;
}
