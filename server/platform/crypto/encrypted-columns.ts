/**
 * Every database column that holds field-crypto envelopes.
 *
 * TO EVERY MODULE: when you add an `_enc` column, append ONE line below in the same change:
 *   { table: 'cases', idColumn: 'id', column: 'notes_enc', context: 'cases.notes' },
 * - `context` is exactly the string your code passes to `crypto.encrypt` / `crypto.decrypt`;
 * - `idColumn` is a unique, non-null text column (rotation pages through the table by it).
 *
 * `amparo keys rotate` re-encrypts only the columns listed here, and a test fails when a migrated
 * `_enc` column is missing from this list, because a missed column would keep needing an old key.
 */
export interface EncryptedColumn {
  readonly table: string;
  readonly idColumn: string;
  readonly column: string;
  readonly context: string;
}

export const encryptedColumns: readonly EncryptedColumn[] = [
  { table: 'members', idColumn: 'id', column: 'display_name_enc', context: 'members.display_name' },
  { table: 'members', idColumn: 'id', column: 'email_enc', context: 'members.email' },
  {
    table: 'totp_credentials',
    idColumn: 'member_id',
    column: 'secret_enc',
    context: 'totp_credentials.secret',
  },
  { table: 'reports', idColumn: 'id', column: 'location_point_enc', context: 'reports.location_point' },
  { table: 'reports', idColumn: 'id', column: 'location_text_enc', context: 'reports.location_text' },
  { table: 'reports', idColumn: 'id', column: 'description_enc', context: 'reports.description' },
  { table: 'reports', idColumn: 'id', column: 'callback_contact_enc', context: 'reports.callback_contact' },
  { table: 'incident_notes', idColumn: 'id', column: 'body_enc', context: 'incident_notes.body' },
  { table: 'subscribers', idColumn: 'id', column: 'contact_enc', context: 'subscribers.contact' },
  { table: 'vapid_keys', idColumn: 'id', column: 'private_key_enc', context: 'vapid_keys.private_key' },
  { table: 'sms_conversations', idColumn: 'id', column: 'draft_enc', context: 'sms_conversations.draft' },
  { table: 'incident_messages', idColumn: 'id', column: 'body_enc', context: 'incident_messages.body' },
  {
    table: 'sms_webhook_receipts',
    idColumn: 'message_sid',
    column: 'answer_enc',
    context: 'sms_webhook_receipts.answer',
  },
  {
    table: 'flagged_reports',
    idColumn: 'id',
    column: 'description_enc',
    context: 'flagged_reports.description',
  },
  {
    table: 'flagged_reports',
    idColumn: 'id',
    column: 'location_text_enc',
    context: 'flagged_reports.location_text',
  },
  {
    table: 'invitation_deliveries',
    idColumn: 'id',
    column: 'address_enc',
    context: 'invitation_deliveries.address',
  },
  {
    table: 'invitation_deliveries',
    idColumn: 'id',
    column: 'link_enc',
    context: 'invitation_deliveries.link',
  },
  {
    table: 'responder_profiles',
    idColumn: 'member_id',
    column: 'sms_phone_enc',
    context: 'responder_profiles.sms_phone',
  },
  {
    table: 'responder_profiles',
    idColumn: 'member_id',
    column: 'pending_sms_phone_enc',
    context: 'responder_profiles.pending_sms_phone',
  },
  {
    table: 'responder_profiles',
    idColumn: 'member_id',
    column: 'pending_sms_code_enc',
    context: 'responder_profiles.pending_sms_code',
  },
  {
    table: 'responder_profiles',
    idColumn: 'member_id',
    column: 'push_subscription_enc',
    context: 'responder_profiles.push_subscription',
  },
  {
    table: 'dispatch_offers',
    idColumn: 'id',
    column: 'outcome_notes_enc',
    context: 'dispatch_offers.outcome_notes',
  },
  {
    table: 'dispatch_offers',
    idColumn: 'id',
    column: 'livestream_url_enc',
    context: 'dispatch_offers.livestream_url',
  },
  { table: 'evidence_items', idColumn: 'id', column: 'file_key_enc', context: 'evidence_items.file_key' },
  { table: 'webauthn_credentials', idColumn: 'id', column: 'name_enc', context: 'webauthn_credentials.name' },
  {
    table: 'alert_stop_switches',
    idColumn: 'network_id',
    column: 'reason_enc',
    context: 'alert_stop_switches.reason',
  },
  {
    table: 'alert_area_switches',
    idColumn: 'id',
    column: 'reason_enc',
    context: 'alert_area_switches.reason',
  },
  { table: 'watch_sites', idColumn: 'id', column: 'details_enc', context: 'watch_sites.details' },
  { table: 'operators', idColumn: 'id', column: 'email_enc', context: 'operators.email' },
  { table: 'operators', idColumn: 'id', column: 'totp_secret_enc', context: 'operators.totp_secret' },
  {
    table: 'incidents',
    idColumn: 'id',
    column: 'public_withheld_reason_enc',
    context: 'incidents.public_withheld_reason',
  },
  // The phone line (issue 18): a caller's number kept with consent, and each voicemail file's key.
  {
    table: 'voice_calls',
    idColumn: 'call_sid',
    column: 'callback_phone_enc',
    context: 'voice_calls.callback_phone',
  },
  { table: 'voicemails', idColumn: 'id', column: 'file_key_enc', context: 'voicemails.file_key' },
];
