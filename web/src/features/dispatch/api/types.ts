/** A responder the server suggests for an incident (GET /api/incidents/:incidentId/suggestions). */
export interface Suggestion {
  memberId: string;
  displayName: string;
  distanceMeters: number | null;
  etaMinutes: number | null;
  isLanguageMatch: boolean;
}

/** An offer as the dispatcher sees it (GET /api/incidents/:incidentId/offers). */
export interface IncidentOffer {
  id: string;
  responderMemberId: string;
  status: string;
  outcome: string | null;
  hasNotes?: boolean;
  hasLivestream?: boolean;
}

/** The responder's notes and livestream link (GET /api/offers/:offerId; each read is audited). */
export interface OfferReport {
  notes: string | null;
  livestreamUrl: string | null;
}

/** An offer as the responder sees it (GET /api/responders/me/offers). */
export interface ResponderOffer {
  id: string;
  status: string;
  outcome: string | null;
  expiresAt: number;
  incident: {
    id: string;
    category: string;
    status: string;
    location: { lat: number; lon: number } | null;
    zip: string | null;
  };
}

/** What the responder reports from the scene (POST /api/offers/:offerId/outcome). */
export interface OutcomeReport {
  outcome: string;
  notes?: string;
  livestreamUrl?: string;
}

/** On-scene outcomes (server dispatch.tables.ts onSceneOutcomes). */
export const onSceneOutcomes = ['confirmed', 'not_confirmed', 'false_alarm'] as const;
