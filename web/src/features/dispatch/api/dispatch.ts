import { get, post } from '../../../lib/api.ts';
import type { IncidentOfferList, OfferDetail, PresentedOffer, Suggestion, SuggestionList } from './types.ts';

export async function listIncidentOffers(incidentId: string): Promise<PresentedOffer[]> {
  return (await get<IncidentOfferList>(`/api/incidents/${incidentId}/offers`)).offers;
}

export async function listSuggestions(incidentId: string): Promise<Suggestion[]> {
  return (await get<SuggestionList>(`/api/incidents/${incidentId}/suggestions`)).suggestions;
}

export function sendOffer(incidentId: string, responderId: string): Promise<unknown> {
  return post(`/api/incidents/${incidentId}/offers`, { responderIds: [responderId] });
}

/** The offer with the responder's notes and livestream link (each read by a dispatcher is audited). */
export function getOfferReport(offerId: string): Promise<OfferDetail> {
  return get<OfferDetail>(`/api/offers/${offerId}`);
}

/** Withdraws an offer; the responder is told it is withdrawn (audited on the server). */
export function cancelOffer(offerId: string): Promise<unknown> {
  return post(`/api/offers/${offerId}/cancel`, {});
}
