import { z } from 'zod';
import type { IncidentStatus, ReportCategory } from '../../intake/incidents/incident.contract.ts';
import type { OnCallSource } from '../responders/responder.contract.ts';

/**
 * offered → accepted → en_route → on_scene → done (steps may be skipped forward); an offer not yet
 * accepted may be declined, expire, or be cancelled; a live one may be cancelled (stand down).
 */
export const offerStatuses = [
  'offered',
  'accepted',
  'en_route',
  'on_scene',
  'done',
  'declined',
  'expired',
  'cancelled',
] as const;
export type OfferStatus = (typeof offerStatuses)[number];

/** Statuses that hold the responder: at most one such offer per responder (unique partial index). */
export const activeOfferStatuses = [
  'offered',
  'accepted',
  'en_route',
  'on_scene',
] as const satisfies readonly OfferStatus[];

/** Statuses after acceptance while the responder works the incident. */
export const workingOfferStatuses = [
  'accepted',
  'en_route',
  'on_scene',
  'done',
] as const satisfies readonly OfferStatus[];
export type WorkingOfferStatus = (typeof workingOfferStatuses)[number];

/** Realtime events about an offer, to the incident's dispatchers and the responder (ids and states). */
export type OfferEventType =
  | 'dispatch.offerSent'
  | 'dispatch.offerAccepted'
  | 'dispatch.offerDeclined'
  | 'dispatch.offerExpired'
  | 'dispatch.offerCancelled'
  | 'dispatch.statusReported'
  | 'dispatch.outcomeReported';

export const onSceneOutcomes = ['confirmed', 'not_confirmed', 'false_alarm'] as const;
export type OnSceneOutcome = (typeof onSceneOutcomes)[number];

const languageTagSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as es');

export const incidentParamsSchema = z.object({ incidentId: z.uuid() });
export const offerParamsSchema = z.object({ offerId: z.uuid() });

export const suggestionQuerySchema = z.strictObject({
  language: languageTagSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

/** Three minutes unless the dispatcher says otherwise. */
export const defaultOfferSeconds = 180;

export const sendOffersSchema = z.strictObject({
  responderIds: z
    .array(z.uuid())
    .min(1)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a responder'),
  autoEscalate: z.boolean().optional(),
  expiresInSeconds: z.number().int().min(30).max(3600).optional(),
  /** The language the incident needs; escalation keeps preferring its speakers. */
  language: languageTagSchema.optional(),
});
export type SendOffersInput = z.infer<typeof sendOffersSchema>;

/** With "on my way", the responder may say in how many minutes they expect to arrive. */
export const offerStatusReportSchema = z
  .strictObject({
    status: z.enum(['enRoute', 'onScene', 'done']),
    etaMinutes: z.number().int().min(1).max(240).optional(),
  })
  .refine((body) => body.etaMinutes === undefined || body.status === 'enRoute', {
    message: 'an arrival estimate goes only with enRoute',
    path: ['etaMinutes'],
  });

const httpsUrlSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .max(2000)
  .refine((value) => !/[\s<>"']/.test(value), 'must be a plain https link');

export const outcomeSchema = z.strictObject({
  outcome: z.enum(onSceneOutcomes),
  notes: z.string().trim().min(1).max(4000).optional(),
  livestreamUrl: httpsUrlSchema.optional(),
});
export type OutcomeInput = z.infer<typeof outcomeSchema>;

/**
 * The `Idempotency-Key` header a responder's phone sends with a queued outcome or upload: a UUID
 * made once per queued item, so a retry after a dropped connection never counts twice.
 */
export const idempotencyHeadersSchema = z.object({ 'idempotency-key': z.uuid().optional() });

export const myOffersQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

// Answers

/** An offer as the API shows it: times and states, no free text (notes come with the detail). */
export interface PresentedOffer {
  id: string;
  incidentId: string;
  responderMemberId: string;
  offeredBy: string;
  status: OfferStatus;
  isAutoEscalating: boolean;
  escalatedFromId: string | null;
  distanceMeters: number | null;
  expiresAt: number;
  offeredAt: number;
  acceptedAt: number | null;
  declinedAt: number | null;
  expiredAt: number | null;
  cancelledAt: number | null;
  enRouteAt: number | null;
  /** When the responder expects to arrive (given with "on my way"); null when not given. */
  etaAt: number | null;
  onSceneAt: number | null;
  doneAt: number | null;
  outcome: OnSceneOutcome | null;
  outcomeAt: number | null;
  hasNotes: boolean;
  hasLivestream: boolean;
  /** Only for the responder it was sent to: the code to quote in a texted reply. */
  code?: string;
}

/** A responder the server suggests for an incident, nearest (and speakers of the language) first. */
export interface Suggestion {
  memberId: string;
  displayName: string;
  languages: string[];
  isLanguageMatch: boolean;
  onCallSource: OnCallSource;
  /** On duty now by the rota (issue 16): listed before those who are only on call. */
  isOnDuty: boolean;
  /** Null when the responder shares no current location. */
  distanceMeters: number | null;
  /** Minutes as the crow flies at urban driving speed; null without a location. */
  etaMinutes: number | null;
  trainings: string[];
}

/** GET /api/incidents/:incidentId/suggestions. */
export interface SuggestionList {
  incidentId: string;
  language: string | null;
  suggestions: Suggestion[];
}

/** POST /api/incidents/:incidentId/offers. */
export interface SentOffers {
  offers: PresentedOffer[];
  /** Responders skipped because they hold a live offer (another dispatcher may have just sent one). */
  unavailableResponderIds: string[];
}

/** GET /api/incidents/:incidentId/offers. */
export interface IncidentOfferList {
  offers: PresentedOffer[];
}

/** What a responder learns of an incident: before accepting, its kind; after, where it is. */
export interface ResponderIncidentView {
  id: string;
  category: ReportCategory;
  status: IncidentStatus;
  location: { lat: number; lon: number } | null;
  zip: string | null;
}

export interface OfferWithIncident extends PresentedOffer {
  incident: ResponderIncidentView;
}

/** GET /api/responders/me/offers: newest first. */
export interface OwnOfferList {
  offers: OfferWithIncident[];
}

/** GET /api/offers/:offerId: with the notes and livestream link (a dispatcher's read is audited). */
export interface OfferDetail {
  offer: PresentedOffer;
  incident: ResponderIncidentView;
  notes: string | null;
  livestreamUrl: string | null;
}

/** POST /api/offers/:offerId/accept, …/decline, …/status and …/cancel. */
export interface OfferAnswer {
  offer: PresentedOffer;
}

/** POST /api/offers/:offerId/outcome. */
export interface ReportedOutcome {
  offer: PresentedOffer;
  incident: { id: string; status: IncidentStatus };
  /** False when the incident already had an outcome (the first verified report stands). */
  isIncidentChanged: boolean;
}
