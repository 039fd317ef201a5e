import { z } from 'zod';
import type { Role } from '../../identity/members/member.contract.ts';

/** CAP msgType: Alert, Update (a correction) or Cancel. */
export const alertKinds = ['alert', 'correction', 'cancellation'] as const;
export type AlertKind = (typeof alertKinds)[number];

/** CAP status: a live alert or a drill that only exercise recipients get. */
export const alertStatuses = ['actual', 'exercise'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export const alertStates = ['draft', 'approved'] as const;
export type AlertState = (typeof alertStates)[number];

/** `urgent` reaches every subscriber at any hour; `update` only those who asked, outside quiet hours. */
export const alertUrgencies = ['urgent', 'update'] as const;
export type AlertUrgency = (typeof alertUrgencies)[number];

export type PlanState = 'waiting' | 'planning' | 'planned';

export const deliveryChannels = ['sms', 'push', 'email'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

/**
 * pending → sending → sent; `held` while the stop switch is on; `suppressed` when the recipient
 * opted out or the alert was cancelled first; `uncertain` when a worker died between handing the
 * message to the provider and recording it (it is not resent); `failed` after permanent errors.
 */
export const deliveryStatuses = [
  'pending',
  'held',
  'sending',
  'sent',
  'failed',
  'suppressed',
  'uncertain',
] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** Who sees alerts and their delivery counts (no personal data in either). */
export const alertReaderRoles = ['admin', 'coordinator', 'dispatcher'] as const satisfies readonly Role[];
export type AlertReaderRole = (typeof alertReaderRoles)[number];

/** Free text per language; lengths are checked by the service (TEMPLATE_TOO_LONG). */
const freeTextSchema = z.record(z.string().min(2).max(35), z.string().max(5000)).default({});

export const draftAlertSchema = z.strictObject({
  incidentId: z.string().min(1).max(64),
  status: z.enum(alertStatuses).default('actual'),
  /** `alert`: the verified-activity template of the incident's category; the others are updates. */
  template: z.enum(['alert', 'update', 'allClear']).default('alert'),
  freeText: freeTextSchema,
  radiusMeters: z.number().int().min(100).max(20_000).default(1_000),
  /** Asks for an alert from an incident that is not verified; a second coordinator must confirm. */
  override: z.boolean().default(false),
});
export type DraftAlertInput = z.infer<typeof draftAlertSchema>;

/** A correction, update or all-clear of a live alert: a draft in its thread, approved by a second person. */
export const correctionSchema = z.strictObject({
  freeText: freeTextSchema,
  template: z.enum(['correction', 'update', 'allClear']).default('correction'),
});
export type CorrectionInput = z.infer<typeof correctionSchema>;

/** A cancellation with the network's cancellation text and any free text: a draft, like a correction. */
export const cancellationSchema = z.strictObject({ freeText: freeTextSchema });
export type CancellationInput = z.infer<typeof cancellationSchema>;

/** The approver names the frozen content they previewed (its SHA-256, from GET /api/alerts/:id). */
export const approveAlertSchema = z.strictObject({
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the previewed content, in lower-case hex'),
});
export type ApproveAlertInput = z.infer<typeof approveAlertSchema>;

/** A retraction and its review carry no words: the text is shipped, fixed and pre-translated. */
export const noWordsSchema = z.strictObject({});

/** Why a stop switch was set or lifted: short, required, stored encrypted and shown beside it. */
export const stopReasonSchema = z.string().trim().min(3).max(200);

export const stopSwitchSchema = z.strictObject({ isStopped: z.boolean(), reason: stopReasonSchema });

/** One area's stop switch, set by a coordinator whose role covers that area (or an admin). */
export const areaSwitchSchema = z.strictObject({
  areaId: z.string().min(1).max(64),
  isStopped: z.boolean(),
  reason: stopReasonSchema,
});
export type AreaSwitchInput = z.infer<typeof areaSwitchSchema>;

export const alertParamsSchema = z.object({ alertId: z.string().min(1).max(64) });
export const listAlertsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

// Answers

/** One language's rendering of an alert, frozen with it: later template changes never alter it. */
export interface AlertMessage {
  language: string;
  headline: string;
  /** The message itself: push page, email body, CAP description. */
  text: string;
  /** The text message: network name, text, link and how to stop. */
  sms: string;
}

/** Language → its rendering. */
export type AlertMessages = Record<string, AlertMessage>;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** How many SMS segments a text takes, as carriers bill it. */
export interface SmsSegmentCount {
  encoding: SmsEncoding;
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  /** Units that fit per segment for this text (160/153 or 70/67). */
  unitsPerSegment: number;
}

export interface PresentedAlert {
  id: string;
  publicId: string;
  threadId: string;
  referencesAlertId: string | null;
  kind: AlertKind;
  status: AlertStatus;
  state: AlertState;
  urgency: AlertUrgency;
  incidentId: string;
  /** The incident's category at drafting (chooses the template). */
  category: string;
  templateKey: string;
  area: {
    lat: number;
    lon: number;
    radiusMeters: number;
    zip: string | null;
    areaIds: string[];
    areaNames: string[];
  };
  freeText: Record<string, string>;
  isOverride: boolean;
  overrideConfirmedBy: string | null;
  draftedBy: string;
  draftedAt: number;
  approvedBy: string | null;
  approvedAt: number | null;
  supersededAt: number | null;
  cancelledAt: number | null;
  planState: PlanState | null;
  /** Headline, text and SMS per language, from the frozen content (drafts included). */
  messages: AlertMessages;
  /** SHA-256 of the frozen content: what an approval must name. Null: re-render before approval. */
  contentHash: string | null;
  renderedAt: number | null;
  /** Who last rendered the content (the drafter, or whoever re-rendered it): never its approver. */
  renderedBy: string | null;
  /** Language → template version the content used (`default`: shipped text; `shipped`: a retraction). */
  templateVersions: Record<string, string>;
}

/** What one language's readers get, on every channel, frozen with the alert. */
export interface FrozenLanguage {
  /** Push title, page heading, CAP headline, Atom title, email subject. */
  headline: string;
  /** Push body, page text, CAP description, Atom summary. */
  text: string;
  /** The place as the page and CAP describe it. */
  area: string;
  /** The whole text message (network name, text, link, how to stop). */
  sms: string;
  /**
   * Email: the subject and the body above the footer. The footer (shipped text: why you get
   * this, and your own unsubscribe link) is added per recipient when the email is sent.
   */
  email: { subject: string; body: string };
}

/** Every public text of an alert as frozen, with the hash an approval must name. */
export interface PresentedContent {
  /** SHA-256 (lower-case hex) of the canonical JSON of the content. */
  hash: string;
  renderedAt: number | null;
  renderedBy: string | null;
  languages: Record<string, FrozenLanguage>;
  /** The OASIS CAP 1.2 document, byte for byte as served. */
  cap: string;
}

/** POST /api/alerts, …/confirm-override, …/render, …/approve, …/correct and …/cancel. */
export interface AlertAnswer {
  alert: PresentedAlert;
}

/** The network-wide stop switch: while on, approved alerts are held instead of sent. */
export interface StopSwitchState {
  isStopped: boolean;
  changedBy: string | null;
  changedAt: number | null;
  /** Why it was last set or lifted (null before anyone gave one). */
  reason: string | null;
}

/** One area's stop switch, set by hand: while on, alerts in that area are held as by the network's. */
export interface AreaSwitchState {
  areaId: string;
  areaName: string;
  isStopped: boolean;
  changedBy: string;
  changedAt: number;
  reason: string | null;
}

/** POST /api/alerts/area-switches: the area's switch as it is now. */
export interface AreaSwitchAnswer {
  areaSwitch: AreaSwitchState;
}

/** POST /api/alerts/stop-switch. */
export interface StopSwitchAnswer {
  stopSwitch: StopSwitchState;
}

/** An area stopped by a one-person retraction, until a second coordinator reviews it. */
export interface AreaStop {
  /** null: alerts outside every area of the network. */
  areaId: string | null;
  /** The area's name when it was stopped (null outside every area). */
  areaName: string | null;
  /** The retraction that stopped it: what a review names (POST /api/alerts/:id/review-retraction). */
  retractionId: string;
  /** The live alert the retraction withdrew: why the area is stopped. */
  retractedAlertId: string | null;
  stoppedBy: string;
  stoppedAt: number;
}

/**
 * GET /api/alerts: newest first, with the stop switch, every area a retraction stopped, and every
 * area switch ever set by hand (on or off, with who, when and why).
 */
export interface AlertList {
  stopSwitch: StopSwitchState & { areaStops: AreaStop[]; areaSwitches: AreaSwitchState[] };
  alerts: PresentedAlert[];
}

/** POST /api/alerts/:alertId/retract: the retraction (approved at once) and the areas now stopped. */
export interface RetractionAnswer {
  alert: PresentedAlert;
  areaStops: AreaStop[];
}

/** POST /api/alerts/:alertId/review-retraction: the areas still stopped after the review. */
export interface RetractionReviewAnswer {
  areaStops: AreaStop[];
}

/** GET /api/alerts/:alertId/thread: the original, its corrections (drafts too) and its cancellation. */
export interface AlertThread {
  alerts: PresentedAlert[];
}

export type ChannelSummary = Record<DeliveryStatus, number> & {
  total: number;
  /** Twilio status callbacks: handed to the phone, or given up by the carrier. */
  delivered: number;
  undelivered: number;
};

export interface DeliverySummary {
  total: number;
  byChannel: Record<DeliveryChannel, ChannelSummary>;
}

/** GET /api/alerts/:alertId: with its frozen content and its delivery counts per channel and status. */
export interface AlertWithDeliveries {
  alert: PresentedAlert;
  content: PresentedContent | null;
  deliveries: DeliverySummary;
}

/** One language of what approving would send. */
export interface LanguagePreview extends AlertMessage {
  smsSegments: SmsSegmentCount;
  /** Subscribers who will get it in this language. */
  recipients: number;
}

/**
 * GET /api/alerts/:alertId/preview: the frozen texts of every language (never re-rendered here),
 * their hash, SMS segments, recipients per channel and the send time.
 */
export interface AlertPreview {
  alert: PresentedAlert;
  /** The frozen content these texts come from; approval must name `content.hash`. */
  content: PresentedContent | null;
  /** In the network's order of languages. */
  languages: LanguagePreview[];
  /**
   * Language → the fixed, shipped text a one-person retraction of this alert would send (before
   * the network name, link and how to stop): what the retraction's confirmation quotes.
   */
  retractionText: Record<string, string>;
  recipients: Record<DeliveryChannel, number> & { exerciseMembers: number; total: number };
  sms: {
    ratePerSecond: number;
    /** Seconds already booked by messages ahead in the queue. */
    queuedAheadSeconds: number;
    /** Until the last text of this alert leaves, at the configured rate (messages per second). */
    estimatedSeconds: number;
  };
}

/** A provider channel's circuit breaker as coordinators see it (docs/adr/0021). */
export type ProviderHealth = 'healthy' | 'throttled' | 'down';

/** One channel of an alert's delivery, live. */
export interface ChannelDeliveryStatus {
  /** Waiting to be sent (including held by a stop switch or quiet hours, and retries). */
  queued: number;
  /**
   * Of the queued: waiting for the provider, after a transient failure (429, 5xx, timeout) or
   * held by its circuit breaker while it refuses.
   */
  throttled: number;
  sending: number;
  sent: number;
  /** Provider callbacks: handed to the phone. */
  delivered: number;
  failed: number;
  /** Failed deliveries by reason (`sms_21610`, `push_410`, `email_550`, `expired`, ...). */
  failureReasons: Record<string, number>;
  /** Sends whose answer never came, being reconciled with the provider. */
  uncertain: number;
  suppressed: number;
  provider: { state: ProviderHealth; pausedUntil: number | null; lastErrorCode: string | null };
  /** Estimated seconds until every queued delivery has left, or null when nothing is queued. */
  etaSeconds: number | null;
}

/** GET /api/alerts/:alertId/delivery-status */
export interface AlertDeliveryStatus {
  alertId: string;
  /** When the alert stops being retried (its expiry). */
  expiresAt: number | null;
  channels: Record<DeliveryChannel, ChannelDeliveryStatus>;
}
