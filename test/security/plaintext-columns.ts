/**
 * Why each plain (not `_enc`) text column holds nothing SECURITY.md classes as sensitive. The
 * plaintext-at-rest test lists every text column of the migrated schema and fails on one that is
 * neither encrypted, a hash or id by its name, nor explained here: a new column needs a decision.
 */

/** Columns judged by their name alone. */
export function classifyByName(column: string): string | null {
  if (column.endsWith('_enc')) return 'AEAD envelope (encrypted-columns.ts)';
  if (/(^|_)(hash|index)$/.test(column) || /(^|_)sha256$/.test(column)) return 'hash or keyed blind index';
  if (column === 'id' || column.endsWith('_id') || column.endsWith('_by') || column === 'chain') {
    return 'identifier (UUIDv7, member id, or passkey credential id)';
  }
  const enumerations = [
    'status',
    'kind',
    'channel',
    'language',
    'category',
    'stage',
    'direction',
    'purpose',
    'outcome',
    'urgency',
    'state',
    'action',
    'object_type',
    'role',
    'preference',
    'recipient_kind',
    'location_precision',
    'closed_reason',
    'from_status',
    'to_status',
    'flagged_reason',
    'provider_status',
    'error_code',
    'template_key',
    'media_type',
    'shared_media_type',
  ];
  if (enumerations.includes(column)) return 'a value from a fixed list of codes (internal)';
  return null;
}

/** `table.column` → why it is not sensitive (or how it is kept free of sensitive values). */
export const explainedPlainColumns: Record<string, string> = {
  // Public by design: published alerts and their templates are what subscribers and partners read.
  'alerts.free_text': 'public: the text of a published alert',
  'alerts.messages': 'public: the rendered alert per language',
  'alerts.area_names': 'public: zone names printed in the alert',
  'alerts.area_ids': 'internal: zone ids',
  'alerts.zip': 'internal: coarse location (a ZIP code)',
  'alerts.plan_state': 'internal: fan-out planner progress',
  'alerts.plan_cursor': 'internal: fan-out planner cursor (an id)',
  'alerts.content':
    'public-to-be: the frozen texts and CAP document of an alert, plain on purpose (docs/adr/0018-frozen-alert-content.md)',
  'alerts.template_versions': 'internal: template version ids (proposal ids or "default")',
  'alert_templates.body': 'public: pre-translated alert templates',
  'alert_template_proposals.texts': 'public-to-be: proposed alert template text',
  'alert_template_proposals.base_versions':
    'public: the template text in use when proposed, and its version id',
  'alert_area_stops.area_key': 'internal: an area id (or empty: outside every area)',
  'alert_send_rates.key': 'internal: rate window key (area id and hour)',
  'delivery_channel_states.key':
    'internal: a provider channel (sms, email, or push and the push service origin, never a subscription path)',
  'delivery_channel_states.channel': 'a value from a fixed list of codes (internal)',
  'delivery_channel_states.last_error_code': 'internal: a provider error code such as sms_20429',
  // Zones and coarse locations are Internal in SECURITY.md.
  'areas.name': 'internal: zone name',
  'areas.definition': 'internal: zone definition (ZIP list, polygon or circle)',
  'areas.geometry': 'internal: zone geometry',
  'incidents.zip': 'internal: coarse location',
  'tip_status_decoys.zip':
    "internal: coarse location a flagged tip's status page shows, as an incident's does",
  'reports.zip': 'internal: coarse location',
  'flagged_reports.zip': 'internal: coarse location',
  'subscriber_areas.zip': 'internal: coarse location',
  'flagged_reports.reasons': 'internal: screening reason codes',
  // Kept free of values by contract; the marker search proves it for everything planted.
  'audit_log.metadata': 'ids and internal values only (audit-actions.contract.ts)',
  'incident_events.metadata': 'ids and internal values only',
  'evidence_custody_events.detail': 'ids, sizes and hashes only',
  'jobs.payload': 'job payloads carry ids only',
  'jobs.last_error': 'error class and message; handlers keep values out of messages',
  'jobs.name': 'internal: job name',
  'jobs.idempotency_key': 'internal: key made of ids',
  'jobs.locked_by': 'internal: worker id (host:pid:random)',
  'job_effects.key': 'internal: effect key made of ids',
  'shared_counters.key':
    'internal: what a limit counts: a limit name with a network id or a blind index (an address prefix, phone or email keyed with the index key), never an address',
  'subscribers.pending_settings': 'internal: areas (ZIPs or a point), language and preference to confirm',
  // Configuration and roles.
  'networks.slug': 'internal: public URL name of the network',
  'networks.name': 'internal: network name (the control value of the search)',
  'networks.timezone': 'internal',
  'networks.languages': 'internal',
  'networks.settings': "internal: limits, windows and the network's own hotline numbers",
  'hotline_numbers.number': "internal: a network's own published hotline number (also in networks.settings)",
  'sms_webhook_receipts.message_sid':
    "internal: Twilio's id of an incoming text (says nothing of who sent it)",
  'members.languages': 'internal: languages a member speaks',
  'sessions.second_factor_method': 'internal: which factor a session proved (passkey or totp)',
  'invitations.roles': 'internal: role grants',
  'responder_profiles.on_call_windows': 'internal: weekly on-call hours',
  'responder_trainings.completed_on': 'internal: a training date',
  'responder_trainings.expires_on': 'internal: a training date',
  'dispatch_offers.code': 'internal: four-character reply code for SMS replies',
  'dispatch_offers.outcome_client_key': 'random UUID a phone made for a queued outcome (idempotency key)',
  'evidence_items.client_key': 'random UUID a phone made for a queued upload (idempotency key)',
  'incident_pages.round': 'internal: which paging round (new, unclaimed, escalation)',
  'incident_pages.channels': 'internal: channel names tried (push, sms, email), no address',
  'incident_pages.ack_code': 'internal: four-character code a paged member texts back',
  'incident_pages.acknowledged_via': 'internal: link or sms',
  // Public key material and short-lived random challenges.
  'vapid_keys.public_key': 'public: the VAPID public key browsers subscribe with',
  'webauthn_credentials.public_key': 'public: a passkey public key cannot sign',
  'webauthn_credentials.transports': 'internal: authenticator transport hints',
  'webauthn_challenges.challenge': 'random, single use, deleted after five minutes',
  'gazetteer_places.name': 'public: a named public place (landmark, courthouse, station) an admin imported',
  'gazetteer_places.name_key': 'public: the same name folded for matching',
  'gazetteer_streets.name': 'public: a street name from a street list (e.g. OpenStreetMap)',
  'gazetteer_streets.name_key': 'public: the same name folded for matching',
  'gazetteer_streets.positions': 'public: a street centerline from a street list',
  // Court and check-in watch (issue 19): the place's public name; its details are encrypted.
  'watch_sites.name': 'public: the name of a courthouse, immigration office or check-in site',
  'watch_shifts.starts_on': 'internal: the local date a recurring shift begins',
  'watch_shifts.recurrence_rule': 'internal: an RFC 5545 rule (FREQ=WEEKLY;BYDAY=TU), no person',
  'watch_shifts.skipped_dates': 'internal: local dates a shift does not meet',
  'watch_shifts.offered_roles': 'internal: watch role codes a shift asks for',
  // The phone line (issue 18)
  'voice_calls.call_sid': "internal: Twilio's id of a call (says nothing of who called); purged after a day",
  'voice_calls.caller_last_digits':
    'internal: the last two digits only, what an operator may see; purged after a day',
  'voicemails.call_sid': "internal: Twilio's id of the call the voicemail came from",
  'voicemails.recording_sid':
    "internal: Twilio's id of the recording, kept until Twilio confirms its deletion",
};
