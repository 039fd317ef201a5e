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

export const onSceneOutcomes = ['confirmed', 'not_confirmed', 'false_alarm'] as const;
export type OnSceneOutcome = (typeof onSceneOutcomes)[number];

export interface DispatchOffersTable {
  id: string;
  network_id: string;
  incident_id: string;
  responder_member_id: string;
  offered_by: string;
  status: OfferStatus;
  /** Short code quoted in SMS replies (ACEPTO K7H3), so a late reply cannot hit a newer offer. */
  code: string;
  is_auto_escalating: number;
  escalated_from_id: string | null;
  escalation_depth: number;
  /** The language the dispatcher asked for; escalation keeps looking for it. */
  language: string | null;
  distance_meters: number | null;
  expires_at: number;
  offered_at: number;
  accepted_at: number | null;
  declined_at: number | null;
  expired_at: number | null;
  cancelled_at: number | null;
  en_route_at: number | null;
  on_scene_at: number | null;
  done_at: number | null;
  outcome: OnSceneOutcome | null;
  outcome_at: number | null;
  outcome_notes_enc: string | null;
  livestream_url_enc: string | null;
  updated_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    dispatch_offers: DispatchOffersTable;
  }
}
