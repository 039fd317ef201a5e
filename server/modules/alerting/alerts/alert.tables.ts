import type {
  AlertKind,
  AlertState,
  AlertStatus,
  AlertUrgency,
  DeliveryChannel,
  DeliveryStatus,
  PlanState,
} from './alert.contract.ts';

// The enums live in the contract (the members' app reads them); re-exported for the module's files.
export {
  alertKinds,
  alertStatuses,
  alertUrgencies,
  deliveryChannels,
  deliveryStatuses,
} from './alert.contract.ts';
export type {
  AlertKind,
  AlertState,
  AlertStatus,
  AlertUrgency,
  DeliveryChannel,
  DeliveryStatus,
  PlanState,
} from './alert.contract.ts';

export interface AlertsTable {
  id: string;
  network_id: string;
  /** Random, unguessable; used in public URLs, CAP identifiers and push payloads. */
  public_id: string;
  /** The first alert of a chain of corrections and a cancellation. */
  thread_id: string;
  references_alert_id: string | null;
  kind: AlertKind;
  status: AlertStatus;
  state: AlertState;
  urgency: AlertUrgency;
  incident_id: string;
  /** The incident's category at drafting (chooses the template). */
  category: string;
  /** Which pre-translated template renders it (`alert.home`, `allClear`, `correction`, ...). */
  template_key: string;
  /** The incident's coarse point at drafting. */
  lat: number;
  lon: number;
  /** Radius of the published area around the point. */
  radius_meters: number;
  zip: string | null;
  /** JSON array of the network area ids containing the point (decides approvers and caps). */
  area_ids: string;
  /** JSON array of those areas' names, for the "where" of the message. */
  area_names: string;
  /** When the activity was first reported. */
  observed_at: number;
  /** JSON object language → short free text (≤ 280 characters each). */
  free_text: string;
  /** Rows approved before frozen content: language → message, frozen at approval. Null since. */
  messages: string | null;
  /**
   * Canonical JSON of every public text (per language: SMS, push, email, page; and the CAP
   * document), frozen at drafting or at the drafter's explicit re-render (alert-content.ts).
   */
  content: string | null;
  /** SHA-256 (hex) of `content`: what the approver previewed and what approval must carry. */
  content_hash: string | null;
  rendered_at: number | null;
  /** Who last rendered the content (the drafter, or whoever re-rendered it): never its approver. */
  rendered_by: string | null;
  /** JSON object language → template version used (`default` for the shipped text). */
  template_versions: string | null;
  /** Drafted from an incident that was not verified: needs a second person to confirm. */
  is_override: number;
  override_confirmed_by: string | null;
  override_confirmed_at: number | null;
  drafted_by: string;
  drafted_at: number;
  approved_by: string | null;
  approved_at: number | null;
  superseded_at: number | null;
  cancelled_at: number | null;
  plan_state: PlanState | null;
  plan_cursor: string | null;
  planned_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AlertDeliveriesTable {
  id: string;
  network_id: string;
  alert_id: string;
  recipient_kind: 'subscriber' | 'member';
  recipient_id: string;
  channel: DeliveryChannel;
  language: string;
  status: DeliveryStatus;
  /** Send attempts started (each one records an effect key before calling the provider). */
  attempts: number;
  /** SMS: the send-rate slot reserved for the next attempt. */
  slot_at: number | null;
  /** While `sending`: until when the attempt may still be in flight. */
  sending_until: number | null;
  provider_message_id: string | null;
  /** Twilio status callbacks (delivered, undelivered, ...). */
  provider_status: string | null;
  error_code: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  /** After a transient failure: when the next attempt is due (until the alert expires). */
  retry_at: number | null;
}

/** Issue 15 §2: what is left of an alert's deliveries after 30 days (no recipient in it). */
export interface AlertDeliveryCountsTable {
  alert_id: string;
  network_id: string;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  count: number;
  updated_at: number;
}

export type ProviderState = 'healthy' | 'throttled' | 'down';

/** The circuit breaker of one provider account and channel (docs/adr/0021). */
export interface DeliveryChannelStatesTable {
  /** `sms`, `email`, or `push:<push service origin>`. */
  key: string;
  channel: DeliveryChannel;
  state: ProviderState;
  consecutive_failures: number;
  /** No send on this channel before this time (a throttled or failing provider). */
  paused_until: number | null;
  /** A half-open probe is in flight until this time; other sends wait for its answer. */
  probe_until: number | null;
  last_error_code: string | null;
  updated_at: number;
}

export interface AlertTemplatesTable {
  network_id: string;
  template_key: string;
  language: string;
  body: string;
  /** The approved proposal that made this the active text (null for texts saved before proposals). */
  version_id: string | null;
  updated_by: string;
  updated_at: number;
}

export interface AlertStopSwitchesTable {
  network_id: string;
  is_stopped: number;
  changed_by: string;
  changed_at: number;
  /** Why it was last set or lifted (field crypto, `alert_stop_switches.reason`). */
  reason_enc: string | null;
}

export interface AlertSendRatesTable {
  key: string;
  next_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    alerts: AlertsTable;
    alert_deliveries: AlertDeliveriesTable;
    alert_delivery_counts: AlertDeliveryCountsTable;
    delivery_channel_states: DeliveryChannelStatesTable;
    alert_templates: AlertTemplatesTable;
    alert_stop_switches: AlertStopSwitchesTable;
    alert_send_rates: AlertSendRatesTable;
  }
}
