import type { SubscriptionPreference } from './subscription.contract.ts';

export const subscriptionChannels = ['sms', 'push', 'email'] as const;
export type SubscriptionChannel = (typeof subscriptionChannels)[number];

// The preference enum lives in the contract (the subscribe page sends it); re-exported here.
export { subscriptionPreferences } from './subscription.contract.ts';
export type { SubscriptionPreference } from './subscription.contract.ts';

/** `pending`: an email address not confirmed yet, which never receives alerts. */
/** `suspended`: the address bounced (SMTP 5xx) too many times in a row. */
export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'suspended';

export interface SubscribersTable {
  id: string;
  network_id: string;
  channel: SubscriptionChannel;
  /** Envelope of the E.164 phone, the email address, or the push subscription JSON. */
  contact_enc: string;
  /** Blind index of the normalized phone, email or push endpoint. */
  contact_index: string;
  language: string;
  preference: SubscriptionPreference;
  status: SubscriberStatus;
  is_exercise_recipient: number;
  pending_settings: string | null;
  confirmation_hash: string | null;
  confirmation_expires_at: number | null;
  created_at: number;
  updated_at: number;
  confirmed_at: number | null;
  unsubscribed_at: number | null;
  /** Permanent SMTP refusals in a row (reset by a delivered mail). */
  bounce_count: number;
}

export type SubscriberAreaKind = 'zip' | 'circle';

export interface SubscriberAreasTable {
  id: string;
  subscriber_id: string;
  network_id: string;
  kind: SubscriberAreaKind;
  zip: string | null;
  lat: number | null;
  lon: number | null;
  radius_meters: number | null;
  min_lat: number;
  min_lon: number;
  max_lat: number;
  max_lon: number;
  created_at: number;
}

export interface SmsOptOutsTable {
  network_id: string;
  phone_index: string;
  created_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    subscribers: SubscribersTable;
    subscriber_areas: SubscriberAreasTable;
    sms_opt_outs: SmsOptOutsTable;
  }
}
