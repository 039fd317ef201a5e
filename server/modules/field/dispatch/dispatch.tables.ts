import type { OfferStatus, OnSceneOutcome } from './dispatch.contract.ts';

// The enums live in the contract (the members' app reads them); re-exported for the module's files.
export {
  activeOfferStatuses,
  offerStatuses,
  onSceneOutcomes,
  workingOfferStatuses,
} from './dispatch.contract.ts';
export type { OfferStatus, OnSceneOutcome } from './dispatch.contract.ts';

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
  /** When the responder expects to arrive, from the minutes given with "on my way". */
  eta_at: number | null;
  on_scene_at: number | null;
  done_at: number | null;
  outcome: OnSceneOutcome | null;
  outcome_at: number | null;
  outcome_notes_enc: string | null;
  livestream_url_enc: string | null;
  /** The key the responder's phone sent with the outcome, so a retry is answered, not refused. */
  outcome_client_key: string | null;
  updated_at: number;
}

declare module '../../../platform/database/schema.ts' {
  interface Database {
    dispatch_offers: DispatchOffersTable;
  }
}
