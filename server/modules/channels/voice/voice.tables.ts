/** Where a call is: in the menus, ringing the operators, talking to one, leaving a message, over. */
export type VoiceCallStatus = 'menu' | 'ringing' | 'answered' | 'voicemail' | 'ended';

/**
 * One call to a hotline number, by Twilio's CallSid (a replayed webhook finds it and changes
 * nothing). The caller's number is kept as a keyed hash (flood limits, known reporter) and its
 * last two digits (what an operator may see); the full number only with consent, encrypted.
 */
export interface VoiceCallsTable {
  call_sid: string;
  network_id: string;
  /** Blind index of the caller's number (purpose reports.source). */
  caller_hash: string | null;
  /** The last two digits, for the operator's screen ("…42"). */
  caller_last_digits: string | null;
  /** The caller's number, encrypted, only after they pressed the key that agrees to a call back. */
  callback_phone_enc: string | null;
  /** The language the caller chose in the menu; null before. */
  language: string | null;
  status: VoiceCallStatus;
  /** 1 when flood mode sent an unknown caller straight to the message and voicemail. */
  is_flood_diverted: number;
  /** The operator who pressed the key that takes the call. */
  answered_by: string | null;
  created_at: number;
  updated_at: number;
  /** A day after the call; the row then goes (retention). */
  purge_at: number;
}

/**
 * A voicemail: fetched from Twilio, stored encrypted under the data directory as part of a report
 * ("voicemail — needs an operator"), then deleted at Twilio (`provider_deleted_at`).
 */
export interface VoicemailsTable {
  id: string;
  network_id: string;
  call_sid: string;
  recording_sid: string;
  /** Null until the audio is stored and the report made. */
  report_id: string | null;
  incident_id: string | null;
  language: string;
  /** Sniffed from the fetched bytes. */
  media_type: string | null;
  size_bytes: number | null;
  duration_seconds: number;
  /** The file's random key, wrapped by field crypto. */
  file_key_enc: string | null;
  provider_deleted_at: number | null;
  created_at: number;
  stored_at: number | null;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    voice_calls: VoiceCallsTable;
    voicemails: VoicemailsTable;
  }
}
