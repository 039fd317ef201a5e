import { get, post } from '../../../lib/api.ts';
import type { IncidentOffer, OfferReport, Suggestion } from './types.ts';

export async function listIncidentOffers(incidentId: string): Promise<IncidentOffer[]> {
  return (await get<{ offers: IncidentOffer[] }>(`/api/incidents/${incidentId}/offers`)).offers;
}

export async function listSuggestions(incidentId: string): Promise<Suggestion[]> {
  return (await get<{ suggestions: Suggestion[] }>(`/api/incidents/${incidentId}/suggestions`)).suggestions;
}

export function sendOffer(incidentId: string, responderId: string): Promise<unknown> {
  return post(`/api/incidents/${incidentId}/offers`, { responderIds: [responderId] });
}

export function getOfferReport(offerId: string): Promise<OfferReport> {
  return get<OfferReport>(`/api/offers/${offerId}`);
}
