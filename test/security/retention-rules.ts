/**
 * A retention rule for every table of the migrated schema (issue 15 item 2). The retention
 * inventory test fails on a table without a rule, on a rule for a table that no longer exists, and
 * on a purge rule whose task is not in server/retention.ts or does not delete from that table.
 *
 * - `purge`: the purge tasks (by name) that delete from the table, run on schedule and by
 *   `amparo purge`.
 * - `kept`: held for the life of the network, with why it is not personal data or must stay.
 * - `gap`: personal data that is still kept too long; says what the missing purge must do. A gap is
 *   a debt written down, so docs/what-a-seizure-surrenders.md can say so plainly.
 */
export type RetentionRule = { purge: readonly string[] } | { kept: string } | { gap: string };

export const retentionRules: Record<string, RetentionRule> = {
  // Platform
  jobs: { purge: ['jobs done over 7 days ago'] },
  job_effects: { purge: ['effect-once keys of finished jobs over 7 days old'] },
  shared_counters: { purge: ['shared limit counters of past windows'] },
  vapid_keys: { kept: "the deployment's Web Push key pair (private key encrypted); no person in it" },
  // Identity
  setup_tokens: { purge: ['used or expired setup links'] },
  networks: { kept: 'the network itself and its settings (retention periods among them)' },
  areas: { kept: 'zones the network covers: public geography, no person' },
  members: { kept: 'active members (names and emails encrypted); removed members stay for the audit chain' },
  member_roles: { kept: 'who may do what, for as long as the member is a member' },
  member_vettings: { kept: 'two-coordinator vetting decisions, needed to prove who vetted whom' },
  invitations: { purge: ['invitations expired, used or revoked over 30 days ago'] },
  invitation_deliveries: { purge: ['imported invitations never sent, over 7 days old'] },
  sessions: { purge: ['expired or revoked sessions'] },
  totp_credentials: { kept: "a member's second factor (secret encrypted), while the member exists" },
  webauthn_credentials: { kept: "a member's passkeys (public keys), while the member exists" },
  webauthn_challenges: { purge: ['expired passkey challenges'] },
  pending_sign_ins: { purge: ['expired pending sign-ins'] },
  member_recovery_links: { purge: ['recovery links used, voided or expired over 7 days ago'] },
  privilege_grants: { kept: 'two-admin privilege grants: the record that one person never became two' },
  privilege_revocations: { kept: 'privilege revocations, for the same record' },
  audit_log: {
    kept: 'hash-chained audit log: deleting breaks the chain; it holds ids and actions, never content',
  },
  hotline_numbers: { kept: "the network's own hotline numbers, not a reporter's" },
  operators: { kept: "the deployment operator's account (email and authenticator secret encrypted)" },
  operator_sessions: { purge: ['spent operator sessions'] },
  // Intake
  incidents: {
    gap: 'closed incidents: reduce to category, area and day after a configurable period (summary encrypted)',
  },
  reports: {
    purge: [
      'reporter contacts of closed incidents (or older than 7 days)',
      'report text older than the network retention (default 30 days)',
    ],
  },
  incident_events: { gap: 'lifecycle events of an incident: delete with the incident when it is reduced' },
  incident_notes: { gap: 'dispatcher notes (encrypted): delete with the incident when it is reduced' },
  flagged_reports: { purge: ['flagged reports (weaponized tips) older than 24 hours'] },
  intake_flood_modes: { kept: 'one flood-mode switch per network; no person' },
  tip_status_decoys: { purge: ["weaponized tips' status stand-ins 30 days after they expired"] },
  // Field
  responder_profiles: {
    kept: "a responder's roster entry while a member (last location expires: responders.purgeLocations)",
  },
  responder_trainings: { kept: 'trainings a responder holds, while a member' },
  rota_shifts: { kept: "a member's weekly turns (ids and local times), while the coordinators keep them" },
  rota_exceptions: { purge: ['rota exceptions ended over 30 days ago'] },
  incident_pages: { purge: ['incident pages older than 30 days'] },
  dispatch_offers: {
    gap: 'offers and on-scene outcomes (outcome notes encrypted): delete with the incident',
  },
  evidence_items: {
    gap: 'evidence after a configurable period after close, unless under legal hold (the hold exists: evidence_legal_holds; the deleting purge does not yet)',
  },
  evidence_custody_events: { gap: 'chain of custody: delete with its evidence item' },
  evidence_exports: { purge: ['evidence export requests older than 7 days'] },
  evidence_legal_holds: {
    kept: "a coordinator's legal hold on an incident's evidence (reason encrypted), until lifted; reviewed every 90 days",
  },
  // Alerting
  subscribers: {
    purge: [
      'email addresses never confirmed within 48 hours',
      'unsubscribed subscribers (a STOP keeps only its blind-index suppression)',
    ],
  },
  subscriber_areas: {
    purge: [
      'email addresses never confirmed within 48 hours',
      'unsubscribed subscribers (a STOP keeps only its blind-index suppression)',
    ],
  },
  sms_opt_outs: {
    kept: 'STOP suppression by blind index only: deleting it would text someone who said STOP',
  },
  alerts: { kept: 'published alerts are public words, kept as the record of what the network said' },
  alert_deliveries: {
    purge: [
      'unsubscribed subscribers (a STOP keeps only its blind-index suppression)',
      'alert deliveries reduced to counts after 30 days',
    ],
  },
  alert_delivery_counts: {
    kept: 'how many deliveries of an alert went out per channel and status: counts, no recipient',
  },
  alert_templates: { kept: 'pre-translated templates; no person' },
  alert_template_proposals: { kept: 'template changes and who approved them (two-person record)' },
  alert_stop_switches: { kept: 'the global stop switch state, who set it and why (reason encrypted)' },
  alert_area_stops: { kept: 'per-area stop switches; no person' },
  alert_area_switches: {
    kept: 'per-area stop switches set by hand: who set them and why (reason encrypted)',
  },
  alert_send_rates: { kept: 'caps on live alerts per zone; no person' },
  delivery_channel_states: { kept: "a provider channel's health (throttled, failing); no person" },
  // Channels
  sms_conversations: { purge: ['SMS conversations idle for 30 minutes'] },
  sms_webhook_receipts: { purge: ['answered SMS webhooks (MessageSid and first answer) after a day'] },
  incident_messages: {
    purge: [
      'reporter phone hashes of threads whose contact was purged',
      'thread message text older than the network retention (default 30 days)',
    ],
  },
  // Intake: the network's gazetteer and street list (issue 25)
  gazetteer_places: { kept: "the network's named public places, replaced by each import; no person" },
  gazetteer_streets: { kept: "the network's street centerlines, replaced by each import; no person" },
  // Watch (issue 19)
  watch_sites: { kept: 'public places the network watches (details encrypted); no person' },
  watch_shifts: { kept: 'recurring shift patterns (rule, times, counts); no person' },
  watch_signups: { purge: ['watch sign-ups of shifts ended over 30 days ago'] },
  voice_calls: { purge: ['phone calls after a day'] },
  voicemails: { purge: ['voicemails older than the network retention of report text (default 30 days)'] },
  watch_calendar_feeds: { kept: "a member's own feed (a token hash), until they revoke it or replace it" },
};
