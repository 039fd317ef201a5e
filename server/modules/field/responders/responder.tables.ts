import type { Generated } from 'kysely';
// The window's shape is in the contract (the members' app shows it); re-exported for the module.
export type { OnCallWindow } from './responder.contract.ts';

export interface ResponderProfilesTable {
  member_id: string;
  network_id: string;
  is_on_call: number;
  /** JSON array of OnCallWindow. */
  on_call_windows: string;
  has_windows: number;
  sms_phone_enc: string | null;
  /** Blind index of the E.164 number, to route a texted reply to its responder. */
  sms_phone_index: string | null;
  /** A number waiting for its code (encrypted), the code texted to it (encrypted), until when. */
  pending_sms_phone_enc: string | null;
  pending_sms_code_enc: string | null;
  pending_sms_expires_at: number | null;
  /** Wrong codes typed for the pending number. */
  pending_sms_attempts: Generated<number>;
  /** JSON of the app's PushSubscription (endpoint and keys), encrypted. */
  push_subscription_enc: string | null;
  /** Snapped to a coarse grid; null when not shared, off call, or expired and purged. */
  location_lat: number | null;
  location_lon: number | null;
  location_updated_at: number | null;
  location_expires_at: number | null;
  /** When the responder was reminded that this shared location is about to expire. */
  location_reminded_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ResponderTrainingsTable {
  id: string;
  network_id: string;
  member_id: string;
  kind: string;
  completed_on: string;
  expires_on: string | null;
  recorded_by: string;
  created_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    responder_profiles: ResponderProfilesTable;
    responder_trainings: ResponderTrainingsTable;
  }
}
